/* eslint-disable office-addins/call-sync-after-load -- these tests read before sync on purpose: the fake must throw as Excel does. */
// The fake itself: it must behave like Excel where the adapter could get it wrong.
// These tests read before load/sync on purpose, to see the fake refuse.
/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeExcel, installFakeExcel, OFFICE_OP_BYTES, PAYLOAD_LIMIT } from "../../fakes/excel";

let fake: FakeExcel;
afterEach(() => fake?.uninstall());

describe("Excel fake", () => {
  it("throws PropertyNotLoaded on a property read before load + sync", async () => {
    fake = installFakeExcel();
    fake.put("Sheet1", "A1", [["x", 1]]);
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      // Loaded but not yet synced: still unreadable.
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([["x", 1]]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies writes only at sync, in order", async () => {
    fake = installFakeExcel();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Out");
      ws.getRange("A1:B2").numberFormat = [
        ["0.0", "@"],
        ["General", "0%"],
      ];
      ws.getRange("A1:B2").values = [
        [1.25, "'=1+1"],
        ["", 0.5],
      ];
      expect(fake.model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
      await ctx.sync();
    });
    const out = fake.sheet("Out");
    // A2 is empty but formatted, so it exists; nothing else was touched.
    expect(out.cells.size).toBe(4);
    const r = await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets
        .getItem("Out")
        .getRange("A1:B2")
        .load("values,numberFormat,address");
      await ctx.sync();
      return { values: range.values, fmt: range.numberFormat, address: range.address };
    });
    expect(r).toEqual({
      values: [
        [1.25, "=1+1"],
        ["", 0.5],
      ],
      fmt: [
        ["0.0", "@"],
        ["General", "0%"],
      ],
      address: "Out!A1:B2",
    });
  });

  it("treats written strings like typing: formulas, numbers and dates unless quoted; null leaves a cell alone", async () => {
    fake = installFakeExcel();
    fake.put("Sheet1", "A2", [["keep"]]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:F1").values = [["=SUM(1,2)", "0123", "10-14", "TRUE", "#N/A", "'10-14"]];
      ws.getRange("A2").values = [[null]];
      await ctx.sync();
    });
    const cells = [0, 1, 2, 3, 4, 5].map((c) => fake.sheet("Sheet1").cells.get(c));
    expect(cells.map((c) => c?.formula ?? c?.error ?? c?.value)).toEqual([
      "=SUM(1,2)",
      123,
      45000,
      true,
      "#N/A",
      "10-14",
    ]);
    expect(fake.sheet("Sheet1").cells.get(16384)?.value).toBe("keep");
  });

  it("rejects a request over 5 MB with RequestPayloadSizeLimitExceeded and leaves the model unchanged", async () => {
    fake = installFakeExcel();
    const big = Array.from({ length: 60_000 }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Big");
      ws.getRange("A1:A60000").values = big;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(fake.model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    const last = fake.stats.requests.at(-1)!;
    expect(last.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(last.error).toBe("RequestPayloadSizeLimitExceeded");
  });

  it("rejects a response over 5 MB and rolls back that batch's writes", async () => {
    fake = installFakeExcel();
    fake.put(
      "Data",
      "A1",
      Array.from({ length: 70_000 }, (_, i) => [`value number ${i} ${"y".repeat(70)}`]),
    );
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("B1").values = [["written"]];
      ws.getRange("A1:A70000").load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
      // The context stays usable after a rejected request.
      const small = ws.getRange("A1:A2").load("values");
      await ctx.sync();
      expect(small.values).toEqual([
        ["value number 0 " + "y".repeat(70)],
        ["value number 1 " + "y".repeat(70)],
      ]);
    });
    expect(fake.sheet("Data").cells.get(1)).toBeUndefined();
  });

  it("counts syncs, and request bytes as office.js would send them (a path and an action per operation, plus arguments)", async () => {
    fake = installFakeExcel();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["ab", 12]];
      await ctx.sync();
      await ctx.sync(); // an empty request still counts as a round trip
    });
    expect(fake.stats.syncs).toBe(2);
    const [first, second] = fake.stats.requests;
    // The fake counts three operations (the sheet, the range, the write) at OFFICE_OP_BYTES each,
    // their arguments (null, null, [["ab",12]]). office.js sends 280 bytes for this one write: the
    // fake errs high on tiny requests and is within 15% over a full run (payload.test.ts).
    expect(first!.requestBytes).toBe(3 * OFFICE_OP_BYTES + 4 + 4 + 11);
    expect(second!.requestBytes).toBe(0);
  });

  it("fails a sync on a missing item, and resolves getItemOrNullObject to a null object", async () => {
    fake = installFakeExcel();
    await Excel.run(async (ctx) => {
      const nope = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => nope.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect(nope.isNullObject).toBe(true);
      ctx.workbook.worksheets.getItem("Nope");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  it("refuses duplicate sheet names (any case), deleting the last visible sheet, and overlapping tables", async () => {
    fake = installFakeExcel();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("sheet1");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      ctx.workbook.worksheets.getItem("Sheet1").delete();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.tables.add("A1:B3", true);
      ws.tables.add("B2:C4", true);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    expect(fake.sheet("Sheet1").tables).toHaveLength(1);
  });

  it("models tables, names, conditional formats, borders, freeze panes and column widths", async () => {
    fake = installFakeExcel();
    fake.put("Sheet1", "A1", [
      ["Area", "Rate"],
      ["A", 1],
      ["B", 2],
    ]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const t = ws.tables.add(ws.getRange("A1:B3"), true);
      t.name = "Rates";
      ctx.workbook.names.add("marker_x", ws.getRange("A1"), "made by a test");
      const cf = ws.getRange("B2:B3").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=$B2>1";
      cf.custom.format.fill.color = "#ffcc00";
      const edge = ws.getRange("A1:B3").format.borders.getItem("EdgeBottom");
      edge.style = "Continuous";
      ws.freezePanes.freezeRows(1);
      ws.getRange("B1").format.columnWidth = 60;
      await ctx.sync();
      const body = t.getDataBodyRange().load("address");
      const name = ctx.workbook.names.getItem("marker_x").load("type,value,comment");
      await ctx.sync();
      expect(body.address).toBe("Sheet1!A2:B3");
      expect([name.type, name.value, name.comment]).toEqual(["Range", "Sheet1!$A$1", "made by a test"]);
    });
    const s = fake.sheet("Sheet1");
    expect(s.tables[0]!.name).toBe("Rates");
    expect(s.conditionalFormats).toEqual([
      {
        id: expect.any(Number),
        type: "Custom",
        rect: { row: 1, col: 1, rows: 2, cols: 1 },
        rule: { formula: "=$B2>1" },
        format: { fill: "#FFCC00" },
      },
    ]);
    expect([0, 1].map((c) => s.cells.get(2 * 16384 + c)?.format.borders)).toEqual([
      { bottom: "Continuous" },
      { bottom: "Continuous" },
    ]);
    expect(s.cells.get(16384)?.format.borders).toBeUndefined();
    expect(s.freeze).toEqual({ rows: 1, cols: 0 });
    expect(s.columnWidths.get(1)).toBe(60);
  });

  it("makes a renamed sheet's range name follow it, and a deleted sheet's name #REF!", async () => {
    fake = installFakeExcel({ sheets: ["A", "B"] });
    await Excel.run(async (ctx) => {
      ctx.workbook.names.add("nm_one", ctx.workbook.worksheets.getItem("B").getRange("C3"));
      ctx.workbook.worksheets.getItem("B").name = "B 2";
      const n = ctx.workbook.names.getItem("nm_one").load("value");
      await ctx.sync();
      expect(n.value).toBe("'B 2'!$C$3");
      ctx.workbook.worksheets.getItem("B 2").delete();
      const n2 = ctx.workbook.names.getItem("nm_one").load("type,value");
      await ctx.sync();
      expect([n2.type, n2.value]).toEqual(["Error", "#REF!"]);
    });
  });

  it("rejects APIs newer than the host's requirement set", async () => {
    fake = installFakeExcel({ apiVersion: "1.7" });
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    await Excel.run(async (ctx) => {
      ctx.application.suspendScreenUpdatingUntilNextSync();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
      ctx.workbook.worksheets.getItem("Sheet1").showGridlines = false;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    });
  });

  it("fires onChanged handlers with the event arguments, and removes them", async () => {
    fake = installFakeExcel();
    const seen: unknown[] = [];
    let remove: (() => Promise<unknown>) | undefined;
    await Excel.run(async (ctx) => {
      const h = ctx.workbook.worksheets
        .getItem("Sheet1")
        .onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => void seen.push(e));
      await ctx.sync();
      // As office.js asks: the handler's context, run again (its own run has ended).
      remove = () =>
        Excel.run(h.context as Excel.RequestContext, async (c) => {
          h.remove();
          await c.sync();
        });
    });
    await fake.fireChanged({ sheet: "Sheet1" }, { address: "B2", changeType: "RangeEdited" });
    expect(seen).toEqual([
      expect.objectContaining({
        address: "B2",
        source: "Local",
        changeType: "RangeEdited",
        type: "WorksheetChanged",
      }),
    ]);
    await remove!();
    await fake.fireChanged({ sheet: "Sheet1" }, { address: "C3" });
    expect(seen).toHaveLength(1);
  });

  it("fires a table's onChanged handlers with its table id, not a sheet's", async () => {
    fake = installFakeExcel();
    fake.put("Sheet1", "A1", [
      ["a", "b"],
      [1, 2],
    ]);
    const seen: { type: string; tableId?: string }[] = [];
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:B2", true);
      t.name = "T";
      t.onChanged.add(async (e: Excel.TableChangedEventArgs) => void seen.push(e));
      await ctx.sync();
    });
    await fake.fireChanged({ sheet: "Sheet1" }, { address: "A2" });
    expect(seen).toEqual([]);
    await fake.fireChanged({ table: "T" }, { address: "A2" });
    expect(seen).toEqual([
      expect.objectContaining({
        type: "TableChanged",
        tableId: fake.sheet("Sheet1").tables[0]!.id,
        address: "A2",
      }),
    ]);
  });

  it("keeps document settings in memory until saveAsync", async () => {
    fake = installFakeExcel();
    Office.context.document.settings.set("k", { a: 1 });
    expect(Office.context.document.settings.get("k")).toEqual({ a: 1 });
    expect(fake.settings.saved).toEqual({});
    await new Promise<void>((resolve) => Office.context.document.settings.saveAsync(() => resolve()));
    expect(fake.settings.saved).toEqual({ k: { a: 1 } });
  });
});
