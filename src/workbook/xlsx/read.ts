// An .xlsx file's sheets as grids of cell values (ExcelJS). Each grid starts at cell A1, so a
// table found in it keeps its real sheet row and column for messages.
import ExcelJS from "exceljs";
import { FORMULA_WITHOUT_RESULT } from "../../engine/cells";
import type { CellValue } from "../../engine/types";
import { dateText } from "../dates";
import { fillMerges, type MergedArea } from "../merges";

export interface SheetGrid {
  name: string;
  grid: CellValue[][];
  /** Each cell's number format, parallel to `grid`, when asked for (validation reads the published rounding). */
  formats?: (string | null)[][];
  /** Hidden or very hidden in Excel (a candidate table there is still a candidate: SPEC §1b). */
  hidden?: boolean;
}

/**
 * Reads every worksheet of an .xlsx file through ExcelJS's whole model. Formula cells give their
 * cached result. Files are read by the streaming reader (stream-read.ts); this is the oracle its
 * tests compare it with, and the ExcelJS port reads its workbook with the same cell functions.
 */
export async function readWorkbookGrids(
  buffer: ArrayBuffer | Uint8Array,
  options: { formats?: boolean } = {},
): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  const data =
    buffer instanceof Uint8Array
      ? buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)
      : buffer;
  // ExcelJS's types ask for a Node Buffer; its zip reader takes an ArrayBuffer too (and so works in a browser).
  await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb.worksheets.map((ws) => ({
    name: ws.name,
    grid: worksheetGrid(ws),
    ...(options.formats ? { formats: worksheetFormats(ws) } : {}),
    ...(ws.state !== "visible" ? { hidden: true } : {}),
  }));
}

/** Number formats of a worksheet's non-empty cells, from A1 (null where a cell has none). */
export function worksheetFormats(ws: ExcelJS.Worksheet): (string | null)[][] {
  const formats: (string | null)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = cell.numFmt ?? null;
    });
    formats[rowNumber - 1] = cells;
  });
  for (let r = 0; r < formats.length; r++) formats[r] ??= [];
  return formats;
}

/** One worksheet as a grid from A1; rows and cells ExcelJS did not store are null. */
export function worksheetGrid(ws: ExcelJS.Worksheet): CellValue[][] {
  const grid: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // A merged area's value belongs to its top-left cell only.
      if (cell.isMerged && cell.master !== cell) return;
      const v = cellValue(cell.value);
      if (v !== null) {
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = v;
      }
    });
    while (grid.length < rowNumber - 1) grid.push([]);
    grid[rowNumber - 1] = cells;
  });
  // ExcelJS keeps merges by their top-left cell in _merges (ws.model lists them too, but builds
  // the model of every row to do so).
  const merges = (ws as unknown as { _merges?: Record<string, { model: MergedArea }> })._merges ?? {};
  fillMerges(
    grid,
    Object.values(merges).map((r) => r.model),
  );
  return grid;
}

/** ExcelJS's cell value as a plain CellValue. */
export function cellValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      // A formula never calculated (a file written by a program, not saved by Excel) has no saved
      // result: its value is unknown, not 0, so it is an error cell that names itself (SPEC §1b).
      return r === undefined ? { error: FORMULA_WITHOUT_RESULT } : cellValue(r as ExcelJS.CellValue);
    }
    if ("text" in v) return typeof v.text === "string" ? v.text : cellValue(v.text as ExcelJS.CellValue);
  }
  return String(v);
}
