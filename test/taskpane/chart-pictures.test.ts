// The preview's download puts each native chart in as a picture over its cells, sized as those
// cells are in Excel, once per written sheet (a second download adds nothing).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/report/plan";
import { addChartPictures } from "../../src/taskpane/sheet-view/chart-pictures";
import { applyPlanToWorkbook } from "../../src/workbook/xlsx/write";

// A 1×1 PNG.
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const plan: Plan = {
  marker: "m",
  sheets: [
    {
      key: "charts",
      name: "Charts",
      blocks: [
        {
          row: 0,
          col: 0,
          values: [
            ["A", 1],
            ["B", 2],
          ],
        },
      ],
      // Column C is 10.7109375 characters (75 px); D keeps Excel's default 64 px.
      columnWidths: [{ col: 2, width: 10.7109375 }],
      rowHeights: [{ row: 3, height: 30 }],
      charts: [
        {
          kind: "columnClustered",
          title: "One",
          anchor: { row: 2, col: 2, rows: 3, cols: 2 },
          categories: { row: 0, col: 0, rows: 2, cols: 1 },
          series: [{ name: "s", values: { row: 0, col: 1, rows: 2, cols: 1 } }],
        },
      ],
    },
  ],
};

describe("addChartPictures", () => {
  it("adds one picture per chart, sized as its cells, once", async () => {
    const wb = new ExcelJS.Workbook();
    const report = applyPlanToWorkbook(plan, wb);
    const sizes: string[] = [];
    const rasterise = async (svg: string) => {
      sizes.push(/<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).join("x"));
      return { base64: PNG, width: 1, height: 1 };
    };
    const sheets: [string, (typeof plan.sheets)[0]][] = [[report.sheetNames.charts!, plan.sheets[0]!]];
    expect(await addChartPictures(wb, sheets, rasterise)).toBe(1);
    // 75 + 64 px wide; rows 3–5: 20 + 40 (30 pt) + 20 px tall.
    expect(sizes).toEqual(["139x80"]);
    const images = wb.getWorksheet("Charts")!.getImages();
    expect(images).toHaveLength(1);
    expect(images[0]!.range.tl.nativeCol).toBe(2);
    expect(images[0]!.range.tl.nativeRow).toBe(2);
    expect(await addChartPictures(wb, sheets, rasterise)).toBe(0);
    expect(wb.getWorksheet("Charts")!.getImages()).toHaveLength(1);
  });
});
