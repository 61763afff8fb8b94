// Print scale for sheets with manual page breaks: Excel ignores manual breaks under "Fit to", so
// these sheets give a fixed scale computed here from their column widths (A4, the adapters' margins).
import type { ColumnWidth, SheetPlan } from "./plan";
import { LINE_POINTS, wrappedLines } from "./row-heights";

/** Printable A4 in points with the adapters' margins (0.4" sides, 0.5" top and bottom). */
const PAGE = {
  landscape: { width: (11.69 - 0.8) * 72, height: (8.27 - 1.0) * 72 },
  portrait: { width: (8.27 - 0.8) * 72, height: (11.69 - 1.0) * 72 },
};

/**
 * Pixels a column-width character takes where it is widest among the applications that print these
 * workbooks: 7 px in Excel (Calibri), about 9.4 px in LibreOffice without Carlito (DejaVu Sans,
 * measured on the Charts sheet's pictures, which fill their columns). The scale allows for the
 * wider, so no column is pushed onto a page of its own; Excel prints a little smaller.
 */
const WIDE_CHAR_PX = 9.4;

/** Points an Excel column of `width` characters takes (+ 5 px padding, 96 dpi). */
export const columnPoints = (width: number, pxPerChar = WIDE_CHAR_PX): number =>
  (width * pxPerChar + 5) * 0.75;

/** Excel's default column width in characters. */
const DEFAULT_WIDTH = 8.43;

/**
 * The largest whole percent (10–100) at which columns 0…`lastCol` fit the page's width and, when
 * given, `heightPt` points of rows fit its height.
 */
export function printScale(opts: {
  widths: ColumnWidth[];
  lastCol: number;
  landscape: boolean;
  heightPt?: number;
  /** Character width in pixels (default: the widest renderer's). */
  pxPerChar?: number;
}): number {
  const page = opts.landscape ? PAGE.landscape : PAGE.portrait;
  const byCol = new Map(opts.widths.map((w) => [w.col, w.width]));
  let width = 0;
  for (let c = 0; c <= opts.lastCol; c++)
    width += columnPoints(byCol.get(c) ?? DEFAULT_WIDTH, opts.pxPerChar);
  const fit = Math.min(page.width / width, opts.heightPt ? page.height / opts.heightPt : 1, 1);
  return Math.max(10, Math.floor(fit * 100));
}

/** Default row height in points. */
export const ROW_POINTS = 15;

/**
 * Long one-cell lines at column A (the provenance line, notes) wrap within columns A…`lastCol`
 * (merged, with the row height their lines need) instead of running on to the right: under a fixed
 * print scale LibreOffice prints text that runs past the table on pages of its own.
 */
export function wrapLongLines(sheet: SheetPlan, lastCol: number): SheetPlan {
  if (lastCol < 1) return sheet;
  const byCol = new Map((sheet.columnWidths ?? []).map((w) => [w.col, w.width]));
  let span = 0;
  for (let c = 0; c <= lastCol; c++) span += byCol.get(c) ?? DEFAULT_WIDTH;
  const merges = [...(sheet.merges ?? [])];
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  const taken = (row: number) => merges.some((m) => row >= m.row && row < m.row + m.rows);
  const blocks = sheet.blocks.map((b) => {
    const text = b.values.length === 1 && b.values[0].length === 1 ? b.values[0][0] : null;
    if (b.col !== 0 || typeof text !== "string" || text.length * NOTE_FACTOR <= span || taken(b.row))
      return b;
    merges.push({ row: b.row, col: 0, rows: 1, cols: lastCol + 1 });
    const lines = wrappedLines(text, span, NOTE_FACTOR);
    heights.set(b.row, Math.max(heights.get(b.row) ?? 0, lines * LINE_POINTS + 3));
    return { ...b, wrap: true, vertical: "top" as const };
  });
  return { ...sheet, blocks, merges, rowHeights: [...heights].map(([row, height]) => ({ row, height })) };
}

/** Note text (9-pt italic) against Excel's character-width unit. */
const NOTE_FACTOR = 0.9;
