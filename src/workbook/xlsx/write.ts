// The ExcelJS adapter: applies a Plan to a workbook (new, or a copy of the user's), replacing only
// the sheets a marker says stdrates wrote. Used by the CLI (--out, --in-place-copy, demo), the
// standalone preview and the tests. Formulas come only from Plan.formulas, never from text.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PRODUCT } from "../../version";
import {
  type BorderEdge,
  type CellStyle,
  type ColorStop,
  type ConditionalFormat,
  type Font,
  type Plan,
  type Rect,
  type SheetPlan,
  type TablePlan,
  type ValueBlock,
  keyFromMarkerName,
  markerName,
} from "../../report/plan";
import { walkSheetPlan } from "../../report/plan-walk";
import {
  BASE_FONT as HOUSE_FONT,
  BORDER_COLOR,
  DEFAULT_TABLE_STYLE,
  RULE_BORDER_COLOR,
} from "../../report/house-style";
import { columnLetter } from "../../engine/errors";
import { numberedSheetName, numberedTableName, safeSheetName, safeTableName, uniqueName } from "../names";
import type { ApplyReport } from "../port";

const argb = (hex: string) => `FF${hex.replace(/^#/, "").toUpperCase()}`;

/** The sheet's own name as it appears in a defined name's reference: 'Annex B'!$A$1 → Annex B. */
function sheetOfRef(ref: string): string | undefined {
  const bang = ref.lastIndexOf("!");
  if (bang < 0) return undefined;
  const s = ref.slice(0, bang);
  return s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
const markerRef = (sheet: string) => `${quoteSheet(sheet)}!$A$1`;

/** Sheets stdrates wrote earlier: key → worksheet, found by their marker names. Stale markers are dropped. */
export function ownedSheets(wb: ExcelJS.Workbook): Map<string, ExcelJS.Worksheet> {
  const owned = new Map<string, ExcelJS.Worksheet>();
  for (const { name, ranges } of wb.definedNames.model) {
    const key = keyFromMarkerName(name);
    if (key === undefined) continue;
    for (const ref of ranges) {
      const sheet = sheetOfRef(ref);
      const ws = sheet === undefined ? undefined : wb.getWorksheet(sheet);
      if (ws && !owned.has(key)) owned.set(key, ws);
      else wb.definedNames.remove(ref, name);
    }
  }
  return owned;
}

function font(f: Font | undefined): Partial<ExcelJS.Font> | undefined {
  if (!f) return undefined;
  const out: Partial<ExcelJS.Font> = { name: HOUSE_FONT.name, size: f.size ?? HOUSE_FONT.size };
  if (f.bold) out.bold = true;
  if (f.italic) out.italic = true;
  if (f.underline) out.underline = true;
  if (f.color) out.color = { argb: argb(f.color) };
  return out;
}

const BASE_FONT: Partial<ExcelJS.Font> = { ...HOUSE_FONT };
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: argb(BORDER_COLOR) } };

/**
 * The ExcelJS style of one cell of a block. Cells that share a style share the object: ExcelJS
 * caches style ids by object identity, which makes a 500k-cell sheet several times faster to save.
 */
function blockStyle(style: CellStyle, col: number, edges: Set<BorderEdge>): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  const fmt = Array.isArray(style.numberFormat) ? style.numberFormat[col] : style.numberFormat;
  if (fmt) out.numFmt = fmt;
  out.font = font(style.font) ?? BASE_FONT;
  if (style.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.horizontal || style.vertical || style.wrap)
    out.alignment = {
      ...(style.horizontal ? { horizontal: style.horizontal } : {}),
      ...(style.vertical ? { vertical: style.vertical } : {}),
      ...(style.wrap ? { wrapText: true } : {}),
    };
  if (edges.size > 0) {
    const b: Partial<ExcelJS.Borders> = {};
    for (const e of edges) b[e] = THIN;
    out.border = b;
  }
  return out;
}

/** A later block over an already written cell keeps what it does not set (number format, borders). */
function mergeStyle(prev: Partial<ExcelJS.Style>, next: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  return {
    ...prev,
    ...next,
    ...(prev.border || next.border ? { border: { ...prev.border, ...next.border } } : {}),
  };
}

/** Outline edges of a block that touch cell (i, j). */
function edgesAt(
  border: BorderEdge[] | undefined,
  i: number,
  j: number,
  rows: number,
  cols: number,
): Set<BorderEdge> {
  const s = new Set<BorderEdge>();
  if (!border) return s;
  if (border.includes("top") && i === 0) s.add("top");
  if (border.includes("bottom") && i === rows - 1) s.add("bottom");
  if (border.includes("left") && j === 0) s.add("left");
  if (border.includes("right") && j === cols - 1) s.add("right");
  return s;
}

const rangeRef = (r: Rect) =>
  `${columnLetter(r.col + 1)}${r.row + 1}:${columnLetter(r.col + r.cols)}${r.row + r.rows}`;

function cfvo(stop: ColorStop): ExcelJS.Cvfo {
  switch (stop.type) {
    case "lowestValue":
      return { type: "min" };
    case "highestValue":
      return { type: "max" };
    case "number":
      return { type: "num", value: stop.value ?? 0 };
    case "percentile":
      return { type: "percentile", value: stop.value ?? 50 };
  }
}

function dxf(format: { font?: Font; fill?: string; border?: boolean }): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (format.font) {
    const f: Partial<ExcelJS.Font> = {};
    if (format.font.bold) f.bold = true;
    if (format.font.italic) f.italic = true;
    if (format.font.underline) f.underline = true;
    if (format.font.color) f.color = { argb: argb(format.font.color) };
    style.font = f;
  }
  // Conditional-format fills use bgColor (Excel's dxf convention).
  if (format.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(format.fill) } };
  if (format.border) {
    const b = { style: "thin" as const, color: { argb: argb(RULE_BORDER_COLOR) } };
    style.border = { top: b, bottom: b, left: b, right: b };
  }
  return style;
}

function conditionalFormat(ws: ExcelJS.Worksheet, cf: ConditionalFormat): void {
  const ref = rangeRef(cf.range);
  let rule: ExcelJS.ConditionalFormattingRule;
  if (cf.type === "colorScale") {
    const stops = cf.mid ? [cf.min, cf.mid, cf.max] : [cf.min, cf.max];
    rule = {
      type: "colorScale",
      cfvo: stops.map(cfvo),
      color: stops.map((s) => ({ argb: argb(s.color) })),
    } as ExcelJS.ConditionalFormattingRule;
  } else if (cf.type === "expression") {
    rule = {
      type: "expression",
      formulae: [cf.formula],
      style: dxf(cf.format),
    } as ExcelJS.ConditionalFormattingRule;
  } else {
    rule = {
      type: "cellIs",
      operator: cf.operator,
      formulae: cf.values.map(String),
      style: dxf(cf.format),
    } as ExcelJS.ConditionalFormattingRule;
  }
  // No priority given: ExcelJS numbers the rules 1, 2, 3… in plan order (Excel dislikes duplicates).
  ws.addConditionalFormatting({ ref, rules: [rule] });
}

function allTableNames(wb: ExcelJS.Workbook): Set<string> {
  const names = new Set<string>();
  wb.eachSheet((ws) => {
    for (const t of ws.getTables() as unknown as { name?: string; table?: { name: string } }[])
      names.add((t.table?.name ?? t.name ?? "").toLowerCase());
  });
  return names;
}

/** Writes one sheet of the Plan onto a fresh worksheet: this adapter's handlers of the one walk. */
function writeSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, sheet: SheetPlan): void {
  const written = new Set<string>();
  const put = (cell: ExcelJS.Cell, style: Partial<ExcelJS.Style>) => {
    const at = cell.address;
    cell.style = written.has(at) ? mergeStyle(cell.style, style) : style;
    written.add(at);
  };
  // Panes and gridlines are one sheet view in a file: the handlers fill it in, it is set once.
  const view: Partial<ExcelJS.WorksheetView> & { xSplit?: number; ySplit?: number } = {
    state: "normal",
    showGridLines: true,
  };
  walkSheetPlan(sheet, {
    key: () => {}, // the marker name, added by applyPlanToWorkbook
    name: () => {}, // chosen by applyPlanToWorkbook (renamed when a user's sheet has it)
    tabColor: (c) => void (ws.properties.tabColor = { argb: argb(c) }),
    hideGridlines: (hide) => void (view.showGridLines = !hide),
    blocks: (blocks) => {
      for (const b of blocks) writeBlock(ws, b, put);
    },
    formulas: (formulas) => {
      for (const f of formulas) {
        const cell = ws.getCell(f.row + 1, f.col + 1);
        cell.value = { formula: f.formula } as ExcelJS.CellFormulaValue;
        put(cell, blockStyle(f, 0, edgesAt(f.border, 0, 0, 1, 1)));
      }
    },
    merges: (merges) => {
      for (const m of merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
    },
    columnWidths: (widths) => {
      for (const w of widths) ws.getColumn(w.col + 1).width = w.width;
    },
    rowHeights: (heights) => {
      for (const h of heights) ws.getRow(h.row + 1).height = h.height;
    },
    conditionalFormats: (cfs) => {
      for (const cf of cfs) conditionalFormat(ws, cf);
    },
    tables: (tables) => addTables(wb, ws, tables),
    freeze: (freeze) => Object.assign(view, { state: "frozen", xSplit: freeze.cols, ySplit: freeze.rows }),
    // Native charts: ExcelJS cannot write them; the open workbook gets them (office adapter).
    charts: () => {},
    images: (images) => {
      for (const img of images) {
        const id = wb.addImage(pngSource(img.base64));
        ws.addImage(id, {
          tl: { col: img.anchor.col, row: img.anchor.row },
          br: { col: img.anchor.col + img.anchor.cols, row: img.anchor.row + img.anchor.rows },
        } as unknown as ExcelJS.ImageRange);
      }
    },
    print: (print) => pageSetup(ws, sheet.name, print),
  });
  ws.views = [view as ExcelJS.WorksheetView];
}

type Put = (cell: ExcelJS.Cell, style: Partial<ExcelJS.Style>) => void;

function writeBlock(ws: ExcelJS.Worksheet, b: ValueBlock, put: Put): void {
  const rows = b.values.length;
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  b.values.forEach((vals, i) => {
    const cols = vals.length;
    const row = ws.getRow(b.row + i + 1);
    vals.forEach((v, j) => {
      const cell = row.getCell(b.col + j + 1);
      // Strings stay strings ("=HYPERLINK(...)" included): ExcelJS only writes a formula for {formula}.
      cell.value = typeof v === "number" && !Number.isFinite(v) ? null : v;
      const edges = edgesAt(b.border, i, j, rows, cols);
      const key = `${Array.isArray(b.numberFormat) ? j : 0}|${[...edges].join()}`;
      let style = cache.get(key);
      if (!style) cache.set(key, (style = blockStyle(b, j, edges)));
      put(cell, style);
    });
  });
}

function addTables(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, tables: TablePlan[]): void {
  const tableNames = allTableNames(wb);
  for (const t of tables) {
    const headerCells = Array.from({ length: t.range.cols }, (_, j) =>
      ws.getCell(t.range.row + 1, t.range.col + j + 1),
    );
    const seen = new Set<string>();
    const columns = headerCells.map((c, j) => {
      const name = uniqueName(String(c.value ?? `Column${j + 1}`), seen, (b, i) => `${b} ${i}`);
      seen.add(name.toLowerCase());
      // Excel repairs a file whose table header cells differ from the table's column names.
      c.value = name;
      return { name, filterButton: t.showFilter ?? true };
    });
    const rows = Array.from({ length: t.range.rows - 1 }, (_, i) =>
      Array.from(
        { length: t.range.cols },
        (_, j) => ws.getCell(t.range.row + i + 2, t.range.col + j + 1).value,
      ),
    );
    const name = uniqueName(safeTableName(t.name), tableNames, numberedTableName);
    tableNames.add(name.toLowerCase());
    // addTable rewrites the same values into the cells; their styles stay as written above.
    ws.addTable({
      name,
      ref: `${columnLetter(t.range.col + 1)}${t.range.row + 1}`,
      headerRow: true,
      totalsRow: false,
      style: {
        theme: (t.style ?? DEFAULT_TABLE_STYLE) as ExcelJS.TableStyleProperties["theme"],
        showRowStripes: true,
      },
      columns,
      rows,
    });
  }
}

function pageSetup(ws: ExcelJS.Worksheet, sheetName: string, print: NonNullable<SheetPlan["print"]>): void {
  ws.pageSetup.orientation = print.landscape ? "landscape" : "portrait";
  ws.pageSetup.paperSize = 9; // A4
  if (print.scale !== undefined) ws.pageSetup.scale = print.scale;
  else if (print.fitToWidth) {
    ws.pageSetup.fitToPage = true;
    ws.pageSetup.fitToWidth = 1;
    ws.pageSetup.fitToHeight = 0;
  }
  // <brk id="r"/> breaks after 1-based row r, i.e. before 0-based row r.
  for (const r of print.rowBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak();
  ws.pageSetup.margins = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
  const rr = print.repeatRows;
  if (rr) ws.pageSetup.printTitlesRow = `${rr.row + 1}:${rr.row + rr.rows}`;
  const title = (print.title ?? sheetName).replace(/&/g, "&&");
  ws.headerFooter.oddFooter = `&L${title}&RPage &P of &N`;
}

/**
 * Applies the Plan: sheets this add-in wrote before (found by marker) are replaced; a user's sheet
 * with a wanted name is never touched, the output takes a new name ("Annex B (2)") instead.
 */
export function applyPlanToWorkbook(plan: Plan, wb: ExcelJS.Workbook): ApplyReport {
  const owned = ownedSheets(wb);
  for (const sheet of plan.sheets) {
    const old = owned.get(sheet.key);
    if (!old) continue;
    wb.definedNames.remove(markerRef(old.name), markerName(sheet.key));
    wb.removeWorksheet(old.id);
  }
  const taken = new Set<string>();
  wb.eachSheet((ws) => taken.add(ws.name.toLowerCase()));

  const sheetNames: Record<string, string> = {};
  for (const sheet of plan.sheets) {
    const name = uniqueName(safeSheetName(sheet.name), taken, numberedSheetName);
    taken.add(name.toLowerCase());
    const ws = wb.addWorksheet(name);
    writeSheet(wb, ws, sheet);
    wb.definedNames.add(markerRef(name), markerName(sheet.key));
    sheetNames[sheet.key] = name;
  }

  const active = plan.activate ? sheetNames[plan.activate] : undefined;
  if (active) {
    const index = wb.worksheets.findIndex((ws) => ws.name === active);
    // One selected tab only: several selected tabs would open Excel in group-edit mode.
    for (const ws of wb.worksheets)
      ws.views = (ws.views?.length ? ws.views : [{}]).map(
        (v) => ({ ...v, tabSelected: ws.name === active }) as unknown as ExcelJS.WorksheetView,
      );
    wb.views = [
      { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: "visible" },
    ];
  }
  return { sheetNames, syncs: 0 };
}

/**
 * Deflate level 1 rather than JSZip's default 6: half the writing time of the Annex B workbook
 * (its pictures are PNGs, already compressed) for a file about 1.5% larger.
 */
export const FAST_ZIP: Partial<ExcelJS.XlsxWriteOptions> = {
  zip: { compression: "DEFLATE", compressionOptions: { level: 1 } },
};

/** A PNG for ExcelJS, decoded by Node where present: JSZip's JavaScript base64 decoder took ~0.1 s for 42 pictures. */
function pngSource(base64: string): ExcelJS.Image {
  return typeof Buffer === "function"
    ? { buffer: Buffer.from(base64, "base64") as unknown as ExcelJS.Buffer, extension: "png" }
    : { base64, extension: "png" };
}

/**
 * A new workbook with the Plan's sheets, or a copy of `base` with them added and the user's sheets
 * kept. `zip` re-zips ExcelJS's uncompressed package (the command line's is native: src/cli/zip-native.ts).
 */
export async function writePlanXlsx(
  plan: Plan,
  base?: ArrayBuffer | Uint8Array,
  o: { zip?: (stored: ArrayBuffer | Uint8Array) => Promise<Uint8Array> } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (base) await wb.xlsx.load(base as ArrayBuffer);
  else wb.creator = PRODUCT;
  applyPlanToWorkbook(plan, wb);
  return (o.zip ?? zipStoringPictures)(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } }));
}

/**
 * ExcelJS's package (written uncompressed) re-zipped with its XML deflated as FAST_ZIP does and its
 * PNGs stored: they are already compressed, and JSZip's pure-JS deflate spent ~0.6 s of CPU on the
 * Annex B workbook's 42 pictures to shrink them by ~12%. Stored entries load without inflating.
 */
async function zipStoringPictures(stored: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(stored, { createFolders: false });
  for (const [name, file] of Object.entries(zip.files))
    if (/^xl\/media\/.*\.png$/i.test(name))
      zip.file(name, await file.async("uint8array"), { compression: "STORE" });
  return zip.generateAsync({ type: "uint8array", ...FAST_ZIP.zip });
}
