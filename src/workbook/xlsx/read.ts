// An .xlsx file's sheets as grids of cell values (ExcelJS). Each grid starts at cell A1, so a
// table found in it keeps its real sheet row and column for messages.
import ExcelJS from "exceljs";
import type { CellValue } from "../../engine/types";

export interface SheetGrid {
  name: string;
  grid: CellValue[][];
  /** Each cell's number format, parallel to `grid`, when asked for (validation reads the published rounding). */
  formats?: (string | null)[][];
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
      // A formula never calculated has no cached result: read as blank, as Excel shows it until recalculated.
      return r === undefined ? null : cellValue(r as ExcelJS.CellValue);
    }
    if ("text" in v) return typeof v.text === "string" ? v.text : cellValue(v.text as ExcelJS.CellValue);
  }
  return String(v);
}

/** A date cell as ISO text ("2024-05-09", or with the time when it has one): codes are never dates. */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}
