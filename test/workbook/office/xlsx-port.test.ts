// The xlsx port (standalone preview) must find and read the same tables as the office port, and
// keep its settings inside the file.
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeExcel, installFakeExcel } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";
import { SETTINGS_SHEET, createOpenedXlsxPort, createXlsxPort } from "../../../src/workbook/xlsx/port";
import { readXlsx } from "../../../src/workbook/xlsx/stream-read";
import { featurePlan } from "./plans";

let fake: FakeExcel;
afterEach(() => fake?.uninstall());

type Rows = (string | number | null)[][];
const POP: Rows = [
  ["Population by area"],
  [],
  ["ICB code", "Sex", "Age band", "Population"],
  ["QE1", "F", "0-4", 10],
  ["QE1", "M", "0-4", 12],
  ["QHM", "F", "5-9", { error: "#N/A" } as unknown as string],
];
const ACT: Rows = [
  ["ICB code", "Measure", "Count"],
  ["QE1", "CT", 3],
  ["QE1", "MRI", null],
  ["QHM", "CT", 5],
];
const REF: Rows = [
  ["Sex", "Population", "Count"],
  ["F", 100, 5],
  ["M", 90, 4],
];

/** The same workbook content twice: in the fake (office) and in ExcelJS (preview). */
async function both(): Promise<{
  office: ReturnType<typeof createOfficePort>;
  xlsx: ReturnType<typeof createXlsxPort>;
  wb: ExcelJS.Workbook;
}> {
  fake = installFakeExcel({ sheets: ["Pop"] });
  const plain = (rows: Rows) => rows.map((r) => r.map((v) => (v && typeof v === "object" ? "#N/A" : v)));
  fake.put("Pop", "A1", plain(POP));
  fake.put("Act", "B2", ACT);
  fake.put("Ref", "A1", REF);
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Act").tables.add("B2:D5", true).name = "ActivityTable";
    ctx.workbook.names.add("RefRange", ctx.workbook.worksheets.getItem("Ref").getRange("A1:C3"));
    await ctx.sync();
  });

  const wb = new ExcelJS.Workbook();
  const pop = wb.addWorksheet("Pop");
  POP.forEach((r, i) =>
    r.forEach((v, j) => v !== null && (pop.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)),
  );
  const act = wb.addWorksheet("Act");
  act.addTable({
    name: "ActivityTable",
    ref: "B2",
    headerRow: true,
    columns: ACT[0]!.map((n) => ({ name: String(n) })),
    rows: ACT.slice(1),
  });
  wb.addWorksheet("Ref").addRows(REF);
  wb.definedNames.add("'Ref'!$A$1:$C$3", "RefRange");
  return { office: createOfficePort(), xlsx: createXlsxPort(wb), wb };
}

describe("xlsx port", () => {
  it("finds the same candidate tables as the office port", async () => {
    const { office, xlsx } = await both();
    const a = await office.listTables();
    const b = await xlsx.listTables();
    expect(b).toEqual(a);
    expect(a.map((c) => `${c.ref.kind}:${c.ref.name}`)).toEqual([
      "table:ActivityTable",
      "name:RefRange",
      "sheet:Pop",
      "sheet:Ref",
    ]);
  });

  it("reads every candidate to the same Table as the office port", async () => {
    const { office, xlsx } = await both();
    for (const c of await office.listTables())
      expect(await xlsx.readTable(c.ref), c.ref.name).toEqual(await office.readTable(c.ref));
    const pop = await xlsx.readTable({ kind: "sheet", name: "Pop", sheet: "Pop", address: "A3:D3" });
    expect(pop.columns[3]).toEqual([10, 12, { error: "#N/A" }]);
    expect(pop.source).toMatchObject({ sheet: "Pop", headerRow: 3, firstColumn: 1 });
  });

  it("writes a Plan with the same sheet names as the office port, and stops listing its output", async () => {
    const { office, xlsx } = await both();
    const a = await office.applyPlan(featurePlan());
    const b = await xlsx.applyPlan(featurePlan());
    expect(b).toEqual({ ...a, syncs: 0 });
    expect((await xlsx.listTables()).map((c) => c.ref.name)).toEqual([
      "ActivityTable",
      "RefRange",
      "Pop",
      "Ref",
    ]);
  });

  it("inserts sheets under free names with text kept as text", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Population");
    const names = await createXlsxPort(wb).insertSheets([
      {
        name: "Population",
        rows: [
          ["Code", "Band"],
          ["=1+1", "10-14"],
        ],
      },
    ]);
    expect(names).toEqual(["Population (2)"]);
    expect(wb.getWorksheet("Population (2)")!.getCell("A2").value).toBe("=1+1");
  });

  it("keeps settings in a very hidden sheet that survives saving the file, and never lists it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Data").addRows([
      ["ICB code", "Population"],
      ["QE1", 1],
    ]);
    const port = createXlsxPort(wb);
    await port.saveSettings("run", { multiplier: 1000 });
    await port.saveSettings("tables", ["Data"]);
    await port.saveSettings("run", { multiplier: 10000 });
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const reopened = createXlsxPort(again);
    expect(await reopened.loadSettings("run")).toEqual({ multiplier: 10000 });
    expect(await reopened.loadSettings("tables")).toEqual(["Data"]);
    expect(await reopened.loadSettings("nothing")).toBeUndefined();
    expect(again.getWorksheet(SETTINGS_SHEET)!.state).toBe("veryHidden");
    expect((await reopened.listTables()).map((c) => c.ref.sheet)).toEqual(["Data"]);
  });

  it("records select() for the UI and offers it as the selection", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Data");
    const port = createXlsxPort(wb);
    await expect(port.selectionRef()).rejects.toThrow(/no selection/);
    await port.select("Data", "B2:C9");
    expect(port.selection).toEqual({ sheet: "Data", address: "B2:C9" });
    expect(await port.selectionRef()).toEqual({
      kind: "range",
      name: "Data",
      sheet: "Data",
      address: "B2:C9",
    });
    await expect(port.select("Nope")).rejects.toThrow(/no sheet named "Nope"/);
    wb.getWorksheet("Data")!.addRows([
      ["ICB code", "Population"],
      ["QE1", 1],
    ]);
    await port.select("Data", "A:B");
    expect((await port.readTable(await port.selectionRef())).columns).toEqual([["QE1"], [1]]);
  });
});

/** The workbook saved and opened as the preview opens a file: streamed, ExcelJS on first write. */
async function opened(wb: ExcelJS.Workbook) {
  const bytes = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
  let loads = 0;
  const port = createOpenedXlsxPort(await readXlsx(bytes), async () => {
    loads++;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes);
    return book;
  });
  return { port, loads: () => loads };
}

describe("xlsx port over an opened file", () => {
  it("lists and reads the same tables as the office port without loading the workbook into ExcelJS", async () => {
    const { office, wb } = await both();
    const { port, loads } = await opened(wb);
    expect(await port.listTables()).toEqual(await office.listTables());
    for (const c of await office.listTables())
      expect(await port.readTable(c.ref), c.ref.name).toEqual(await office.readTable(c.ref));
    expect(await port.sheetNames!()).toEqual(["Pop", "Act", "Ref"]);
    await port.select("Act", "B2:D5");
    expect(await port.readTable(await port.selectionRef())).toEqual(
      await office.readTable({ kind: "range", name: "Act", sheet: "Act", address: "B2:D5" }),
    );
    expect(loads()).toBe(0);
  });

  it("reads saved settings without loading, and writes through ExcelJS once, keeping the selection", async () => {
    const { xlsx, wb } = await both();
    await xlsx.saveSettings("run", { multiplier: 1000 });
    const { port, loads } = await opened(wb);
    expect(await port.loadSettings("run")).toEqual({ multiplier: 1000 });
    expect(await port.sheetNames!()).toEqual(["Pop", "Act", "Ref"]);
    await port.select("Ref", "A1:C3");
    expect(loads()).toBe(0);
    const report = await port.applyPlan(featurePlan());
    expect(report).toEqual(await createXlsxPort(wb).applyPlan(featurePlan()));
    await port.saveSettings("run", { multiplier: 10000 });
    expect(loads()).toBe(1);
    expect(await port.loadSettings("run")).toEqual({ multiplier: 10000 });
    expect(port.selection).toEqual({ sheet: "Ref", address: "A1:C3" });
    expect((await port.listTables()).map((c) => c.ref.name)).toEqual([
      "ActivityTable",
      "RefRange",
      "Pop",
      "Ref",
    ]);
  });
});
