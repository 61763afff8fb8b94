// Print scale for sheets with manual page breaks: Excel ignores manual breaks under "Fit to", so
// these sheets give a fixed scale computed here from their column widths (A4, the adapters' margins).
import type { ColumnWidth } from "./plan";

/** Printable A4 in points with the adapters' margins (0.4" sides, 0.5" top and bottom). */
const PAGE = {
  landscape: { width: (11.69 - 0.8) * 72, height: (8.27 - 1.0) * 72 },
  portrait: { width: (8.27 - 0.8) * 72, height: (11.69 - 1.0) * 72 },
};

/**
 * Points an Excel column of `width` characters takes: 7 px a character + 5 px padding at 96 dpi in
 * Excel (Calibri); LibreOffice without Carlito measures characters in DejaVu Sans, about 9.4 px.
 */
export const columnPoints = (width: number, pxPerChar = 7): number => (width * pxPerChar + 5) * 0.75;

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
  /** Character width in pixels; pass a wider one where clipping would lose a picture. */
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
