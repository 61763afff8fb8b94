// Pixel geometry of a sheet grid as Excel lays it out at 100%: column widths from character
// widths (7 px digit), row heights from points, wrapped text given the lines it needs.
import type { SheetGrid } from "../../workbook/html/grid";

/** Excel's default column width: 64 px (stored as 9.140625 characters, shown as "8.43"). */
const DEFAULT_COL_PX = 64;
/** Excel's default row height: 15 pt. */
export const DEFAULT_ROW_PX = 20;

/** Pixel width Excel shows for a stored character width (as widthToPoints, in pixels). */
export const widthPixels = (chars: number): number =>
  Math.trunc(((256 * chars + Math.trunc(128 / 7)) / 256) * 7);

export interface Layout {
  /** Rows and columns drawn: the used range, and the sized rows and columns, pictures and charts beyond it. */
  rows: number;
  cols: number;
  colWidths: number[];
  /** Left edge of each column, and the total width at [cols]. */
  colLefts: number[];
  rowHeights: number[];
  /** Top edge of each row, and the total height at [rows]. */
  rowTops: number[];
  /** Merges by top-left cell "r,c", and the cells they cover (other than the top-left). */
  mergeAt: Map<string, { rows: number; cols: number }>;
  covered: Set<string>;
}

const prefix = (xs: number[]) => {
  const out = [0];
  for (const x of xs) out.push(out[out.length - 1]! + x);
  return out;
};

export function layoutOf(g: SheetGrid): Layout {
  const anchors = [...g.images.map((i) => i.anchor), ...g.charts.map((c) => c.anchor)];
  const rows = Math.max(
    g.rows,
    ...[...g.rowHeights.keys()].map((r) => r + 1),
    ...anchors.map((a) => a.row + a.rows),
  );
  const cols = Math.max(
    g.cols,
    g.freeze.cols + 1,
    ...[...g.columnWidths.keys()].map((c) => c + 1),
    ...anchors.map((a) => a.col + a.cols),
  );
  const colWidths = Array.from({ length: cols }, (_, c) => {
    const w = g.columnWidths.get(c);
    return w === undefined ? DEFAULT_COL_PX : widthPixels(w);
  });
  const colLefts = prefix(colWidths);
  const mergeAt = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const m of g.merges) {
    mergeAt.set(`${m.row},${m.col}`, { rows: m.rows, cols: m.cols });
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < m.cols; j++) if (i || j) covered.add(`${m.row + i},${m.col + j}`);
  }
  const rowHeights = Array.from({ length: rows }, (_, r) => {
    const set = g.rowHeights.get(r);
    if (set !== undefined) return Math.round((set * 4) / 3);
    // Excel fits a row to its wrapped text (not in merged cells): about 6.5 px a character, 15 px a line.
    let lines = 1;
    let size = 10;
    // A row's cells are a sparse array: forEach skips the holes.
    (g.cells[r] ?? []).forEach((cell, c) => {
      if (cell?.font?.size) size = Math.max(size, cell.font.size);
      if (!cell?.wrap || !cell.text || mergeAt.has(`${r},${c}`)) return;
      const perLine = Math.max(1, Math.floor((colWidths[c]! - 6) / 6.5));
      const need = cell.text.split("\n").reduce((n, t) => n + Math.max(1, Math.ceil(t.length / perLine)), 0);
      lines = Math.max(lines, need);
    });
    return Math.max(DEFAULT_ROW_PX, Math.round(lines * size * 1.5 + 4));
  });
  return { rows, cols, colWidths, colLefts, rowHeights, rowTops: prefix(rowHeights), mergeAt, covered };
}

/** The first row whose bottom edge is below `y` (binary search over row tops). */
export function rowAt(rowTops: number[], y: number): number {
  let lo = 0;
  let hi = rowTops.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rowTops[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
