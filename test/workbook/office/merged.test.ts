// SPEC §1b: an area code merged down over its rows is that area in every row, in the pane as in
// the .xlsx readers. office.js gives a merged area's other cells as blank; the reader fills them.
import { afterEach, describe, expect, it } from "vitest";
import { type FakeExcel, installFakeExcel } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";

let fake: FakeExcel;
afterEach(() => fake?.uninstall());

const HEADERS = ["ICB code", "Sex", "Population"];
// What the analyst meant: each code on both its rows.
const MEANT = [
  ["QYG", "F", 100],
  ["QYG", "M", 90],
  ["QHM", "F", 80],
  ["QHM", "M", 70],
];
const REF = { kind: "sheet" as const, name: "Population", sheet: "Population", address: "A1:C5" };

async function mergeCodes(): Promise<void> {
  fake.put("Population", "A1", [HEADERS, ...MEANT]);
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Population");
    ws.getRange("A2:A3").merge();
    ws.getRange("A4:A5").merge();
    await ctx.sync();
  });
}

describe("office adapter: merged cells", () => {
  it("fills an area code merged down over its rows into every row (ExcelApi 1.13)", async () => {
    fake = installFakeExcel({ apiVersion: "1.13" });
    await mergeCodes();
    const table = await createOfficePort().readTable(REF);
    expect(table.columns[0]).toEqual(["QYG", "QYG", "QHM", "QHM"]);
    expect(table.columns[2]).toEqual([100, 90, 80, 70]);
    expect(table.source.notes).toBeUndefined();
  });

  it("on an older Excel keeps the cells as read and says why", async () => {
    fake = installFakeExcel({ apiVersion: "1.9" });
    await mergeCodes();
    const table = await createOfficePort().readTable(REF);
    expect(table.columns[0]).toEqual(["QYG", null, "QHM", null]);
    expect(table.source.notes?.[0]).toMatch(/merged/);
  });
});
