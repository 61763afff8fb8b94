// Merged cells read as meant (SPEC §1b), shared by the .xlsx readers and the office adapter.
// Pure: no ExcelJS, no Office, so the pane's office chunk can use it without either.
import type { CellValue } from "../engine/types";

/** A merged area, 1-based and inclusive, as `A3:A5` gives it. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A3:B5" → its rows and columns (1-based); undefined for anything else. */
export function mergedArea(ref: string): MergedArea | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  const col = (l: string) => [...l].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4]), right: col(m[3]) };
}

/**
 * SPEC §1b: a cell merged down over several rows holds its value in every row it spans (an area
 * code merged over its rows), so the rows below the top one get the top-left cell's value.
 * A merge within one row (a title across columns) is left as Excel shows it: one value.
 */
export function fillMerges(grid: CellValue[][], merges: MergedArea[]): void {
  for (const m of merges) {
    if (m.bottom <= m.top) continue;
    const v = grid[m.top - 1]?.[m.left - 1] ?? null;
    if (v === null) continue;
    for (let r = m.top + 1; r <= m.bottom; r++) {
      const row = (grid[r - 1] ??= []);
      for (let c = m.left; c <= m.right; c++) {
        while (row.length < c - 1) row.push(null);
        row[c - 1] = v;
      }
    }
  }
  for (let r = 0; r < grid.length; r++) grid[r] ??= [];
}
