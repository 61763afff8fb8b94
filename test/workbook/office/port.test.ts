// The rest of the office port: finding tables, the selection, Go to cell, inserting sheets, settings.
import { afterEach, describe, expect, it } from "vitest";
import { type FakeExcel, installFakeExcel } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";
import { featurePlan } from "./plans";

let fake: FakeExcel;
afterEach(() => fake?.uninstall());

describe("office port", () => {
  it("lists Excel tables, range names and sheets with a header row — not notes, not its own output", async () => {
    fake = installFakeExcel();
    fake.put("Pop", "A1", [
      ["Population by area (source: ONS)"],
      [],
      ["ICB code", "Sex", "Age band", "Population"],
      ["QE1", "F", "0-4", 10],
      ["QE1", "M", "0-4", 12],
    ]);
    fake.put("Act", "B2", [
      ["ICB code", "Measure", "Count"],
      ["QE1", "CT", 3],
      ["QE1", "MRI", 4],
      ["QE1", "CT", 5],
    ]);
    fake.put("Ref", "A1", [
      ["Sex", "Population", "Count"],
      ["F", 100, 5],
    ]);
    fake.put("Notes", "A1", [["just a note"]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Act").tables.add("B2:D5", true).name = "ActivityTable";
      ctx.workbook.names.add("RefRange", ctx.workbook.worksheets.getItem("Ref").getRange("A1:C2"));
      await ctx.sync();
    });
    const port = createOfficePort();
    await port.applyPlan(featurePlan()); // output sheets must not be offered as inputs
    fake.resetStats();
    const found = await port.listTables();
    expect(fake.stats.syncs).toBe(2);
    expect(found).toEqual([
      {
        ref: { kind: "table", name: "ActivityTable", sheet: "Act", address: "B2:D5" },
        headers: ["ICB code", "Measure", "Count"],
        rows: 3,
      },
      {
        ref: { kind: "name", name: "RefRange", sheet: "Ref", address: "A1:C2" },
        headers: ["Sex", "Population", "Count"],
        rows: 1,
      },
      {
        ref: { kind: "sheet", name: "Pop", sheet: "Pop", address: "A3:D5" },
        headers: ["ICB code", "Sex", "Age band", "Population"],
        rows: 2,
      },
      {
        ref: { kind: "sheet", name: "Ref", sheet: "Ref", address: "A1:C2" },
        headers: ["Sex", "Population", "Count"],
        rows: 1,
      },
    ]);
  });

  it("reads a sheet candidate from its header row to the last used row, even after rows were added", async () => {
    fake = installFakeExcel();
    fake.put("Pop", "A1", [["Title"], [], ["ICB code", "Population"], ["QE1", 10]]);
    const port = createOfficePort();
    const [pop] = await port.listTables();
    fake.put("Pop", "A5", [["QHM", 20]]);
    const table = await port.readTable(pop!.ref);
    expect(table.source.headerRow).toBe(3);
    expect(table.columns).toEqual([
      ["QE1", "QHM"],
      [10, 20],
    ]);
  });

  it("reads a sheet that grew by thousands of rows since it was listed, and one that shrank", async () => {
    fake = installFakeExcel();
    fake.put("Pop", "A1", [
      ["ICB code", "Population"],
      ["Q0", 0],
    ]);
    const port = createOfficePort();
    const [pop] = await port.listTables();
    fake.put(
      "Pop",
      "A3",
      Array.from({ length: 25_000 }, (_, i) => [`Q${i + 1}`, i + 1]),
    );
    const grown = await port.readTable(pop!.ref);
    expect(grown.rowCount).toBe(25_001);
    expect(grown.columns[1]![25_000]).toBe(25_000);
    fake.sheet("Pop").cells.clear();
    fake.put("Pop", "A1", [["ICB code", "Population"]]);
    expect((await port.readTable(pop!.ref)).rowCount).toBe(0);
  });

  it("turns the selection into a range reference, and refuses a multi-area one", async () => {
    fake = installFakeExcel({ sheets: ["My data"] });
    fake.model.selection = { sheet: fake.sheet("My data"), rect: { row: 1, col: 1, rows: 10, cols: 3 } };
    expect(await createOfficePort().selectionRef()).toEqual({
      kind: "range",
      name: "My data",
      sheet: "My data",
      address: "B2:D11",
    });
  });

  it("reads a selection of whole columns only down to the last used row", async () => {
    fake = installFakeExcel({ sheets: ["Data"] });
    fake.put("Data", "A1", [
      ["ICB code", "Population"],
      ["QE1", 1],
      ["QHM", 2],
    ]);
    fake.model.selection = { sheet: fake.sheet("Data"), rect: { row: 0, col: 0, rows: 1_048_576, cols: 2 } };
    const port = createOfficePort();
    const ref = await port.selectionRef();
    expect(ref.address).toBe("A1:B1048576");
    const table = await port.readTable(ref);
    expect(table.columns).toEqual([
      ["QE1", "QHM"],
      [1, 2],
    ]);
    expect(fake.stats.syncs).toBe(2); // the selection, then one block that also finds the last used row
    // A first block of 1,000 rows, not a million: about 8 kB of blanks.
    expect(Math.max(...fake.stats.requests.map((r) => r.responseBytes))).toBeLessThan(10_000);
  });

  it("goes to a cell: activates the sheet and selects the address", async () => {
    fake = installFakeExcel({ sheets: ["A", "B"] });
    await createOfficePort().select("B", "C7");
    expect(fake.model.activeSheet?.name).toBe("B");
    expect(fake.model.selection).toEqual({
      sheet: fake.sheet("B"),
      rect: { row: 6, col: 2, rows: 1, cols: 1 },
    });
    await expect(createOfficePort().select("Nope")).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("inserts sheets of plain values under free names, keeping text as text", async () => {
    fake = installFakeExcel({ sheets: ["Population"] });
    const names = await createOfficePort().insertSheets([
      {
        name: "Population",
        rows: [
          ["Age band", "Code", "Note"],
          ["10-14", "0123", "=not a formula"],
          [null, 5, "TRUE"],
        ],
      },
      { name: "Activity", rows: [["x"]] },
    ]);
    expect(names).toEqual(["Population (2)", "Activity"]);
    expect(fake.model.activeSheet?.name).toBe("Population (2)");
    const s = fake.sheet("Population (2)");
    const v = (r: number, c: number) => s.cells.get(r * 16384 + c)?.value;
    expect([v(1, 0), v(1, 1), v(1, 2), v(2, 0), v(2, 1), v(2, 2)]).toEqual([
      "10-14",
      "0123",
      "=not a formula",
      undefined,
      5,
      "TRUE",
    ]);
    expect(s.cells.get(1 * 16384 + 2)?.formula).toBeUndefined();
    expect(s.freeze).toEqual({ rows: 1, cols: 0 });
  });

  it("needs nothing newer than ExcelApi 1.7 to insert, list, read and write", async () => {
    fake = installFakeExcel({ apiVersion: "1.7" });
    const port = createOfficePort();
    await port.insertSheets([
      {
        name: "Pop",
        rows: [
          ["ICB code", "Population"],
          ["QE1", 5],
        ],
      },
    ]);
    const [pop] = await port.listTables();
    expect((await port.readTable(pop!.ref)).columns).toEqual([["QE1"], [5]]);
    await port.applyPlan(featurePlan());
    await port.select("Detail", "A2");
    expect(fake.stats.requests.filter((r) => r.error)).toEqual([]);
  });

  it("saves settings in the document and reads them back", async () => {
    fake = installFakeExcel();
    const port = createOfficePort();
    expect(await port.loadSettings("run")).toBeUndefined();
    await port.saveSettings("run", { tables: { population: "Pop" }, multiplier: 10000 });
    expect(fake.settings.saved).toEqual({
      "stdrates.run": { tables: { population: "Pop" }, multiplier: 10000 },
    });
    expect(await port.loadSettings("run")).toEqual({ tables: { population: "Pop" }, multiplier: 10000 });
  });
});
