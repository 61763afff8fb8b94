// The CLI's streaming workbook reader gives exactly the grids readWorkbookGrids gives.
import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { streamWorkbookGrids } from "../../src/cli/xlsx-stream";
import { readWorkbookGrids } from "../../src/workbook/xlsx/read";

test("same sheets, order and cell values as the whole-workbook reader", async () => {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("Activity");
  const b = wb.addWorksheet("Second tab made first");
  a.getCell("A1").value = "Imaging activity";
  a.mergeCells("A1:D1");
  a.getRow(3).values = ["Area", "Measure", "Count", "Note"];
  a.getRow(4).values = ["A", "X-ray", 5, { richText: [{ text: "bold " }, { text: "text" }] }];
  a.getCell("C5").value = { formula: "C4*2", result: 10 };
  a.getCell("A5").value = "B";
  a.getCell("C6").value = { error: "#N/A" };
  a.getCell("D6").value = new Date(Date.UTC(2024, 4, 9));
  a.getCell("D7").value = { sharedFormula: "C5", result: 7 } as ExcelJS.CellValue;
  a.getCell("F9").value = true;
  b.addRows([
    ["Area", "Population"],
    ["A", 1.5],
    [null, null],
    ["C", 3],
  ]);
  wb.addWorksheet("Empty");
  // Tab order differs from creation order (sheet ids).
  for (const ws of wb.worksheets as (ExcelJS.Worksheet & { orderNo: number })[])
    ws.orderNo = ws.name === "Second tab made first" ? 0 : ws.orderNo + 1;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const streamed = await streamWorkbookGrids(bytes);
  const loaded = await readWorkbookGrids(bytes);
  expect(streamed.map((s) => s.name)).toEqual(loaded.map((s) => s.name));
  expect(streamed.map((s) => s.name)).toEqual(["Second tab made first", "Activity", "Empty"]);
  const trim = (g: unknown[][]) =>
    g.map((r) => {
      const c = [...r];
      while (c.length && (c[c.length - 1] === null || c[c.length - 1] === undefined)) c.pop();
      return c.map((v) => v ?? null);
    });
  for (let i = 0; i < loaded.length; i++) expect(trim(streamed[i].grid)).toEqual(trim(loaded[i].grid));
  const act = streamed.find((s) => s.name === "Activity")!.grid;
  expect(act[3]).toEqual(["A", "X-ray", 5, "bold text"]);
  expect(act[5]).toEqual([null, null, { error: "#N/A" }, "2024-05-09"]);
});

test("a formula whose cached result is an error still reads as that error", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Activity");
  ws.addRow(["Area", "Count"]);
  ws.addRow(["A", 1]);
  ws.getCell("B2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("B3").value = { formula: "NA()", result: { error: "#N/A" } };
  const grid = (await streamWorkbookGrids(new Uint8Array(await wb.xlsx.writeBuffer())))[0].grid;
  expect(grid[1][1]).toEqual({ error: "#DIV/0!" });
  expect(grid[2][1]).toEqual({ error: "#N/A" });
});
