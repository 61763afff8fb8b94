// Reading a whole sheet with its number formats (to validate a published table against a run) and
// listing sheet names. Published tables are small; a sheet too big for one request is refused.
import type { SheetGridRead } from "../port";
import { runExcel } from "./excel";
import { fromExcel } from "./values";

/** Cells read in one request: values and formats of a published table fit well inside 4 MB. */
const MAX_CELLS = 100_000;

export function sheetNames(): Promise<string[]> {
  return runExcel(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load("items/name,items/visibility");
    await ctx.sync();
    return sheets.items
      .filter((s) => s.visibility === undefined || s.visibility === "Visible")
      .map((s) => s.name);
  });
}

export function readGrid(sheet: string): Promise<SheetGridRead> {
  return runExcel(async (ctx) => {
    const used = ctx.workbook.worksheets
      .getItem(sheet)
      .getUsedRangeOrNullObject(true)
      .load("rowCount,columnCount,rowIndex,columnIndex");
    await ctx.sync();
    if (used.isNullObject) return { name: sheet, grid: [], formats: [], origin: { row: 0, col: 0 } };
    if (used.rowCount * used.columnCount > MAX_CELLS)
      throw new Error(
        `Sheet "${sheet}" has ${used.rowCount.toLocaleString("en-GB")} rows: a published table to validate is expected to be much smaller.`,
      );
    used.load("values,numberFormat");
    await ctx.sync();
    return {
      name: sheet,
      grid: (used.values as unknown[][]).map((row) => row.map(fromExcel)),
      formats: used.numberFormat as string[][],
      origin: { row: used.rowIndex, col: used.columnIndex },
    };
  });
}
