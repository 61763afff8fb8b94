// Excel does not grow a row for wrapped text when a file is opened (LibreOffice and Excel keep the
// default height), so header rows get an explicit height from their text and column widths.
import { COLOR } from "./format";
import type { SheetPlan } from "./plan";

export const LINE_POINTS = 12.75;
/** Bold header text is a little wider than Excel's character-width unit; 10-pt body text narrower. */
const BOLD_FACTOR = 1.15;

/** Lines a text wraps to in a cell `width` characters wide (word wrap, as Excel does). */
export function wrappedLines(text: string, width: number, factor = BOLD_FACTOR): number {
  const usable = Math.max(width - 1, 1);
  let n = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const w = word.length * factor;
    if (used > 0 && used + 1 + w > usable) {
      n += 1;
      used = w;
    } else used += (used > 0 ? 1 : 0) + w;
  }
  return n;
}

/** Adds a height for each wrapped header row (a one-row block with the header fill) that needs more than one line. */
export function fitHeaderRows(sheet: SheetPlan): SheetPlan {
  const width = (col: number) => sheet.columnWidths?.find((w) => w.col === col)?.width ?? 8.43;
  const spanWidth = (row: number, col: number) => {
    const m = sheet.merges?.find(
      (g) => row >= g.row && row < g.row + g.rows && col >= g.col && col < g.col + g.cols,
    );
    if (!m) return width(col);
    let w = 0;
    for (let c = m.col; c < m.col + m.cols; c++) w += width(c);
    return w;
  };
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  for (const b of sheet.blocks) {
    if (!b.wrap || b.fill !== COLOR.headerFill || b.values.length !== 1) continue;
    const need = Math.max(
      ...b.values[0].map((v, j) =>
        typeof v === "string" && v ? wrappedLines(v, spanWidth(b.row, b.col + j)) : 1,
      ),
    );
    if (need > 1) heights.set(b.row, Math.max(heights.get(b.row) ?? 0, need * LINE_POINTS + 3));
  }
  return { ...sheet, rowHeights: [...heights].map(([row, height]) => ({ row, height })) };
}
