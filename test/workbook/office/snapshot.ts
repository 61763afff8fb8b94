// Normalised snapshots of what a Plan produced, from the fake Excel model and from an ExcelJS
// workbook, in one vocabulary (the Plan's), so the two adapters can be compared field by field.
import type ExcelJS from "exceljs";
import { keyFromMarkerName } from "../../../src/report/plan";
import {
  type Cell,
  type FakeExcel,
  type RectModel,
  type SheetModel,
  colName,
  formatA1,
  parseA1,
} from "../../fakes/excel";

export interface CellSnap {
  v: string | number | boolean | null;
  f?: string;
  fmt: string;
  font: string;
  fill?: string;
  align?: string;
  wrap?: boolean;
  border?: string;
}

export interface SheetSnap {
  name: string;
  marker?: string;
  tabColor?: string;
  gridlines: boolean;
  freeze?: string;
  cells: Record<string, CellSnap>;
  merges: string[];
  /** Column → pixel width (Excel's own rounding of character widths). */
  widths: Record<string, number>;
  heights: Record<string, number>;
  rules: string[];
  tables: string[];
  print?: string;
  /** Pictures as "left,top width×height" in points. */
  images?: string[];
}

export interface WorkbookSnap {
  sheets: SheetSnap[];
  active?: string;
}

const box = (l: number, t: number, w: number, h: number) =>
  `${l.toFixed(2)},${t.toFixed(2)} ${w.toFixed(2)}x${h.toFixed(2)}`;
const up = (c?: string) => (c ? `#${c.replace(/^#/, "").slice(-6).toUpperCase()}` : undefined);
const fontText = (f: {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  color?: string;
}) =>
  `${f.name ?? "?"} ${f.size ?? "?"}${f.bold ? " bold" : ""}${f.italic ? " italic" : ""}${f.underline ? " underline" : ""}${f.color && f.color !== "#000000" ? ` ${f.color}` : ""}`;
const sides = (b: { top?: unknown; bottom?: unknown; left?: unknown; right?: unknown } | undefined) =>
  b ? (["top", "bottom", "left", "right"] as const).filter((s) => b[s]).join(",") || undefined : undefined;
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== false)) as T;

/** Pixel width Excel shows for a stored character width (maximum digit width 7 px). */
export const widthPixels = (chars: number): number =>
  Math.trunc(((256 * chars + Math.trunc(128 / 7)) / 256) * 7);

function inMerge(merges: RectModel[], row: number, col: number): boolean {
  return merges.some(
    (m) =>
      row >= m.row &&
      row < m.row + m.rows &&
      col >= m.col &&
      col < m.col + m.cols &&
      (row !== m.row || col !== m.col),
  );
}

// ---- the fake ------------------------------------------------------------------------------

const V = { Top: "top", Center: "middle", Bottom: "bottom" } as Record<string, string>;

function fakeCell(c: Cell): CellSnap {
  const f = c.format;
  const align = [f.horizontal?.toLowerCase(), f.vertical ? V[f.vertical] : undefined]
    .filter(Boolean)
    .join("/");
  return clean({
    v: c.formula ? null : (c.error ?? (c.value === "" || c.value === undefined ? null : c.value)),
    f: c.formula,
    fmt: f.numberFormat ?? "General",
    font: fontText({
      name: f.fontName,
      size: f.size,
      bold: f.bold,
      italic: f.italic,
      underline: f.underline === "Single",
      color: f.fontColor,
    }),
    fill: f.fill,
    align: align || undefined,
    wrap: f.wrap,
    border: sides(f.borders),
  });
}

function fakeRule(cf: SheetModel["conditionalFormats"][number]): string {
  const ref = formatA1(cf.rect);
  const fmt = (x: typeof cf.format) =>
    JSON.stringify(
      clean({
        bold: x.bold,
        italic: x.italic,
        color: x.fontColor,
        fill: x.fill,
        border: sides(x.borders) === "top,bottom,left,right",
      }),
    );
  if (cf.type === "ColorScale") {
    const c = cf.colorScale!.criteria as Record<
      string,
      { type: string; formula: string | null; color: string } | undefined
    >;
    const stop = (s: { type: string; formula: string | null; color: string }) =>
      `${s.type.charAt(0).toLowerCase()}${s.type.slice(1)}${s.formula !== null && s.formula !== undefined ? `(${Number(s.formula)})` : ""} ${up(s.color)}`;
    return `${ref} colorScale ${[c.minimum, c.midpoint, c.maximum]
      .filter(Boolean)
      .map((s) => stop(s!))
      .join(" | ")}`;
  }
  if (cf.type === "Custom") return `${ref} expression ${String(cf.rule!.formula).slice(1)} ${fmt(cf.format)}`;
  const r = cf.rule as { formula1: string; formula2?: string; operator: string };
  const op = {
    GreaterThan: "greaterThan",
    LessThan: "lessThan",
    Between: "between",
    EqualTo: "equal",
    NotEqualTo: "notEqual",
  }[r.operator];
  const vals = [r.formula1, r.formula2]
    .filter((x) => x !== undefined)
    .map((x) => Number(x!.replace(/^=/, "")));
  return `${ref} cellValue ${op} ${vals.join(",")} ${fmt(cf.format)}`;
}

export function snapshotFake(fake: FakeExcel, only?: (s: SheetModel) => boolean): WorkbookSnap {
  const markers = new Map<SheetModel, string>();
  for (const n of fake.model.names) {
    const key = keyFromMarkerName(n.name);
    if (key !== undefined && !n.deleted && n.ref) markers.set(n.ref.sheet, key);
  }
  const sheets = fake.model.sheets
    .filter((s) => !only || only(s))
    .map((s): SheetSnap => {
      const cells: Record<string, CellSnap> = {};
      for (const [key, c] of s.cells) {
        const row = Math.floor(key / 16384);
        const col = key % 16384;
        if (inMerge(s.merges, row, col)) continue;
        cells[`${colName(col)}${row + 1}`] = fakeCell(c);
      }
      const shapes =
        (s.extras.shapes as { left: number; top: number; width: number; height: number }[] | undefined) ?? [];
      const layout = s.extras.pageLayout as
        | {
            orientation?: string;
            zoom?: { horizontalFitToPages?: number; scale?: number };
            paperSize?: string;
            printTitleRows?: string;
          }
        | undefined;
      const hf = s.extras.headerFooter as { leftFooter?: string; rightFooter?: string } | undefined;
      return clean({
        name: s.name,
        marker: markers.get(s),
        tabColor: s.tabColor || undefined,
        gridlines: s.showGridlines,
        freeze:
          s.freeze && (s.freeze.rows || s.freeze.cols) ? `${s.freeze.rows}x${s.freeze.cols}` : undefined,
        cells,
        merges: s.merges.map((m) => formatA1(m)).sort(),
        widths: Object.fromEntries([...s.columnWidths].map(([c, pt]) => [colName(c), Math.round(pt / 0.75)])),
        heights: Object.fromEntries([...s.rowHeights].map(([r, pt]) => [String(r + 1), pt])),
        rules: s.conditionalFormats.map(fakeRule),
        tables: s.tables
          .filter((t) => !t.deleted)
          .map((t) => `${t.name} ${formatA1(t.rect)} ${t.style}${t.showFilterButton ? " filter" : ""}`),
        print: layout
          ? `${layout.orientation === "Landscape" ? "landscape" : "portrait"} ${layout.paperSize} ${layout.zoom?.horizontalFitToPages === 1 ? "fit-width" : ""} | ${hf?.leftFooter?.replace(/&&/g, "&")} | ${hf?.rightFooter}${repeat(layout.printTitleRows)}${scaleAndBreaks(layout.zoom?.scale, s.extras.rowBreaks as number[] | undefined)}`
          : undefined,
        images: shapes.length ? shapes.map((x) => box(x.left, x.top, x.width, x.height)) : undefined,
      }) as SheetSnap;
    });
  return { sheets, active: fake.model.activeSheet?.name };
}

/** A fixed print scale and manual row breaks (0-based rows that start a page), or nothing. */
const scaleAndBreaks = (scale: number | undefined, rows: number[] | undefined): string =>
  (scale !== undefined && scale !== 100 ? ` | scale ${scale}` : "") +
  (rows?.length ? ` | breaks ${[...rows].sort((a, b) => a - b).join(",")}` : "");

/** Print title rows as " | repeat 1:1" ("$1:$1" in office.js, "1:1" in ExcelJS), or nothing. */
const repeat = (rows: unknown): string => (rows ? ` | repeat ${String(rows).replace(/\$/g, "")}` : "");

// ---- ExcelJS -------------------------------------------------------------------------------

const H = { left: "left", center: "center", right: "right" } as Record<string, string>;

function excelCell(c: ExcelJS.Cell): CellSnap {
  const raw = c.value as unknown;
  const formula =
    raw && typeof raw === "object" && "formula" in raw
      ? `=${(raw as { formula: string }).formula}`
      : undefined;
  const font = c.font ?? {};
  const fill =
    c.fill && c.fill.type === "pattern"
      ? up((c.fill.fgColor as { argb?: string } | undefined)?.argb)
      : undefined;
  const al = c.alignment ?? {};
  const align = [al.horizontal ? H[al.horizontal] : undefined, al.vertical].filter(Boolean).join("/");
  return clean({
    v: formula ? null : raw === "" || raw === undefined ? null : (raw as CellSnap["v"]),
    f: formula,
    fmt: c.numFmt ?? "General",
    font: fontText({
      name: font.name,
      size: font.size,
      bold: font.bold,
      italic: font.italic,
      underline: Boolean(font.underline),
      color: up(font.color?.argb),
    }),
    fill,
    align: align || undefined,
    wrap: al.wrapText,
    border: sides(c.border as Record<string, unknown> | undefined),
  });
}

type Cvfo = { type: string; value?: number };
const CFVO = { min: "lowestValue", max: "highestValue", num: "number", percentile: "percentile" } as Record<
  string,
  string
>;

function excelRule(ref: string, rule: Record<string, unknown>): string {
  const style = (rule.style ?? {}) as {
    font?: { bold?: boolean; italic?: boolean; color?: { argb?: string } };
    fill?: { bgColor?: { argb?: string } };
    border?: unknown;
  };
  const fmt = JSON.stringify(
    clean({
      bold: style.font?.bold,
      italic: style.font?.italic,
      color: up(style.font?.color?.argb),
      fill: up(style.fill?.bgColor?.argb),
      border: Boolean(style.border),
    }),
  );
  if (rule.type === "colorScale") {
    const cfvo = rule.cfvo as Cvfo[];
    const colors = rule.color as { argb: string }[];
    return `${ref} colorScale ${cfvo.map((c, i) => `${CFVO[c.type]}${c.value !== undefined ? `(${c.value})` : ""} ${up(colors[i]!.argb)}`).join(" | ")}`;
  }
  const formulae = rule.formulae as string[];
  if (rule.type === "expression") return `${ref} expression ${formulae[0]} ${fmt}`;
  return `${ref} cellValue ${String(rule.operator)} ${formulae.map(Number).join(",")} ${fmt}`;
}

export function snapshotExcelJS(
  wb: ExcelJS.Workbook,
  only?: (ws: ExcelJS.Worksheet) => boolean,
): WorkbookSnap {
  const markers = new Map<string, string>();
  for (const n of wb.definedNames.model) {
    const key = keyFromMarkerName(n.name);
    for (const r of n.ranges)
      if (key !== undefined)
        markers.set(r.slice(0, r.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'"), key);
  }
  let active: string | undefined;
  const sheets = wb.worksheets
    .filter((ws) => !only || only(ws))
    .map((ws): SheetSnap => {
      const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseA1);
      const cells: Record<string, CellSnap> = {};
      ws.eachRow({ includeEmpty: true }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (c, col) => {
          if (inMerge(merges, r - 1, col - 1)) return;
          const snap = excelCell(c);
          // ExcelJS lists blank, unstyled cells of a row it holds; Excel has no such cells.
          if (
            Object.keys(snap).length === 3 &&
            snap.v === null &&
            snap.fmt === "General" &&
            snap.font === "? ?"
          )
            return;
          cells[`${colName(col - 1)}${r}`] = snap;
        }),
      );
      const widths: Record<string, number> = {};
      const cols = (ws.model as { cols?: { min: number; max: number; width?: number }[] }).cols ?? [];
      for (const c of cols)
        for (let i = c.min; i <= c.max; i++)
          if (c.width !== undefined) widths[colName(i - 1)] = widthPixels(c.width);
      const heights: Record<string, number> = {};
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        if (row.height !== undefined) heights[String(r)] = row.height;
      });
      const view = (ws.views[0] ?? {}) as {
        state?: string;
        xSplit?: number;
        ySplit?: number;
        showGridLines?: boolean;
        tabSelected?: boolean;
      };
      if (view.tabSelected) active = ws.name;
      const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] })
        .conditionalFormattings;
      const rules = cfs.flatMap((cf) =>
        cf.rules.map((r) => excelRule(cf.ref, r as unknown as Record<string, unknown>)),
      );
      const tables = (
        ws.getTables() as unknown as {
          table: {
            name: string;
            tableRef: string;
            style?: { theme?: string };
            columns: { filterButton?: boolean }[];
          };
        }[]
      ).map(
        ({ table: t }) =>
          `${t.name} ${t.tableRef} ${t.style?.theme}${t.columns.every((c) => c.filterButton) ? " filter" : ""}`,
      );
      // Picture anchors → points, from the file's own column widths and row heights.
      const colPt = (c: number) => (widths[colName(c)] ?? 64) * 0.75;
      const rowPt = (r: number) => heights[String(r + 1)] ?? 15;
      const sum = (n: number, f: (i: number) => number) =>
        Array.from({ length: n }, (_, i) => f(i)).reduce((a, b) => a + b, 0);
      const images = ws.getImages().map((img) => {
        const { tl, br } = img.range as unknown as {
          tl: { col: number; row: number };
          br: { col: number; row: number };
        };
        const left = sum(tl.col, colPt);
        const top = sum(tl.row, rowPt);
        return box(left, top, sum(br.col, colPt) - left, sum(br.row, rowPt) - top);
      });
      const ps = ws.pageSetup;
      const footer = ws.headerFooter?.oddFooter ?? "";
      const m = /^&L(.*)&R(.*)$/.exec(footer);
      return clean({
        name: ws.name,
        marker: markers.get(ws.name),
        tabColor: up((ws.properties.tabColor as { argb?: string } | undefined)?.argb),
        gridlines: view.showGridLines !== false,
        freeze: view.state === "frozen" ? `${view.ySplit ?? 0}x${view.xSplit ?? 0}` : undefined,
        cells,
        merges: merges.map((x) => formatA1(x)).sort(),
        widths,
        heights,
        rules,
        tables,
        print: footer
          ? `${ps.orientation} ${ps.paperSize === 9 ? "A4" : ps.paperSize} ${ps.fitToPage && ps.fitToWidth === 1 ? "fit-width" : ""} | ${m?.[1]?.replace(/&&/g, "&")} | ${m?.[2]}${repeat(ps.printTitlesRow)}${scaleAndBreaks(
              ps.fitToPage ? undefined : ps.scale,
              (ws as unknown as { rowBreaks?: { id: number }[] }).rowBreaks?.map((b) => b.id),
            )}`
          : undefined,
        images: images.length ? images : undefined,
      }) as SheetSnap;
    });
  return { sheets, active };
}
