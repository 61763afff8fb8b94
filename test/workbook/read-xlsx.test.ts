// Both workbook readers (readWorkbookGrids over ExcelJS's model, readXlsx streaming): an .xlsx
// written here with ExcelJS reads back as plain cell values, with formulas as their cached
// results, error cells as errors, rich text as text.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { findInputTables } from "../../src/workbook/tables";
import { readWorkbookGrids as exceljsReader, type SheetGrid } from "../../src/workbook/xlsx/read";
import { readXlsx } from "../../src/workbook/xlsx/stream-read";

const READERS: [string, (b: ArrayBuffer | Uint8Array) => Promise<SheetGrid[]>][] = [
  ["ExcelJS", exceljsReader],
  ["streaming", async (b) => (await readXlsx(b)).sheets],
];

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each(READERS)("%s reader", (_, readWorkbookGrids) => {
  test("values, cached formula results, errors, rich text, merges and dates", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("Activity");
      ws.getCell("A1").value = "Imaging activity";
      ws.mergeCells("A1:D1");
      ws.getRow(3).values = ["Area", "Measure", "Count", "Note"];
      ws.getRow(4).values = ["A", "X-ray", 5, { richText: [{ text: "bold " }, { text: "text" }] }];
      ws.getCell("C5").value = { formula: "C4*2", result: 10 };
      ws.getCell("A5").value = "B";
      ws.getCell("B5").value = "X-ray";
      ws.getCell("C6").value = { error: "#DIV/0!" };
      ws.getCell("A6").value = "C";
      ws.getCell("D6").value = new Date(Date.UTC(2024, 4, 9));
      ws.getCell("D5").value = { text: "link", hyperlink: "https://example.org" };
      wb.addWorksheet("Empty");
    });
    const sheets = await readWorkbookGrids(bytes);
    expect(sheets.map((s) => s.name)).toEqual(["Activity", "Empty"]);
    const g = sheets[0].grid;
    expect(g[0][0]).toBe("Imaging activity");
    expect(g[0].slice(1).every((v) => v === null || v === undefined)).toBe(true); // merged cells are not repeats
    expect(g[1]).toEqual([]);
    expect(g[2]).toEqual(["Area", "Measure", "Count", "Note"]);
    expect(g[3]).toEqual(["A", "X-ray", 5, "bold text"]);
    expect(g[4]).toEqual(["B", "X-ray", 10, "link"]);
    expect(g[5]).toEqual(["C", null, { error: "#DIV/0!" }, "2024-05-09"]);
    expect(sheets[1].grid).toEqual([]);
  });

  test("an ArrayBuffer works as well as bytes, and tables are then found by header", async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet("Pop").addRows([
        ["Area", "Sex", "Population"],
        ["A", "F", 10],
      ]);
      wb.addWorksheet("Act").addRows([
        ["Area", "Sex", "Count"],
        ["A", "F", 1],
      ]);
    });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const found = findInputTables(await readWorkbookGrids(buffer));
    expect(found.population?.columns[2]).toEqual([10]);
    expect(found.activity?.source).toEqual({ sheet: "Act", headerRow: 1, firstColumn: 1 });
  });
});
