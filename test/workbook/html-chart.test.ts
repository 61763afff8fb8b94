// A native chart's likeness in the sheet view: bar lengths and points in proportion to the cells
// the ChartSpec names, on an axis from 0 (hand-computed geometry).
import { describe, expect, it } from "vitest";
import type { SheetPlan } from "../../src/report/plan";
import { chartSvg } from "../../src/workbook/html/chart-svg";
import { sheetGrid } from "../../src/workbook/html/grid";

const sheet: SheetPlan = {
  key: "charts",
  name: "Charts",
  blocks: [
    {
      row: 0,
      col: 0,
      values: [
        ["A", 10, 4, 1],
        ["B", 20, 8, 2],
      ],
    },
  ],
  charts: [
    {
      kind: "columnClustered",
      title: "Rates <by> area",
      anchor: { row: 3, col: 0, rows: 10, cols: 5 },
      categories: { row: 0, col: 0, rows: 2, cols: 1 },
      series: [
        { name: "Rate", values: { row: 0, col: 1, rows: 2, cols: 1 }, color: "#A6A6A6" },
        { name: "Limit", values: { row: 0, col: 2, rows: 2, cols: 1 }, kind: "line", markerOnly: true },
      ],
    },
    {
      kind: "xyScatter",
      title: "Funnel",
      anchor: { row: 3, col: 0, rows: 10, cols: 5 },
      series: [
        {
          name: "Areas",
          xValues: { row: 0, col: 3, rows: 2, cols: 1 },
          values: { row: 0, col: 1, rows: 2, cols: 1 },
        },
      ],
    },
  ],
};

describe("chartSvg", () => {
  const g = sheetGrid(sheet);

  it("draws columns in proportion to their cells, from 0", () => {
    // 200 px tall: plot area 200 − 30 (title) − 20 (axis) = 150 px for 0..20.
    const svg = chartSvg(g.charts[0]!, g, { width: 300, height: 200 });
    const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(heights).toEqual([75, 150]);
    // The limits (no colour given: the default): a tick per category at 4 and 8 → y = 180 − 30, 180 − 60.
    const marks = [...svg.matchAll(/y1="([\d.]+)" y2="\1" stroke="#4472C4"/g)].map((m) => Number(m[1]));
    expect(marks).toEqual([150, 120]);
    // Text is escaped, and the chart has its accessible name.
    expect(svg).toContain("<title>Rates &lt;by&gt; area</title>");
  });

  it("places scatter points by their x and y cells", () => {
    const svg = chartSvg(g.charts[1]!, g, { width: 300, height: 200 });
    // x ticks 0..2 over 300 − 48 − 10 = 242 px; y 0..20 over 150 px.
    const pts = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(pts).toEqual([
      [48 + 121, 180 - 75],
      [48 + 242, 180 - 150],
    ]);
  });
});
