// A column-major engine Table built from rows, for tests that feed the engine without going through
// a reader (src/workbook): the readers have their own tests.
import type { CellValue, Table, TableSource } from "../../src/engine/types";

/** A column-major Table from a header row and data rows (sheet row 1 = header unless given). */
export function table(headers: string[], rows: CellValue[][], source: Partial<TableSource> = {}): Table {
  const columns: CellValue[][] = headers.map((_, j) => rows.map((r) => (r[j] === undefined ? null : r[j])));
  return { source: { headerRow: 1, firstColumn: 1, ...source }, headers, columns, rowCount: rows.length };
}
