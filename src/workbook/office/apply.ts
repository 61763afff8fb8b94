// Applies a report Plan to the open workbook: (1) find the sheets this add-in owns (by their
// marker names) and the names in use; (2) remove the outputs being replaced, add and mark the new
// sheets; (3) write every cell, format, rule and table — split only when it would pass the
// payload budget; then pictures and page setup in requests of their own (ExcelApi 1.9). Four
// requests for the DID report. A user's sheet is never touched.
import {
  type BorderEdge,
  type CellStyle,
  type ChartSpec,
  type ColorStop,
  type ConditionalFormat,
  type ImagePlan,
  type Plan,
  type Rect,
  type SheetPlan,
  keyFromMarkerName,
  markerName,
} from "../../report/plan";
import { walkSheetPlanAsync } from "../../report/plan-walk";
import { BASE_FONT, BORDER_COLOR, DEFAULT_TABLE_STYLE, RULE_BORDER_COLOR } from "../../report/house-style";
import type { ApplyReport, ProgressFn } from "../port";
import { splitAddress } from "../address";
import { type BatchOptions, apiSupported, jsonBytes, runExcel } from "./excel";
import {
  numberedSheetName,
  numberedTableName,
  safeSheetName,
  safeTableName,
  scratchName,
  uniqueName,
} from "./names";
import { BatchWriter, COST, writeRows } from "./writer";

/** Excel character widths (as files store them) → points (as office.js sets them), for a 7 px digit. */
export function widthToPoints(chars: number): number {
  const px = Math.trunc(((256 * chars + Math.trunc(128 / 7)) / 256) * 7);
  return px * 0.75;
}

const rangeOf = (ws: Excel.Worksheet, r: Rect): Excel.Range =>
  ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols);

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const EDGE = { top: "EdgeTop", bottom: "EdgeBottom", left: "EdgeLeft", right: "EdgeRight" } as const;

/**
 * Font, fill, alignment and outline of a block: one operation per property for the whole block.
 * Each writer operation makes its own range, so that it can be queued again (BatchWriter.op).
 */
async function styleRange(w: BatchWriter, ws: Excel.Worksheet, rect: Rect, style: CellStyle): Promise<void> {
  const f = style.font;
  await w.op(COST.style, () => {
    const range = rangeOf(ws, rect);
    const font = range.format.font;
    font.name = BASE_FONT.name;
    font.size = f?.size ?? BASE_FONT.size;
    if (f?.bold) font.bold = true;
    if (f?.italic) font.italic = true;
    if (f?.underline) font.underline = "Single";
    if (f?.color) font.color = f.color;
    if (style.fill) range.format.fill.color = style.fill;
    if (style.horizontal) range.format.horizontalAlignment = H_ALIGN[style.horizontal];
    if (style.vertical) range.format.verticalAlignment = V_ALIGN[style.vertical];
    if (style.wrap) range.format.wrapText = true;
  });
  for (const edge of style.border ?? [])
    await w.op(COST.borderEdge, () => {
      const b = rangeOf(ws, rect).format.borders.getItem(EDGE[edge as BorderEdge]);
      b.style = "Continuous";
      b.weight = "Thin";
      b.color = BORDER_COLOR;
    });
}

function criterion(stop: ColorStop): Excel.ConditionalColorScaleCriterion {
  switch (stop.type) {
    case "lowestValue":
      return { type: "LowestValue", formula: null as unknown as string, color: stop.color };
    case "highestValue":
      return { type: "HighestValue", formula: null as unknown as string, color: stop.color };
    case "number":
      return { type: "Number", formula: String(stop.value ?? 0), color: stop.color };
    case "percentile":
      return { type: "Percentile", formula: String(stop.value ?? 50), color: stop.color };
  }
}

const OPERATOR = {
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  between: "Between",
  equal: "EqualTo",
  notEqual: "NotEqualTo",
} as const;

type CfFormat = {
  font: Excel.ConditionalRangeFont;
  fill: Excel.ConditionalRangeFill;
  borders: Excel.ConditionalRangeBorderCollection;
};

function cfFormat(
  target: CfFormat,
  format: { font?: { bold?: boolean; italic?: boolean; color?: string }; fill?: string; border?: boolean },
): void {
  if (format.font?.bold) target.font.bold = true;
  if (format.font?.italic) target.font.italic = true;
  if (format.font?.color) target.font.color = format.font.color;
  if (format.fill) target.fill.color = format.fill;
  if (format.border) {
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const) {
      const b = target.borders.getItem(edge);
      b.style = "Continuous";
      b.color = RULE_BORDER_COLOR;
    }
  }
}

/** One rule for the whole range, never one per cell. */
export async function conditionalFormat(
  w: BatchWriter,
  ws: Excel.Worksheet,
  cf: ConditionalFormat,
): Promise<void> {
  await w.op(COST.rule + jsonBytes(cf) + ("format" in cf && cf.format.border ? COST.ruleBorders : 0), () =>
    queueRule(ws, cf),
  );
}

function queueRule(ws: Excel.Worksheet, cf: ConditionalFormat): void {
  const formats = rangeOf(ws, cf.range).conditionalFormats;
  if (cf.type === "colorScale") {
    const c = formats.add("ColorScale");
    c.colorScale.criteria = {
      minimum: criterion(cf.min),
      ...(cf.mid ? { midpoint: criterion(cf.mid) } : {}),
      maximum: criterion(cf.max),
    };
  } else if (cf.type === "expression") {
    const c = formats.add("Custom");
    c.custom.rule.formula = `=${cf.formula}`;
    cfFormat(c.custom.format, cf.format);
  } else {
    const c = formats.add("CellValue");
    const [a = 0, b] = cf.values;
    c.cellValue.rule = {
      formula1: `=${a}`,
      ...(b !== undefined ? { formula2: `=${b}` } : {}),
      operator: OPERATOR[cf.operator],
    };
    cfFormat(c.cellValue.format, cf.format);
  }
}

const formatsOf = (style: CellStyle, cols: number): (string | undefined)[] | undefined =>
  style.numberFormat === undefined
    ? undefined
    : Array.from({ length: cols }, (_, j) =>
        Array.isArray(style.numberFormat) ? style.numberFormat[j] : (style.numberFormat as string),
      );

/**
 * Queues every cell, format, rule, table and chart of `sheet` on `w`: this adapter's handlers of
 * the one walk (exported for the payload test).
 */
export async function writeSheet(
  w: BatchWriter,
  ws: Excel.Worksheet,
  sheet: SheetPlan,
  tableNames: Set<string>,
  features: Features,
): Promise<void> {
  await walkSheetPlanAsync(sheet, {
    key: () => {}, // the marker name, added by applyPlan / rewriteSheets with the sheet
    name: () => {}, // chosen by applyPlan (renamed when a user's sheet has it)
    tabColor: (color) => w.op(0, () => void (ws.tabColor = color)),
    // Worksheet.showGridlines is ExcelApi 1.8; older hosts keep their gridlines.
    hideGridlines: (hide) =>
      hide && features.gridlines ? w.op(0, () => void (ws.showGridlines = false)) : undefined,
    blocks: async (blocks) => {
      for (const b of blocks) {
        const cols = b.values.reduce((m, r) => Math.max(m, r.length), 0);
        if (cols === 0 || b.values.length === 0) continue;
        await writeRows(w, ws, b.row, b.col, b.values, formatsOf(b, cols));
        await styleRange(w, ws, { row: b.row, col: b.col, rows: b.values.length, cols }, b);
      }
    },
    formulas: async (formulas) => {
      for (const f of formulas) {
        const rect = { row: f.row, col: f.col, rows: 1, cols: 1 };
        const fmt = formatsOf(f, 1)?.[0];
        await w.op(jsonBytes(f), () => {
          const range = rangeOf(ws, rect);
          if (fmt) range.numberFormat = [[fmt]];
          range.formulas = [[`=${f.formula}`]];
        });
        await styleRange(w, ws, rect, f);
      }
    },
    merges: async (merges) => {
      for (const m of merges) await w.op(40, () => rangeOf(ws, m).merge(false));
    },
    columnWidths: async (widths) => {
      for (const c of widths)
        await w.op(
          40,
          () => void (ws.getRangeByIndexes(0, c.col, 1, 1).format.columnWidth = widthToPoints(c.width)),
        );
    },
    rowHeights: async (heights) => {
      for (const h of heights)
        await w.op(40, () => void (ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height));
    },
    conditionalFormats: async (cfs) => {
      for (const cf of cfs) await conditionalFormat(w, ws, cf);
    },
    tables: async (tables) => {
      for (const t of tables) {
        const name = uniqueName(safeTableName(t.name), tableNames, numberedTableName);
        tableNames.add(name.toLowerCase());
        await w.op(COST.table, () => {
          const table = ws.tables.add(rangeOf(ws, t.range), true);
          table.name = name;
          table.style = t.style ?? DEFAULT_TABLE_STYLE;
          table.showFilterButton = t.showFilter ?? true;
        });
      }
    },
    freeze: ({ rows, cols }) =>
      rows > 0 || cols > 0
        ? w.op(40, () => {
            if (cols === 0) ws.freezePanes.freezeRows(rows);
            else if (rows === 0) ws.freezePanes.freezeColumns(cols);
            else ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
          })
        : undefined,
    charts: async (charts) => {
      for (const chart of charts) await addChart(w, ws, chart);
    },
    // Pictures need their anchors' positions read back after the content: placeImages, later.
    images: () => {},
    // Hosts differ in the page setup they accept: pageSetup, in a request of its own.
    print: () => {},
  });
}

const CHART_TYPE = {
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
  xyScatter: "XYScatter",
  xyScatterLines: "XYScatterLines",
  line: "Line",
} as const;

const isLine = (kind: ChartSpec["kind"]) => kind === "line" || kind === "xyScatterLines";

/**
 * A native chart over cells of its own sheet (ExcelApi 1.7 series editing). Files get no chart:
 * ExcelJS cannot write them, so this is the one place the open workbook shows more than a file.
 */
async function addChart(w: BatchWriter, ws: Excel.Worksheet, spec: ChartSpec): Promise<void> {
  if (spec.series.length === 0) return;
  await w.op(COST.chart + COST.chartSeries * spec.series.length, () => queueChart(ws, spec));
}

function queueChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const [first, ...rest] = spec.series;
  if (!first) return;
  const chart = ws.charts.add(CHART_TYPE[spec.kind], rangeOf(ws, first.values), "Columns");
  chart.setPosition(
    ws.getRangeByIndexes(spec.anchor.row, spec.anchor.col, 1, 1),
    ws.getRangeByIndexes(
      spec.anchor.row + spec.anchor.rows - 1,
      spec.anchor.col + spec.anchor.cols - 1,
      1,
      1,
    ),
  );
  chart.title.text = spec.title;
  if (spec.xAxisTitle) chart.axes.categoryAxis.title.text = spec.xAxisTitle;
  if (spec.yAxisTitle) chart.axes.valueAxis.title.text = spec.yAxisTitle;
  const all = [
    { s: first, series: chart.series.getItemAt(0) },
    ...rest.map((s) => ({ s, series: chart.series.add(s.name) })),
  ];
  for (const { s, series } of all) {
    series.name = s.name;
    if (s !== first) series.setValues(rangeOf(ws, s.values));
    const x = s.xValues ?? spec.categories;
    if (x) series.setXAxisValues(rangeOf(ws, x));
    const kind = s.kind ?? spec.kind;
    if (s.kind && s.kind !== spec.kind) series.chartType = CHART_TYPE[s.kind];
    if (s.color) {
      if (kind === "columnClustered" || kind === "barClustered") series.format.fill.setSolidColor(s.color);
      if (isLine(kind)) series.format.line.color = s.color;
      if ((kind === "xyScatter" || isLine(kind)) && !s.lineOnly) {
        series.markerBackgroundColor = s.color;
        series.markerForegroundColor = s.color;
      }
    }
    if (s.dash) series.format.line.lineStyle = "Dash";
    if (s.lineOnly) series.markerStyle = "None";
    if (s.markerOnly) {
      // Limits beside ranked bars: a tick per area, no connecting line (ExcelApi 1.7).
      series.format.line.lineStyle = "None";
      series.markerStyle = "Dash";
    }
  }
}

function setPage(ws: Excel.Worksheet, sheet: SheetPlan): void {
  const print = sheet.print;
  if (!print) return;
  const p = ws.pageLayout;
  p.orientation = print.landscape ? "Landscape" : "Portrait";
  p.paperSize = "A4";
  if (print.scale !== undefined) p.zoom = { scale: print.scale };
  else if (print.fitToWidth) p.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  // PageBreakCollection.add: "Adds a page break before the top-left cell of the range specified"
  // (ExcelApi 1.9, https://learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection#excel-excel-pagebreakcollection-add-member(1)).
  for (const r of print.rowBreaks ?? []) if (r > 0) ws.horizontalPageBreaks.add(`A${r + 1}`);
  // Inches in files, points here: 0.4" sides, 0.5" top and bottom, 0.3" header and footer.
  p.leftMargin = p.rightMargin = 0.4 * 72;
  p.topMargin = p.bottomMargin = 0.5 * 72;
  p.headerMargin = p.footerMargin = 0.3 * 72;
  const title = (print.title ?? sheet.name).replace(/&/g, "&&");
  p.headersFooters.defaultForAllPages.leftFooter = title;
  p.headersFooters.defaultForAllPages.rightFooter = "Page &P of &N";
  // The table's header on every printed page, as the file writer's printTitlesRow.
  const rr = print.repeatRows;
  if (rr) p.setPrintTitleRows(`$${rr.row + 1}:$${rr.row + rr.rows}`);
}

/**
 * Print setup (ExcelApi 1.9), as the ExcelJS writer sets it, in a request of its own (a full run
 * and a live rewrite alike): hosts differ in what page setup they accept, and a refusal must not
 * cost the report itself.
 */
export async function pageSetup(
  ctx: Excel.RequestContext,
  items: { ws: Excel.Worksheet; sheet: SheetPlan }[],
): Promise<number> {
  const todo = items.filter((x) => x.sheet.print);
  if (todo.length === 0) return 0;
  ctx.application.suspendScreenUpdatingUntilNextSync();
  for (const { ws, sheet } of todo) setPage(ws, sheet);
  try {
    await ctx.sync();
  } catch (e) {
    console.warn("stdrates: page setup was not applied", e);
  }
  return 1;
}

/**
 * Pictures over their anchor cells (ExcelApi 1.9). Excel decides row heights (text autofits
 * them), so the anchor's position is read back from Excel, not guessed: one more request, only
 * when the Plan has pictures.
 */
async function placeImages(w: BatchWriter, items: { ws: Excel.Worksheet; img: ImagePlan }[]): Promise<void> {
  if (items.length === 0) return;
  // Loaded with the content request (after the writes that size rows), read after its sync.
  await w.reserve(40 * items.length);
  const anchors = items.map(({ ws, img }) => rangeOf(ws, img.anchor).load("left,top,width,height"));
  await w.flush();
  for (let i = 0; i < items.length; i++) {
    const { ws, img } = items[i]!;
    const a = anchors[i]!;
    await w.reserve(img.base64.length + COST.image);
    const shape = ws.shapes.addImage(img.base64);
    shape.lockAspectRatio = false;
    shape.left = a.left;
    shape.top = a.top;
    shape.width = a.width;
    shape.height = a.height;
    shape.altTextTitle = img.title;
  }
}

export interface Features {
  gridlines: boolean;
  pageLayout: boolean;
  shapes: boolean;
}

/** What this host can do beyond the manifest's floor. */
export const features = (): Features => ({
  gridlines: apiSupported("1.8"),
  pageLayout: apiSupported("1.9"),
  // Pictures are placed at their anchor's Range.left/top/width/height: ExcelApi 1.10 (addImage is 1.9).
  shapes: apiSupported("1.10"),
});

export function applyPlan(plan: Plan, onProgress?: ProgressFn, run?: BatchOptions): Promise<ApplyReport> {
  return runExcel(async (ctx) => {
    const wb = ctx.workbook;
    const can = features();
    onProgress?.({ phase: "write", fraction: 0, detail: "Finding earlier output" });

    // (1) What is there: sheets, and the marker names saying which of them are ours.
    const sheets = wb.worksheets.load("items/name");
    const names = wb.names.load("items/name,items/type,items/value");
    await ctx.sync();
    let syncs = 1;
    const existing = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s.name]));
    const owned = new Map<string, string>();
    const dropMarkers: string[] = [];
    for (const n of names.items) {
      const key = keyFromMarkerName(n.name);
      if (key === undefined) continue;
      const sheet =
        n.type === "Range" ? existing.get(splitAddress(String(n.value)).sheet.toLowerCase()) : undefined;
      if (sheet && !owned.has(key)) owned.set(key, sheet);
      else dropMarkers.push(n.name); // stale: its sheet is gone (#REF!), or a duplicate
    }
    const replaced = plan.sheets.flatMap((s) =>
      owned.has(s.key) ? [{ key: s.key, sheet: owned.get(s.key)! }] : [],
    );
    const taken = new Set(existing.keys());
    for (const r of replaced) taken.delete(r.sheet.toLowerCase());
    const finalNames = plan.sheets.map((s) => {
      const n = uniqueName(safeSheetName(s.name), taken, numberedSheetName);
      taken.add(n.toLowerCase());
      return n;
    });

    // (2) Swap sheets: old outputs step aside, new sheets are added, then the old ones go.
    // Adding before deleting keeps a visible sheet when every sheet was an output.
    const wanted = new Set(finalNames.map((n) => n.toLowerCase()));
    const allNames = new Set([...existing.keys(), ...wanted]);
    if (apiSupported("1.9")) ctx.application.suspendScreenUpdatingUntilNextSync();
    for (const m of dropMarkers) wb.names.getItem(m).delete();
    for (const r of replaced) wb.names.getItem(markerName(r.key)).delete();
    const old = replaced.map((r) => {
      const ws = wb.worksheets.getItem(r.sheet);
      if (wanted.has(r.sheet.toLowerCase())) {
        const scratch = scratchName(allNames);
        allNames.add(scratch.toLowerCase());
        ws.name = scratch;
      }
      return ws;
    });
    const added = finalNames.map((n) => wb.worksheets.add(n));
    // Marked at once: if writing fails later, the rerun still knows these sheets are its own.
    plan.sheets.forEach((s, i) => wb.names.add(markerName(s.key), added[i]!.getRange("A1"), plan.marker));
    for (const ws of old) ws.delete();
    const tables = wb.tables.load("items/name");
    await ctx.sync();
    syncs++;
    const tableNames = new Set(tables.items.map((t) => t.name.toLowerCase()));

    // (3) Content and activation: as few requests as the budget allows.
    const w = new BatchWriter(ctx);
    const sheetNames: Record<string, string> = {};
    for (let i = 0; i < plan.sheets.length; i++) {
      const sheet = plan.sheets[i]!;
      const ws = added[i]!;
      await writeSheet(w, ws, sheet, tableNames, can);
      sheetNames[sheet.key] = finalNames[i]!;
      onProgress?.({ phase: "write", fraction: (i + 1) / plan.sheets.length, detail: finalNames[i] });
    }
    const active = plan.activate ? plan.sheets.findIndex((s) => s.key === plan.activate) : -1;
    if (active >= 0) await w.op(0, () => added[active]!.activate());
    if (can.shapes)
      await placeImages(
        w,
        plan.sheets.flatMap((s, i) => (s.images ?? []).map((img) => ({ ws: added[i]!, img }))),
      );
    await w.flush();
    if (can.pageLayout)
      syncs += await pageSetup(
        ctx,
        plan.sheets.map((sheet, i) => ({ ws: added[i]!, sheet })),
      );
    return { sheetNames, syncs: syncs + w.syncs };
  }, run);
}

/**
 * Live: rewrites whole the output sheets whose shape changed, in place of their old copies (same
 * name, position and marker), queued on the caller's writer so they share its request with the
 * changed cells of the other sheets. One request reads positions and table names first. Pictures,
 * when a sheet has any, need their anchors read back. Returns the new sheets whose page setup the
 * caller applies with pageSetup(), after the content, in a request of its own.
 */
export async function rewriteSheets(
  w: BatchWriter,
  items: { sheet: SheetPlan; name: string }[],
  marker: string,
): Promise<{ ws: Excel.Worksheet; sheet: SheetPlan }[]> {
  if (items.length === 0) return [];
  const ctx = w.ctx;
  const wb = ctx.workbook;
  const can = features();
  const sheets = wb.worksheets.load("items/name");
  const tables = wb.tables.load("items/name");
  const active = wb.worksheets.getActiveWorksheet().load("name");
  const olds = items.map(({ name }) => {
    const ws = wb.worksheets.getItem(name).load("position");
    return { ws, tables: ws.tables.load("items/name") };
  });
  await ctx.sync(); // callers queue nothing before this: it is the one extra request
  w.syncs++;
  const allNames = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const tableNames = new Set(tables.items.map((t) => t.name.toLowerCase()));
  for (const o of olds) for (const t of o.tables.items) tableNames.delete(t.name.toLowerCase());
  const added: Excel.Worksheet[] = [];
  for (let i = 0; i < items.length; i++) {
    const { sheet, name } = items[i]!;
    const old = olds[i]!.ws;
    await w.reserve(COST.sheetSwap);
    const scratch = scratchName(allNames);
    allNames.add(scratch.toLowerCase());
    old.name = scratch;
    const ws = wb.worksheets.add(name);
    ws.position = old.position;
    wb.names.getItem(markerName(sheet.key)).delete();
    wb.names.add(markerName(sheet.key), ws.getRange("A1"), marker);
    if (active.name === name) ws.activate(); // the user stays where they were
    old.delete();
    await writeSheet(w, ws, sheet, tableNames, can);
    added.push(ws);
  }
  if (can.shapes)
    await placeImages(
      w,
      items.flatMap(({ sheet }, i) => (sheet.images ?? []).map((img) => ({ ws: added[i]!, img }))),
    );
  return can.pageLayout ? items.map(({ sheet }, i) => ({ ws: added[i]!, sheet })) : [];
}
