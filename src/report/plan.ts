// The Plan: a plain-data description of the output sheets. The report builds it from Results;
// an adapter (ExcelJS for files, office.js for the open workbook) applies it. Everything a user
// sees in an output sheet comes from here, so both adapters write the same thing by construction.
// Coordinates are 0-based (row 0 = sheet row 1, col 0 = column A).

export type PlanValue = string | number | boolean | null;

/** A rectangle on a sheet, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Font {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points. */
  size?: number;
  /** "#RRGGBB". */
  color?: string;
}

export type BorderEdge = "top" | "bottom" | "left" | "right";

export interface CellStyle {
  /** One Excel number format for the block, or one per column of the block. */
  numberFormat?: string | string[];
  font?: Font;
  /** Solid fill, "#RRGGBB". */
  fill?: string;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** Thin borders on these edges of the whole block (outline, not every cell). */
  border?: BorderEdge[];
}

/**
 * A rectangle of values with one style. Values are always values: text is written as text,
 * never parsed as a formula, even when it begins with "=".
 */
export interface ValueBlock extends CellStyle {
  row: number;
  col: number;
  values: PlanValue[][];
}

/** Formulas are only ever written from here, never from input text. */
export interface FormulaCell extends CellStyle {
  row: number;
  col: number;
  /** Without the leading "="; A1 references. */
  formula: string;
}

export interface ColorStop {
  type: "lowestValue" | "highestValue" | "number" | "percentile";
  value?: number;
  /** "#RRGGBB". */
  color: string;
}

export interface ColorScaleRule {
  type: "colorScale";
  range: Rect;
  min: ColorStop;
  mid?: ColorStop;
  max: ColorStop;
}

/** A formula rule relative to the top-left cell of `range` (e.g. "$Q5=\"higher\""). */
export interface ExpressionRule {
  type: "expression";
  range: Rect;
  formula: string;
  format: { font?: Font; fill?: string; border?: boolean };
}

/** Compare each cell's value with a number. */
export interface CellValueRule {
  type: "cellValue";
  range: Rect;
  operator: "greaterThan" | "lessThan" | "between" | "equal" | "notEqual";
  values: number[];
  format: { font?: Font; fill?: string; border?: boolean };
}

export type ConditionalFormat = ColorScaleRule | ExpressionRule | CellValueRule;

/** An Excel table (ListObject) over `range`, whose first row is the header row. */
export interface TablePlan {
  name: string;
  range: Rect;
  style?: string;
  showFilter?: boolean;
}

export interface Merge extends Rect {}

export interface ColumnWidth {
  col: number;
  /** Excel character widths. */
  width: number;
}

export interface RowHeight {
  row: number;
  /** Points. */
  height: number;
}

/** A native chart whose data lives in cells of the same sheet (issue 6 fills these in). */
export interface ChartSpec {
  kind: "columnClustered" | "barClustered" | "xyScatter" | "xyScatterLines" | "line";
  title: string;
  /** Where the chart sits (cells it covers). */
  anchor: Rect;
  /** Category/x cells (one column). */
  categories?: Rect;
  series: {
    name: string;
    values: Rect;
    /** For scatter: x values. */
    xValues?: Rect;
    kind?: ChartSpec["kind"];
    color?: string;
    dash?: boolean;
    lineOnly?: boolean;
    /** Markers without a connecting line (limits drawn as extra series beside sorted bars). */
    markerOnly?: boolean;
  }[];
  xAxisTitle?: string;
  yAxisTitle?: string;
}

/** A picture (PNG) placed over cells. */
export interface ImagePlan {
  /** Base64 PNG. */
  base64: string;
  anchor: Rect;
  /** Alt text, for screen readers and for tests. */
  title: string;
}

export interface SheetPlan {
  /** Stable identity of this output ("annex-b", "detail", …); the ownership marker stores it. */
  key: string;
  /** Wanted sheet name (≤ 31 chars). The adapter renames if a user's sheet already has it. */
  name: string;
  tabColor?: string;
  blocks: ValueBlock[];
  formulas?: FormulaCell[];
  merges?: Merge[];
  columnWidths?: ColumnWidth[];
  /** Row heights in points, where wrapped text in merged cells needs room (Excel won't auto-fit those). */
  rowHeights?: RowHeight[];
  /** Rows and columns frozen at the top-left. */
  freeze?: { rows: number; cols: number };
  tables?: TablePlan[];
  conditionalFormats?: ConditionalFormat[];
  charts?: ChartSpec[];
  images?: ImagePlan[];
  /** Hide gridlines, as publication sheets do. */
  hideGridlines?: boolean;
  /** Print setup. */
  print?: {
    landscape?: boolean;
    fitToWidth?: boolean;
    title?: string;
    /** Rows repeated at the top of every printed page (a table's header), 0-based. */
    repeatRows?: { row: number; rows: number };
    /** Manual page breaks: each row (0-based) starts a new printed page (keeps a title with its table). */
    rowBreaks?: number[];
    /**
     * Fixed print scale in percent, instead of fitToWidth: Excel ignores manual page breaks under
     * "Fit to", so a sheet with rowBreaks gives its scale (see report/print.ts).
     */
    scale?: number;
  };
}

export interface Plan {
  /** Output sheets in tab order. */
  sheets: SheetPlan[];
  /** Key of the sheet to activate after writing. */
  activate?: string;
  /** Text stored in each sheet's ownership marker (product name + version). */
  marker: string;
}

/** The marker prefix that says "stdrates wrote this sheet". */
export const OWNER_MARKER = "stdrates-output";

/*
 * Ownership marker, as written (both adapters must do the same): each output sheet gets a
 * workbook-scoped defined name `markerName(key)` (e.g. "stdrates_output_annex_b"; defined names
 * cannot contain "-") that refers to the sheet's cell A1. A sheet is stdrates' iff such a name
 * points at it. Why a defined name: it follows the sheet when the user renames it, it survives
 * save/load in Excel, LibreOffice and ExcelJS, and it becomes #REF! (ignored) when the sheet is
 * deleted. office.js mirrors it with
 *   context.workbook.names.add(markerName(key), sheet.getRange("A1"), plan.marker)
 * (the comment carries the marker text; ExcelJS cannot store name comments, so files carry the
 * same text in each sheet's provenance line, row 2). A user's sheet that merely has the wanted
 * name is never touched: the output is written as "Annex B (2)".
 */
export const MARKER_NAME_PREFIX = "stdrates_output_";

/** "annex-b" → "stdrates_output_annex_b". Sheet keys use lowercase letters, digits and "-". */
export function markerName(key: string): string {
  return MARKER_NAME_PREFIX + key.replace(/-/g, "_");
}

/** The sheet key a defined name marks, or undefined when it is not a stdrates marker. */
export function keyFromMarkerName(name: string): string | undefined {
  if (!name.toLowerCase().startsWith(MARKER_NAME_PREFIX)) return undefined;
  const key = name.slice(MARKER_NAME_PREFIX.length).replace(/_/g, "-").toLowerCase();
  return key === "" ? undefined : key;
}
