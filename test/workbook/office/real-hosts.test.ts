/* eslint-disable office-addins/call-sync-before-read -- the fake must refuse as Excel does */
// What real Excel does that the fake once did not, each with a test of the fake itself and of the
// adapter that would fail without its fix: objects of an ended Excel.run, cell-edit mode, a
// multi-area selection, ExcelApi 1.10 members, hidden table headers, names over several areas or
// whole columns, name rules, the reserved sheet name "History", and co-authors' change events.
import { afterEach, describe, expect, it } from "vitest";
import type { Plan } from "../../../src/report/plan";
import { createOfficePort } from "../../../src/workbook/office";
import { type LiveRefs, registerLive } from "../../../src/workbook/office/live";
import { parseA1, type FakeExcel, installFakeExcel } from "../../fakes/excel";
import { PNG_1X1 } from "./plans";

let fake: FakeExcel;
afterEach(() => fake?.uninstall());

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("the fake, as Excel", () => {
  it("refuses an ended run's objects, unless that context is run again", async () => {
    fake = installFakeExcel();
    let sheet: Excel.Worksheet | undefined;
    let ctx0: Excel.RequestContext | undefined;
    await Excel.run(async (ctx) => {
      ctx0 = ctx;
      sheet = ctx.workbook.worksheets.getItem("Sheet1");
      await ctx.sync();
    });
    sheet!.tabColor = "#FF0000";
    expect(await code(ctx0!.sync())).toBe("InvalidObjectPath");
    await Excel.run(ctx0!, async (ctx) => {
      sheet!.tabColor = "#00FF00";
      await ctx.sync();
    });
    expect(fake.sheet("Sheet1").tabColor).toBe("#00FF00");
  });

  it("in cell-edit mode fails a batch, or holds it until the edit ends when the run asked", async () => {
    fake = installFakeExcel();
    fake.enterCellEdit();
    const read = (options?: { delayForCellEdit: boolean }) => {
      const batch = async (ctx: Excel.RequestContext) => {
        ctx.workbook.worksheets.load("items");
        await ctx.sync();
      };
      return options ? Excel.run(options, batch) : Excel.run(batch);
    };
    expect(await code(read())).toBe("InvalidOperationInCellEditMode");
    let done = false;
    const delayed = read({ delayForCellEdit: true }).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    await fake.exitCellEdit();
    await delayed;
    expect(done).toBe(true);
    // A host that ignores the option fails as if it were not asked.
    fake.uninstall();
    fake = installFakeExcel({ delayForCellEdit: false });
    fake.enterCellEdit();
    expect(await code(read({ delayForCellEdit: true }))).toBe("InvalidOperationInCellEditMode");
  });

  it("fails getSelectedRange on a multi-area selection with InvalidSelection", async () => {
    fake = installFakeExcel();
    const sheet = fake.sheet("Sheet1");
    fake.model.activeSheet = sheet;
    fake.model.selection = { sheet, rect: parseA1("A1:B2"), areas: [parseA1("A1:B2"), parseA1("D4")] };
    const read = Excel.run(async (ctx) => {
      ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
    });
    expect(await code(read)).toBe("InvalidSelection");
  });

  it("refuses Range.left/top/width/height below ExcelApi 1.10, and load() of everything skips them", async () => {
    fake = installFakeExcel({ apiVersion: "1.9" });
    const load = (what?: string) =>
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("B2").load(what);
        await ctx.sync();
      });
    expect(await code(load("left,top"))).toBe("ApiNotFound");
    expect(await code(load("address"))).toBe("ok");
    fake.uninstall();
    fake = installFakeExcel({ apiVersion: "1.10" });
    expect(await code(load("left,top,width,height"))).toBe("ok");
  });

  it("refuses table names that read as cell references or pass 255 characters, and the sheet name History", async () => {
    fake = installFakeExcel();
    fake.put("Sheet1", "A1", [
      ["a", "b"],
      [1, 2],
    ]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:B2", true).name = "T";
      await ctx.sync();
    });
    const name = (n: string) =>
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItem("T").name = n;
        await ctx.sync();
      });
    for (const bad of ["A1", "XFD10", "R1C1", "R", "C", "RC2", `T${"x".repeat(255)}`])
      expect(await code(name(bad)), bad).toBe("InvalidArgument");
    expect(await code(name(`T${"x".repeat(254)}`))).toBe("ok");
    expect(fake.sheet("Sheet1").tables[0]!.name).toHaveLength(255);
    const sheet = (n: string) =>
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add(n);
        await ctx.sync();
      });
    expect(await code(sheet("history"))).toBe("InvalidArgument");
    expect(await code(sheet("History (sheet)"))).toBe("ok");
  });

  it("hides a table's header row and fails getHeaderRowRange; a name over two areas has no single range", async () => {
    fake = installFakeExcel();
    fake.put("Sheet1", "A1", [
      ["a", "b"],
      [1, 2],
      [3, 4],
    ]);
    const sheet = fake.sheet("Sheet1");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:B3", true).name = "T";
      await ctx.sync();
    });
    sheet.tables[0]!.showHeaders = false;
    fake.model.names.push({
      name: "Two",
      ref: { sheet, rect: parseA1("A1:A2"), more: [parseA1("B3")] },
      comment: "",
      visible: true,
    });
    const results = await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("T");
      const range = t.getRange().load("address");
      const name = ctx.workbook.names.getItem("Two").load("type,value");
      const orNull = ctx.workbook.names.getItem("Two").getRangeOrNullObject();
      await ctx.sync();
      return { range: range.address, type: name.type, value: name.value, isNull: orNull.isNullObject };
    });
    expect(results).toEqual({
      range: "Sheet1!A2:B3",
      type: "Range",
      value: "Sheet1!$A$1:$A$2,Sheet1!$B$3",
      isNull: true,
    });
    const header = Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("T").getHeaderRowRange().load("values");
      await ctx.sync();
    });
    expect(await code(header)).toBe("InvalidOperation");
  });
});

describe("the adapter on those hosts", () => {
  it("a multi-area selection gets the message about several areas", async () => {
    fake = installFakeExcel();
    const sheet = fake.sheet("Sheet1");
    fake.model.activeSheet = sheet;
    fake.model.selection = { sheet, rect: parseA1("A1:B2"), areas: [parseA1("A1:B2"), parseA1("D4")] };
    await expect(createOfficePort().selectionRef()).rejects.toThrow(/several areas/);
  });

  it("lists the good tables and names when one table hides its header row and one name has two areas", async () => {
    fake = installFakeExcel();
    fake.put("Data", "A1", [
      ["Area", "Count"],
      ["X", 1],
      ["Y", 2],
    ]);
    fake.put("Other", "A1", [
      ["Area", "Population"],
      ["X", 10],
    ]);
    fake.put("Hidden", "A1", [
      ["Area", "Count"],
      ["X", 1],
    ]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Hidden").tables.add("A1:B2", true).name = "NoHeader";
      ctx.workbook.names.add("Good", ctx.workbook.worksheets.getItem("Other").getRange("A1:B2"));
      await ctx.sync();
    });
    fake.sheet("Hidden").tables[0]!.showHeaders = false;
    fake.model.names.push({
      name: "TwoAreas",
      ref: { sheet: fake.sheet("Data"), rect: parseA1("A1:A2"), more: [parseA1("B3")] },
      comment: "",
      visible: true,
    });
    const found = await createOfficePort().listTables();
    const names = found.map((c) => `${c.ref.kind} ${c.ref.name}`);
    expect(names).toContain("name Good");
    expect(names).toContain("sheet Data");
    expect(names).not.toContain("table NoHeader");
    expect(names).not.toContain("name TwoAreas");
  });

  it("reads a defined name over whole columns to the last used row, not 1,048,576 rows", async () => {
    fake = installFakeExcel();
    fake.put("Data", "A1", [
      ["Area", "Count"],
      ["X", 1],
      ["Y", 2],
    ]);
    await Excel.run(async (ctx) => {
      ctx.workbook.names.add("Cols", "=Data!$A:$B");
      await ctx.sync();
    });
    fake.resetStats();
    const t = await createOfficePort().readTable({
      kind: "name",
      name: "Cols",
      sheet: "Data",
      address: "A:B",
    });
    expect(t.rowCount).toBe(2);
    expect(fake.stats.requests.every((r) => !r.error)).toBe(true);
    expect(Math.max(...fake.stats.requests.map((r) => r.responseBytes))).toBeLessThan(100_000);
  });

  it("Insert picture on ExcelApi 1.9 offers the download instead of failing; on 1.10 places it at the cell", async () => {
    fake = installFakeExcel({ apiVersion: "1.9" });
    const picture = { base64: PNG_1X1, width: 40, height: 30, title: "Map" };
    fake.model.activeSheet = fake.sheet("Sheet1");
    expect(await createOfficePort().insertPicture!(picture)).toBe(false);
    fake.uninstall();
    fake = installFakeExcel({ apiVersion: "1.10" });
    fake.model.activeSheet = fake.sheet("Sheet1");
    expect(await createOfficePort().insertPicture!(picture)).toBe(true);
    expect(fake.sheet("Sheet1").extras.shapes).toEqual([
      expect.objectContaining({ altTextTitle: "Map", left: 0, top: 0 }),
    ]);
  });

  it("writes a sheet named History and a table named R1C1 under names Excel accepts", async () => {
    fake = installFakeExcel();
    const plan: Plan = {
      marker: "m",
      sheets: [
        {
          key: "h",
          name: "History",
          blocks: [
            {
              row: 0,
              col: 0,
              values: [
                ["a", "b"],
                [1, 2],
              ],
            },
          ],
          tables: [{ name: "R1C1", range: { row: 0, col: 0, rows: 2, cols: 2 } }],
        },
      ],
    };
    const report = await createOfficePort().applyPlan(plan);
    expect(report.sheetNames.h).toBe("History (sheet)");
    expect(fake.sheet("History (sheet)").tables.map((t) => t.name)).toEqual(["_R1C1"]);
  });

  it("ignores co-authors' edits (source Remote) and reads a multi-area address area by area", async () => {
    fake = installFakeExcel({ sheets: ["In"] });
    const seen: string[] = [];
    const refs: LiveRefs = {
      population: { kind: "sheet", name: "In", sheet: "In", address: "A1:B9" },
      activity: { kind: "sheet", name: "In", sheet: "In", address: "A1:B9" },
    };
    const reg = await registerLive(refs, (e) => seen.push(e.address));
    await fake.fireChanged({ sheet: "In" }, { address: "B2", source: "Remote" });
    await fake.fireChanged({ sheet: "In" }, { address: "B2:B3,B5" });
    expect(seen).toEqual(["B2:B3,B5", "B2:B3,B5"]); // one handler per role, both on this sheet
    expect(reg.remote).toBe(2);
    // Removing the handlers runs their ended context again: no InvalidObjectPath.
    await reg.remove();
    await fake.fireChanged({ sheet: "In" }, { address: "B2" });
    expect(seen).toHaveLength(2);
  });
});
