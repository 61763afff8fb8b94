// The port between the task pane and a workbook. Two adapters implement it: office/ (the open
// Excel workbook, through office.js) and xlsx/ (an in-memory ExcelJS workbook, for the
// standalone preview and tests). The pane only ever talks to this interface.
import type { Results, RunOptions, Table } from "../engine/types";
import type { Plan } from "../report/plan";

/** A place a table can be read from. */
export interface TableRef {
  kind: "table" | "name" | "sheet" | "range";
  /** Excel table name, defined name, or sheet name. */
  name: string;
  sheet: string;
  /** A1 address on `sheet` (without the sheet), e.g. "A1:G7981". */
  address: string;
}

/** A candidate input found in the workbook, with its header row and size. */
export interface TableCandidate {
  ref: TableRef;
  headers: string[];
  /** Data rows (below the header). */
  rows: number;
}

export interface Progress {
  phase: "read" | "compute" | "write";
  /** 0–1 within the phase. */
  fraction: number;
  detail?: string;
}

export type ProgressFn = (p: Progress) => void;

export interface ApplyReport {
  /** Sheet key → the name it was written under (may differ when a user's sheet had the name). */
  sheetNames: Record<string, string>;
  /** Syncs (office) or 0 (file). */
  syncs: number;
}

/** Sheets of plain values, for "Insert sample data". */
export interface SheetData {
  name: string;
  rows: (string | number | null)[][];
}

/** A sheet's used range as values with their number formats (for validating a published table). */
export interface SheetGridRead {
  name: string;
  grid: import("../engine/types").CellValue[][];
  formats?: (string | null | undefined)[][];
  /** 0-based sheet row and column of grid[0][0]. */
  origin: { row: number; col: number };
}

/** A PNG picture to place in the workbook ("Insert picture"). */
export interface PictureInput {
  /** Base64 PNG, without the data: prefix. */
  base64: string;
  /** Size to show it at, in CSS pixels. */
  width: number;
  height: number;
  /** Alt text. */
  title: string;
}

/** Live what-if (issue 5): what the pane gives the adapter when Live is switched on. */
export interface LiveStart {
  /** How results become output sheets (the pane's buildPlan with its chosen sheets). */
  plan: (results: Results) => Plan;
  runOptions?: RunOptions;
  /** An external standard, read once. */
  reference?: Table;
  /** The plan the last run wrote and where, so the first update writes only differences. */
  written?: { plan: Plan; sheetNames: Record<string, string> };
  /** After each recalculation: the new results and how many output cells were rewritten. */
  onUpdate?: (results: Results, info: { mode: string; written: number | "plan"; computeMs: number }) => void;
  onError?: (e: unknown) => void;
  /** The outputs may be out of date (an update failed and will be retried), or are current again. */
  onStale?: (stale: boolean, reason?: string) => void;
}

export interface LiveHandle {
  /** Removes the change handlers (and remembers Live as off in the document). */
  stop(): Promise<void>;
}

export interface WorkbookPort {
  /** Excel tables, defined names and sheets whose first rows look like headers. */
  listTables(): Promise<TableCandidate[]>;
  /** The current selection as a table reference. */
  selectionRef(): Promise<TableRef>;
  /** Reads values only, in chunks. */
  readTable(ref: TableRef, onProgress?: ProgressFn): Promise<Table>;
  /** Writes output sheets; replaces only sheets this add-in owns. */
  applyPlan(plan: Plan, onProgress?: ProgressFn): Promise<ApplyReport>;
  /** Activates `sheet` and selects `address` (A1, optional). */
  select(sheet: string, address?: string): Promise<void>;
  /** Adds sheets of plain values (new names if taken); returns the names used. */
  insertSheets(sheets: SheetData[]): Promise<string[]>;
  /** Settings saved in the document. */
  loadSettings<T>(key: string): Promise<T | undefined>;
  saveSettings<T>(key: string, value: T): Promise<void>;
  /** Names of the workbook's sheets, in tab order. (Optional: older port doubles lack it.) */
  sheetNames?(): Promise<string[]>;
  /** A sheet's used range with number formats. */
  readGrid?(sheet: string): Promise<SheetGridRead>;
  /**
   * Places a picture on the active sheet at the selection. Resolves false when the host cannot
   * (Excel without ExcelApi 1.10's cell positions): the caller offers a download instead.
   */
  insertPicture?(picture: PictureInput): Promise<boolean>;
  /** Live what-if: recalculates on edits to the input tables (Excel only). */
  startLive?(refs: { population: TableRef; activity: TableRef }, options: LiveStart): Promise<LiveHandle>;
  /** On opening the pane: Live again if it was on when the workbook was saved (handlers do not survive a reopen). */
  resumeLive?(options: LiveStart): Promise<LiveHandle | undefined>;
}
