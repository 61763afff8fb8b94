// Writing a Plan through the office adapter (on the fake) and through the ExcelJS adapter must
// give the same sheets, values, formats and rules; reruns replace only the add-in's own sheets.
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeExcel, installFakeExcel, PAYLOAD_LIMIT } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";
import { applyPlanToWorkbook } from "../../../src/workbook/xlsx/write";
import type { Plan } from "../../../src/report/plan";
import { featurePlan } from "./plans";
import { snapshotExcelJS, snapshotFake } from "./snapshot";

let fake: FakeExcel;
afterEach(() => fake?.uninstall());

function viaExcelJS(plans: Plan[], userSheets: [string, (string | number)[][]][] = []): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1");
  for (const [name, rows] of userSheets) wb.addWorksheet(name).addRows(rows);
  for (const p of plans) applyPlanToWorkbook(p, wb);
  return wb;
}

const outputs = (names: Record<string, string>) => {
  const set = new Set(Object.values(names));
  return (s: { name: string }) => set.has(s.name);
};

describe("office adapter: applying a Plan", () => {
  it("writes the same sheets, values, formats, rules and tables as the ExcelJS adapter", async () => {
    fake = installFakeExcel({ apiVersion: "1.10" });
    const plan = featurePlan();
    const report = await createOfficePort().applyPlan(plan);
    const wb = viaExcelJS([plan]);
    const a = snapshotFake(fake, outputs(report.sheetNames));
    const b = snapshotExcelJS(wb, outputs(report.sheetNames));
    expect(a.sheets.map((s) => s.name)).toEqual(["Annex B", "Detail", "About  this   a very long sheet"]);
    for (let i = 0; i < a.sheets.length; i++) expect(a.sheets[i], a.sheets[i]!.name).toEqual(b.sheets[i]);
    // The comparison is not vacuous: both sides hold every feature.
    expect(Object.keys(a.sheets[0]!.cells).length).toBeGreaterThan(40);
    expect(a.sheets[0]).toMatchObject({
      marker: "annex-b",
      tabColor: "#005EB8",
      freeze: "4x2",
      merges: ["A13:C14", "A1:F1"],
    });
    expect(a.sheets[0]!.gridlines).toBeUndefined(); // hidden (false is dropped by the snapshot)
    expect(a.sheets[0]!.rules).toHaveLength(5);
    expect(a.sheets[1]!.tables).toEqual(["StdratesDetail A1:D41 TableStyleMedium2 filter"]);
    expect(a.sheets[0]!.print).toBe("landscape A4 fit-width | Rates & ratios | Page &P of &N");
    // The Detail table's header repeats on every printed page, in both (setPrintTitleRows, printTitlesRow).
    // Its fixed scale and manual page breaks too (pageLayout.zoom.scale + horizontalPageBreaks, pageSetup.scale + rowBreaks).
    expect(a.sheets[1]!.print).toBe(
      "portrait A4  | Detail | Page &P of &N | repeat 1:1 | scale 80 | breaks 20,30",
    );
    expect(a.active).toBe("Detail");
    expect(b.active).toBe("Detail");
    // Independent spot checks of the fake's model (not via the snapshot code).
    const annex = fake.sheet("Annex B");
    const at = (r: number, c: number) => annex.cells.get(r * 16384 + c);
    expect(at(8, 0)).toMatchObject({ value: "=1+1", quotePrefix: true });
    expect(at(8, 0)?.formula).toBeUndefined();
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => at(8, c)?.value)).toEqual([
      "10-14",
      "0123",
      "TRUE",
      "#N/A",
      "+44 20",
      "-x",
      "Jan-24",
    ]);
    expect(at(10, 2)?.formula).toBe("=SUM(C5:C7)");
    expect(at(4, 2)?.format.numberFormat).toBe("#,##0.0");
    expect(annex.conditionalFormats).toHaveLength(5);
    // The picture covers B16:D19: left = column A (10 chars = 70 px); top = rows 1–15 (24 + 13 × 15
    // + 30 pt for row 13); width = B (28.5 chars = 199 px) + C + D (64 px each); height 4 × 15 pt.
    expect(a.sheets[0]!.images).toEqual([`52.50,249.00 ${((199 + 64 + 64) * 0.75).toFixed(2)}x60.00`]);
    expect(annex.extras.shapes).toEqual([expect.objectContaining({ altTextTitle: "Hex map of rates" })]);
  });

  it("writes a Plan in three requests, plus one for pictures and one for page setup, suspending screen updating in each that writes", async () => {
    fake = installFakeExcel({ apiVersion: "1.10" });
    const report = await createOfficePort().applyPlan(featurePlan());
    expect(fake.stats.syncs).toBe(5);
    expect(report.syncs).toBe(5);
    expect(fake.stats.suspendScreenUpdating).toBe(4);
    fake.resetStats();
    const plain = featurePlan();
    for (const s of plain.sheets) {
      delete s.images;
      delete s.print;
    }
    expect((await createOfficePort().applyPlan(plain)).syncs).toBe(3);
    expect(fake.stats.suspendScreenUpdating).toBe(2); // every request that writes, none that only reads
    expect(fake.stats.requests.every((r) => !r.error)).toBe(true);
  });

  it("places no picture on an ExcelApi 1.9 host (anchor positions are 1.10) and still writes the rest", async () => {
    fake = installFakeExcel({ apiVersion: "1.9" });
    const plan = featurePlan();
    const report = await createOfficePort().applyPlan(plan);
    expect(fake.stats.requests.every((r) => !r.error)).toBe(true);
    const a = snapshotFake(fake, outputs(report.sheetNames));
    const b = snapshotExcelJS(viaExcelJS([plan]), outputs(report.sheetNames));
    expect(a.sheets[0]!.images).toBeUndefined();
    expect(a.sheets.map((s) => ({ ...s, images: undefined }))).toEqual(
      b.sheets.map((s) => ({ ...s, images: undefined })),
    );
  });

  it("keeps the report when the host refuses the page setup", async () => {
    fake = installFakeExcel({ apiVersion: "1.10" });
    fake.failNextSync("InvalidArgument", 4); // the fifth request: page setup
    const report = await createOfficePort().applyPlan(featurePlan());
    expect(fake.stats.requests.map((r) => r.error ?? "ok")).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
      "InvalidArgument",
    ]);
    expect(report.sheetNames["annex-b"]).toBe("Annex B");
    expect(fake.sheet("Annex B").extras.pageLayout).toBeUndefined();
    expect(fake.sheet("Annex B").cells.size).toBeGreaterThan(40);
  });

  it("works on an ExcelApi 1.7 host without the newer APIs", async () => {
    fake = installFakeExcel({ apiVersion: "1.7" });
    const plan = featurePlan();
    const report = await createOfficePort().applyPlan(plan);
    expect(fake.stats.suspendScreenUpdating).toBe(0);
    const a = snapshotFake(fake, outputs(report.sheetNames));
    const b = snapshotExcelJS(viaExcelJS([plan]), outputs(report.sheetNames));
    // Gridlines (1.8), page layout and pictures (1.9) are left out; everything else matches.
    const strip = (s: (typeof a.sheets)[number]) => ({
      ...s,
      gridlines: undefined,
      print: undefined,
      images: undefined,
    });
    expect(a.sheets.map(strip)).toEqual(b.sheets.map(strip));
    expect(a.sheets[0]!.gridlines).toBe(true);
  });

  it("replaces only its own sheets on a rerun, following a sheet the user renamed", async () => {
    fake = installFakeExcel({ sheets: ["Inputs"] });
    fake.put("Inputs", "A1", [
      ["Area", "Population"],
      ["QE1", 100],
    ]);
    fake.put("Notes", "A1", [["my notes"]]);
    const port = createOfficePort();
    await port.applyPlan(featurePlan("run 1"));
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Detail").name = "My detail";
      await ctx.sync();
    });
    const inputsBefore = structuredClone([...fake.sheet("Inputs").cells]);
    const notesBefore = structuredClone([...fake.sheet("Notes").cells]);
    const report = await port.applyPlan(featurePlan("run 2"));
    expect(report.sheetNames).toEqual({
      "annex-b": "Annex B",
      detail: "Detail",
      about: "About  this   a very long sheet",
    });
    expect(fake.model.sheets.map((s) => s.name)).toEqual([
      "Inputs",
      "Notes",
      "Annex B",
      "Detail",
      "About  this   a very long sheet",
    ]);
    expect([...fake.sheet("Inputs").cells]).toEqual(inputsBefore);
    expect([...fake.sheet("Notes").cells]).toEqual(notesBefore);
    const markers = fake.model.names.filter((n) => !n.deleted && n.name.startsWith("stdrates_output_"));
    expect(markers.map((n) => [n.name, n.ref?.sheet.name, n.comment])).toEqual([
      ["stdrates_output_annex_b", "Annex B", "run 2"],
      ["stdrates_output_detail", "Detail", "run 2"],
      ["stdrates_output_about", "About  this   a very long sheet", "run 2"],
    ]);
    // The second run's table gets the plan's name again: the first run's table went with its sheet.
    expect(fake.sheet("Detail").tables.map((t) => t.name)).toEqual(["StdratesDetail"]);
  });

  it("leaves a user's sheet that has an output's name untouched and writes the output under a new name", async () => {
    fake = installFakeExcel();
    fake.put("Annex B", "A1", [
      ["mine", 1],
      ["=not a formula", 2],
    ]);
    const userBefore = structuredClone([...fake.sheet("Annex B").cells]);
    const port = createOfficePort();
    const plan = featurePlan();
    const first = await port.applyPlan(plan);
    const second = await port.applyPlan(plan);
    expect(first.sheetNames["annex-b"]).toBe("Annex B (2)");
    expect(second.sheetNames["annex-b"]).toBe("Annex B (2)");
    expect([...fake.sheet("Annex B").cells]).toEqual(userBefore);
    expect(fake.model.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      "Annex B",
      "Annex B (2)",
      "Detail",
      "About  this   a very long sheet",
    ]);
    // Same naming as the ExcelJS adapter given the same workbook.
    const wb = viaExcelJS([plan, plan], [["Annex B", [["mine", 1]]]]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(fake.model.sheets.map((s) => s.name));
  });

  it("replaces outputs even when they are the only sheets, and drops a marker whose sheet was deleted", async () => {
    fake = installFakeExcel({ sheets: ["Sheet1"] });
    const port = createOfficePort();
    await port.applyPlan(featurePlan());
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").delete();
      ctx.workbook.worksheets.getItem("Detail").delete(); // its marker name becomes #REF!
      await ctx.sync();
    });
    await port.applyPlan(featurePlan());
    expect(fake.model.sheets.map((s) => s.name)).toEqual([
      "Annex B",
      "Detail",
      "About  this   a very long sheet",
    ]);
    expect(
      fake.model.names
        .filter((n) => !n.deleted)
        .map((n) => n.name)
        .sort(),
    ).toEqual(["stdrates_output_about", "stdrates_output_annex_b", "stdrates_output_detail"]);
  });

  it("marks its sheets before writing them, so a write that fails is replaced by the next run", async () => {
    fake = installFakeExcel();
    const port = createOfficePort();
    fake.failNextSync("GeneralException", 2); // the third request: content
    await expect(port.applyPlan(featurePlan())).rejects.toMatchObject({ code: "GeneralException" });
    expect(fake.model.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      "Annex B",
      "Detail",
      "About  this   a very long sheet",
    ]);
    const report = await port.applyPlan(featurePlan());
    expect(report.sheetNames["annex-b"]).toBe("Annex B");
    expect(fake.model.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      "Annex B",
      "Detail",
      "About  this   a very long sheet",
    ]);
    expect(fake.sheet("Annex B").cells.size).toBeGreaterThan(40);
  });

  it("draws a Plan's charts natively over the cells they name (ExcelApi 1.7)", async () => {
    fake = installFakeExcel({ apiVersion: "1.7" });
    const plan = featurePlan();
    plan.sheets[1]!.charts = [
      {
        kind: "xyScatter",
        title: "Observed against expected",
        anchor: { row: 2, col: 6, rows: 15, cols: 8 },
        series: [
          {
            name: "Areas",
            values: { row: 1, col: 2, rows: 40, cols: 1 },
            xValues: { row: 1, col: 3, rows: 40, cols: 1 },
            color: "#005EB8",
          },
          {
            name: "Equality",
            values: { row: 1, col: 3, rows: 40, cols: 1 },
            xValues: { row: 1, col: 3, rows: 40, cols: 1 },
            kind: "xyScatterLines",
            dash: true,
            lineOnly: true,
            color: "#425563",
          },
        ],
        xAxisTitle: "Expected",
        yAxisTitle: "Observed",
      },
    ];
    await createOfficePort().applyPlan(plan);
    expect(fake.sheet("Detail").extras.charts).toEqual([
      {
        id: expect.any(String),
        type: "XYScatter",
        title: "Observed against expected",
        position: {
          start: { row: 2, col: 6, rows: 1, cols: 1 },
          end: { row: 16, col: 13, rows: 1, cols: 1 },
        },
        axisTitles: { category: "Expected", value: "Observed" },
        series: [
          {
            name: "Areas",
            values: { row: 1, col: 2, rows: 40, cols: 1 },
            xValues: { row: 1, col: 3, rows: 40, cols: 1 },
            markerColor: { background: "#005EB8", foreground: "#005EB8" },
          },
          {
            name: "Equality",
            values: { row: 1, col: 3, rows: 40, cols: 1 },
            xValues: { row: 1, col: 3, rows: 40, cols: 1 },
            chartType: "XYScatterLines",
            lineColor: "#425563",
            lineStyle: "Dash",
            markerStyle: "None",
          },
        ],
      },
    ]);
  });

  it("splits a Plan too big for one request into requests under the limit", async () => {
    fake = installFakeExcel();
    const rows = Array.from({ length: 60_000 }, (_, i) => [
      `Area ${i}`,
      `Measure name number ${i % 14}`,
      i * 1.5,
      i / 7,
    ]);
    const plan: Plan = {
      marker: "big",
      sheets: [
        {
          key: "detail",
          name: "Detail",
          blocks: [{ row: 0, col: 0, values: rows, numberFormat: ["@", "@", "0.0", "0.000"] }],
        },
      ],
    };
    await createOfficePort().applyPlan(plan);
    const ok = fake.stats.requests.filter((r) => !r.error);
    expect(ok.length).toBe(fake.stats.requests.length);
    expect(Math.max(...ok.map((r) => r.requestBytes))).toBeLessThan(PAYLOAD_LIMIT);
    expect(fake.stats.syncs).toBeGreaterThan(3);
    const s = fake.sheet("Detail");
    expect(s.cells.get(59_999 * 16384 + 0)?.value).toBe("Area 59999");
    expect(s.cells.get(59_999 * 16384 + 3)?.value).toBe(59_999 / 7);
    expect(s.cells.get(59_999 * 16384 + 3)?.format.numberFormat).toBe("0.000");
  });
});
