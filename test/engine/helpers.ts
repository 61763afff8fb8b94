// Test-only table builders: the real CSV/xlsx readers belong to the CLI; the engine only sees Tables.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CellValue, Table, TableSource } from "../../src/engine/types";

/** A column-major Table from a header row and data rows (sheet row 1 = header unless given). */
export function table(headers: string[], rows: CellValue[][], source: Partial<TableSource> = {}): Table {
  const columns: CellValue[][] = headers.map((_, j) => rows.map((r) => (r[j] === undefined ? null : r[j])));
  return { source: { headerRow: 1, firstColumn: 1, ...source }, headers, columns, rowCount: rows.length };
}

/** A tiny CSV split (no quoted commas in these fixtures): numbers become numbers, empty cells null. */
export function tableFromCsv(text: string, file: string): Table {
  const lines = text
    .replace(/\r/g, "")
    .split("\n")
    .filter((l) => l !== "");
  const headers = lines[0].split(",");
  const rows = lines
    .slice(1)
    .map((l) =>
      l
        .split(",")
        .map((c): CellValue => (c === "" ? null : /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(c) ? Number(c) : c)),
    );
  return table(headers, rows, { file });
}

export function fixture(...parts: string[]): string {
  return readFileSync(join(__dirname, "..", "fixtures", ...parts), "utf8");
}

/** Relative difference, with an absolute floor for values near 0. */
export function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}
