// Reads the shipped sample CSVs into engine Tables without going through src/workbook, so the
// sample tests check the data and the engine, not the CSV reader.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { CellValue, Table } from "../../src/engine";
import { table } from "../support/table";

export const SAMPLE_DIR = join(__dirname, "..", "..", "assets", "sample");
export const DATA_DIR = join(__dirname, "..", "..", "assets", "data");

/** Rows of a CSV file as text, header first. */
export function readCsvRows(path: string): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(path, "utf8").replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  });
  if (parsed.errors.length) throw new Error(`${path}: ${parsed.errors[0].message}`);
  return parsed.data;
}

/** A cell as a spreadsheet would hold it: blank → null, numbers as numbers, codes as text. */
export function cell(text: string): CellValue {
  if (text === "") return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Rows (header first) → column-major Table (src/engine/types.ts). */
export function rowsToTable(rows: CellValue[][], file: string): Table {
  const [headers, ...data] = rows;
  return table(headers.map(String), data, { file });
}

export function readSampleTable(file: "population.csv" | "activity.csv"): Table {
  const rows = readCsvRows(join(SAMPLE_DIR, file)).map((r, i) => (i === 0 ? r : r.map(cell)));
  return rowsToTable(rows, file);
}
