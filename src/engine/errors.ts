// Bad input is an InputError: a one-line message that names file, sheet, row and column.
// Callers (CLI exit 2, the pane's message bar with "Go to cell") read the fields, not the text.
import type { TableSource } from "./types";

export interface CellLocation {
  /** Table role or label, e.g. "population". */
  table?: string;
  source?: TableSource;
  /** 1-based sheet row. */
  row?: number;
  /** 1-based sheet column. */
  column?: number;
}

/** "A", "B", …, "Z", "AA": the Excel letters of a 1-based column number. */
export function columnLetter(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "population.csv, sheet Pop, row 12, column D (Count)" — the place part of an error message. */
export function describeLocation(loc: CellLocation, header?: string): string {
  const parts: string[] = [];
  if (loc.source?.file) parts.push(loc.source.file);
  if (loc.source?.sheet) parts.push(`sheet ${loc.source.sheet}`);
  if (!loc.source?.file && !loc.source?.sheet && loc.table) parts.push(`${loc.table} table`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined)
    parts.push(`column ${columnLetter(loc.column)}${header ? ` (${header})` : ""}`);
  return parts.join(", ");
}

export class InputError extends Error {
  readonly location: CellLocation;
  constructor(message: string, location: CellLocation = {}) {
    super(message);
    this.name = "InputError";
    this.location = location;
  }
}
