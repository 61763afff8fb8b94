// The measures an activity table holds, for the Options step's picker before any run: a wide table's
// measure columns are its headers; a long table's are the distinct values of its measure column.
import type { CellValue, ColumnMapping } from "../engine/types";
import type { TableRef, WorkbookPort } from "../workbook/port";

export interface MeasureSource {
  ref: TableRef;
  mapping: ColumnMapping;
  /** Wide layout: the measure columns (the engine's guess, or the user's mapping). */
  measureColumns?: string[];
}

const norm = (s: string) => s.trim().toLowerCase();

/** Distinct non-empty texts, in first-seen order, trimmed as the engine reads measure names. */
export function distinctTexts(column: CellValue[]): string[] {
  const seen = new Set<string>();
  for (const v of column) {
    if (v === null || typeof v === "object") continue; // empty, or an error cell: not a measure
    const t = String(v).trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

/** The table's measures; none when its measure column is not mapped or not there. */
export async function listMeasures(port: WorkbookPort, source: MeasureSource): Promise<string[]> {
  if (source.measureColumns?.length) return [...source.measureColumns];
  const header = source.mapping.measure;
  if (!header) return [];
  const table = await port.readTable(source.ref);
  const j = table.headers.findIndex((h) => norm(h) === norm(header));
  return j < 0 ? [] : distinctTexts(table.columns[j]!.slice(0, table.rowCount));
}
