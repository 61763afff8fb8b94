// The office adapter draws the Charts sheet's native charts on the fake Excel (ExcelApi 1.7):
// per measure a ranked column chart (SR, England line, 95% limits) and a funnel scatter. The cells
// each series points at are read back from the fake and checked against Results directly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cellKey,
  installFakeExcel,
  type ChartModel,
  type FakeExcel,
  type RectModel,
  type SheetModel,
} from "../../fakes/excel";
import { run } from "../../../src/engine";
import { buildPlan } from "../../../src/report";
import { generateSample } from "../../../src/sample/generate";
import { gridToTable } from "../../../src/workbook/tables";
import { createOfficePort } from "../../../src/workbook/office";

const sample = generateSample();
const results = run({
  population: gridToTable(sample.population.rows, { sheet: "Population" }),
  activity: gridToTable(sample.activity.rows, { sheet: "Activity" }),
});

const column = (sheet: SheetModel, r: RectModel): unknown[] =>
  Array.from({ length: r.rows }, (_, i) => sheet.cells.get(cellKey(r.row + i, r.col))?.value);
const near = (a: number[], b: number[]) => {
  expect(a).toHaveLength(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b[i]!))));
};

describe("office adapter: Charts sheet", () => {
  let fake: FakeExcel;
  beforeAll(() => void (fake = installFakeExcel({ apiVersion: "1.7" })));
  afterAll(() => fake.uninstall());

  it("creates a ranked chart and a funnel plot per measure over cells that match Results", async () => {
    const plan = buildPlan(results, { sheets: ["charts"] });
    const applied = await createOfficePort().applyPlan(plan);
    const sheet = fake.model.sheets.find((s) => s.name === applied.sheetNames.charts)!;
    const charts = (sheet.extras.charts as ChartModel[] | undefined) ?? [];
    expect(charts).toHaveLength(2 * results.measures.length);
    // No pictures without ExcelApi 1.9 (and the pane asks for none).
    expect(sheet.extras.shapes ?? []).toEqual([]);

    for (const measure of results.measures) {
      const areas = results.areas.filter(
        (a) => a.measure === measure && Number.isFinite(a.rate) && a.expected > 0,
      );
      const national = results.national.find((n) => n.measure === measure)!;
      const ranked = charts.find((c) => c.title.startsWith(`${measure}: standardised rate`))!;
      expect(ranked.type).toBe("ColumnClustered");
      const byName = Object.fromEntries(ranked.series.map((s) => [s.name, s]));
      // Highest first, as the publication's graphs.
      near(
        column(sheet, byName["Standardised rate"]!.values!) as number[],
        areas.map((a) => a.rate).sort((x, y) => y - x),
      );
      near(
        column(sheet, byName.England!.values!) as number[],
        areas.map(() => national.rate),
      );
      const order = [...areas].sort((x, y) => y.rate - x.rate || x.area.localeCompare(y.area));
      near(
        column(sheet, byName["Lower 95%"]!.values!) as number[],
        order.map((a) => a.lower95),
      );
      near(
        column(sheet, byName["Upper 95%"]!.values!) as number[],
        order.map((a) => a.upper95),
      );
      // The limits are marks beside each bar, not connected lines (the Plan's markerOnly).
      for (const limit of ["Lower 95%", "Upper 95%"])
        expect(byName[limit], limit).toMatchObject({ lineStyle: "None", markerStyle: "Dash" });

      const funnel = charts.find((c) => c.title === `${measure}: funnel plot`)!;
      expect(funnel.type).toMatch(/^XYScatter/);
      const points = funnel.series[0]!;
      const xs = column(sheet, points.xValues!) as number[];
      const ys = column(sheet, points.values!) as number[];
      // Each point is one area's (expected, observed ÷ expected).
      const pairs = xs.map((x, i) => [x, ys[i]!] as const).sort((p, q) => p[0] - q[0]);
      const want = areas
        .map((a) => [a.expected, a.observed / a.expected] as const)
        .sort((p, q) => p[0] - q[0]);
      near(
        pairs.map((p) => p[0]),
        want.map((p) => p[0]),
      );
      near(
        pairs.map((p) => p[1]),
        want.map((p) => p[1]),
      );
      // England's line sits at ratio 1 over the limit rows.
      const england = funnel.series.find((s) => s.name === "England (1)")!;
      expect(new Set(column(sheet, england.values!))).toEqual(new Set([1]));
    }
  }, 120_000);
});
