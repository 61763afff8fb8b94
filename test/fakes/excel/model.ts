// The fake workbook's state: plain data that test code can inspect directly. Every mutation goes
// through a Journal so a rejected batch (payload too large) can be undone, leaving the model as
// it was before that sync — as Excel on the web does.

export type Scalar = string | number | boolean;

export interface Borders {
  top?: string;
  bottom?: string;
  left?: string;
  right?: string;
}

/** Per-cell formatting, as Excel keeps it (not per range). */
export interface CellFormat {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  size?: number;
  fontName?: string;
  /** "#RRGGBB" upper case. */
  fontColor?: string;
  fill?: string;
  horizontal?: string;
  vertical?: string;
  wrap?: boolean;
  borders?: Borders;
}

export interface Cell {
  /** Stored value; undefined means empty. */
  value?: Scalar;
  /** "=…" when the cell holds a formula (value is then its cached result). */
  formula?: string;
  /** "#N/A" etc. when the cell holds an error value. */
  error?: string;
  /** Text entered with a leading apostrophe. */
  quotePrefix?: boolean;
  format: CellFormat;
}

export interface RectModel {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ConditionalFormatModel {
  id: number;
  type: string;
  rect: RectModel;
  colorScale?: { criteria?: unknown };
  rule?: Record<string, unknown>;
  format: { fontColor?: string; bold?: boolean; italic?: boolean; fill?: string; borders?: Borders };
}

export interface TableModel {
  id: string;
  name: string;
  /** False when the header row is turned off: the table's range is then its data rows only. */
  showHeaders?: boolean;
  rect: RectModel;
  style: string;
  showFilterButton: boolean;
  deleted?: boolean;
}

export interface NameModel {
  name: string;
  /** A range reference (follows sheet renames), or a constant formula such as '="x"'. */
  ref?: { sheet: SheetModel; rect: RectModel; /** More areas: "=S!$A$1:$B$2,S!$D$1". */ more?: RectModel[] };
  formula?: string;
  comment: string;
  visible: boolean;
  /** Sheet for worksheet-scoped names. */
  scope?: SheetModel;
  deleted?: boolean;
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor: string;
  showGridlines: boolean;
  cells: Map<number, Cell>;
  /** Column index → width in points. */
  columnWidths: Map<number, number>;
  /** Row index → height in points. */
  rowHeights: Map<number, number>;
  merges: RectModel[];
  freeze?: { rows: number; cols: number };
  conditionalFormats: ConditionalFormatModel[];
  tables: TableModel[];
  deleted?: boolean;
  /** Extra things the adapter may set (page layout, charts, images) kept as plain records. */
  extras: Record<string, unknown>;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  names: NameModel[];
  activeSheet?: SheetModel;
  /** The selection; `areas` when the user selected several (Ctrl+click). */
  selection?: { sheet: SheetModel; rect: RectModel; areas?: RectModel[] };
  nextId: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export const cellKey = (row: number, col: number): number => row * MAX_COLS + col;

export function newSheet(model: WorkbookModel, name: string): SheetModel {
  return {
    id: `{sheet-${model.nextId++}}`,
    name,
    visibility: "Visible",
    tabColor: "",
    showGridlines: true,
    cells: new Map(),
    columnWidths: new Map(),
    rowHeights: new Map(),
    merges: [],
    conditionalFormats: [],
    tables: [],
    extras: {},
  };
}

export function newWorkbook(sheetNames: string[] = ["Sheet1"]): WorkbookModel {
  const model: WorkbookModel = { sheets: [], names: [], nextId: 1 };
  for (const n of sheetNames) model.sheets.push(newSheet(model, n));
  model.activeSheet = model.sheets[0];
  return model;
}

/** Undo log for one batch (plain records, not closures: a batch may touch a million cells). */
export class Journal {
  private undo: (() => void)[] = [];
  private maps: unknown[] = [];
  /** Sets obj[key] = value, remembering the old value. */
  set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): void {
    const had = Object.prototype.hasOwnProperty.call(obj, key);
    const old = obj[key];
    this.undo.push(() => {
      if (had) obj[key] = old;
      else delete obj[key];
    });
    obj[key] = value;
  }
  mapSet<K, V>(map: Map<K, V>, key: K, value: V | undefined): void {
    const had = map.has(key);
    this.maps.push(map, key, had, map.get(key));
    if (value === undefined) map.delete(key);
    else map.set(key, value);
  }
  push<T>(arr: T[], item: T): void {
    arr.push(item);
    this.undo.push(() => {
      const i = arr.lastIndexOf(item);
      if (i >= 0) arr.splice(i, 1);
    });
  }
  splice<T>(arr: T[], index: number, remove: number, ...items: T[]): void {
    const removed = arr.splice(index, remove, ...items);
    this.undo.push(() => arr.splice(index, items.length, ...removed));
  }
  rollback(): void {
    // Map edits first (newest first), then the rest: map edits never depend on structural ones.
    const m = this.maps;
    for (let i = m.length - 4; i >= 0; i -= 4) {
      const map = m[i] as Map<unknown, unknown>;
      if (m[i + 2]) map.set(m[i + 1], m[i + 3]);
      else map.delete(m[i + 1]);
    }
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    this.undo = [];
    this.maps = [];
  }
}

/** A cell's format, cloned for copy-on-write through the journal. */
export function editCell(j: Journal, sheet: SheetModel, row: number, col: number): Cell {
  const key = cellKey(row, col);
  const old = sheet.cells.get(key);
  const cell: Cell = old
    ? { ...old, format: { ...old.format, borders: old.format.borders && { ...old.format.borders } } }
    : { format: {} };
  j.mapSet(sheet.cells, key, cell);
  return cell;
}

// ---- A1 addresses (the fake's own, independent of the adapter's) ----

export function colName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "A1", "B2:D9", "$A$1:$C$3", "A:C", "3:5" → rectangle. */
export function parseA1(address: string): RectModel {
  const parts = address.replace(/\$/g, "").split(":");
  const one = (p: string) => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(p.trim());
    if (!m || (!m[1] && !m[2])) throw new Error(`bad address ${address}`);
    return { col: m[1] ? colIndex(m[1]) : undefined, row: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const a = one(parts[0]!);
  const b = parts[1] !== undefined ? one(parts[1]) : a;
  const row = a.row ?? 0;
  const col = a.col ?? 0;
  const endRow = b.row ?? MAX_ROWS - 1;
  const endCol = b.col ?? MAX_COLS - 1;
  return { row, col, rows: endRow - row + 1, cols: endCol - col + 1 };
}

export function formatA1(r: RectModel, absolute = false): string {
  const d = absolute ? "$" : "";
  const tl = `${d}${colName(r.col)}${d}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return tl;
  return `${tl}:${d}${colName(r.col + r.cols - 1)}${d}${r.row + r.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'My sheet'!A1:B2" → { sheet, address }. */
export function splitSheetAddress(s: string): { sheet?: string; address: string } {
  const bang = s.lastIndexOf("!");
  if (bang < 0) return { address: s };
  let sheet = s.slice(0, bang);
  if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: s.slice(bang + 1) };
}

export const overlaps = (a: RectModel, b: RectModel): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
const MONTH_DATE = new RegExp(`^${MONTH}[- ]\\d{1,4}$|^\\d{1,2}[- ]${MONTH}$`, "i");
const ERRORS = new Set(["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]);

/**
 * What Excel stores when a string is written through `Range.values`: like typing it. A leading
 * apostrophe forces text; "=…" is a formula; numbers, percentages, booleans, error literals and
 * simple dates are converted. Tests rely on this to prove the adapter protects text.
 */
export function typeIn(s: string): Pick<Cell, "value" | "formula" | "error" | "quotePrefix"> {
  if (s === "") return {};
  if (s.startsWith("'")) return { value: s.slice(1), quotePrefix: true };
  if (s.startsWith("=") && s.length > 1) return { formula: s };
  const t = s.trim();
  if (ERRORS.has(t.toUpperCase())) return { error: t.toUpperCase() };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  if (t !== "" && /^[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) {
    const pct = t.endsWith("%");
    const n = Number(t.replace(/[,%]/g, ""));
    if (Number.isFinite(n)) return { value: pct ? n / 100 : n };
  }
  // "10-14", "1/5", "Jan-24", "3 March": Excel turns these into date serials.
  if (/^\d{1,2}[-/]\d{1,2}([-/]\d{2,4})?$/.test(t) || MONTH_DATE.test(t)) {
    return { value: 45000 };
  }
  if (/^[+-]/.test(s)) return { formula: "=" + s };
  return { value: s };
}
