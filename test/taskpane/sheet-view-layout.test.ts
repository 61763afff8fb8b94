// The sheet view's geometry: Excel's pixel widths, row heights for sparse rows and wrapped text,
// and finding the row at a scroll position.
import { describe, expect, it } from "vitest";
import { sheetGrid } from "../../src/workbook/html/grid";
import { layoutOf, rowAt, widthPixels } from "../../src/taskpane/sheet-view/layout";

describe("sheet view layout", () => {
  it("turns stored character widths into Excel's pixels", () => {
    // Excel's default column: stored 9.140625, shown as 8.43 characters (64 pixels).
    expect(widthPixels(9.140625)).toBe(64);
    // A stored 10.7109375 is shown as "10.00 (75 pixels)".
    expect(widthPixels(10.7109375)).toBe(75);
  });

  it("gives every row of a sparse sheet a finite height, wrapped text more lines", () => {
    const g = sheetGrid({
      key: "k",
      name: "K",
      blocks: [
        { row: 0, col: 5, values: [["far right"]] },
        { row: 3, col: 0, values: [["word ".repeat(40)]], wrap: true },
      ],
      columnWidths: [{ col: 0, width: 10.7109375 }],
      rowHeights: [{ row: 1, height: 30 }],
    });
    const lay = layoutOf(g);
    expect(lay.rowHeights.every(Number.isFinite)).toBe(true);
    expect(lay.colWidths.slice(0, 2)).toEqual([75, 64]);
    // 30 pt = 40 px; 200 characters at ~6.5 px in a 75 px column ((75 − 6) / 6.5 → 10 a line) need 20 lines, 15 px each.
    expect(lay.rowHeights[1]).toBe(40);
    expect(lay.rowHeights[3]).toBe(20 * 15 + 4);
    expect(lay.rowTops[2]).toBe(20 + 40);
  });

  it("finds the row under a y position", () => {
    const tops = [0, 20, 60, 80, 100];
    expect([0, 19, 20, 59, 60, 99, 500].map((y) => rowAt(tops, y))).toEqual([0, 0, 1, 1, 2, 3, 3]);
  });
});
