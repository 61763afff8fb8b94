// Test-only table builders: the real CSV/xlsx readers belong to the CLI; the engine only sees Tables.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CellValue, Table } from "../../src/engine/types";
import { table } from "../support/table";

export { table };

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
