// The streaming .xlsx reader (readXlsx) against ExcelJS's whole-workbook model, the oracle:
// every .xlsx in the fixtures and the sample, and random workbooks written by ExcelJS, read
// cell for cell the same, with the same number formats, sheet states, hidden rows and columns,
// merged ranges and formulas without a cached value. Plus what openpyxl and LibreOffice write
// (inline strings, character references, empty cached values) checked by hand.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FORMULA_WITHOUT_RESULT } from "../../src/engine/cells";
import type { CellValue } from "../../src/engine/types";
import { findInputTables } from "../../src/workbook/tables";
import { cellValue, worksheetFormats, worksheetGrid } from "../../src/workbook/xlsx/read";
import { isDateFormat } from "../../src/workbook/dates";
import { browserInflateRaw, readXlsx, type WorkbookSheet } from "../../src/workbook/xlsx/stream-read";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "xlsx");

/** A grid without trailing blanks in rows and without trailing empty rows. */
function trimGrid<T>(g: (T | null | undefined)[][]): (T | null)[][] {
  const rows = g.map((r) => {
    const c = [...(r ?? [])].map((v) => v ?? null);
    while (c.length && c[c.length - 1] === null) c.pop();
    return c;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/** Formats of the cells that hold a value, as a sparse map "row,col" → format. */
function valueFormats(grid: CellValue[][], formats: (string | null)[][]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) out[`${r},${c}`] = formats[r]?.[c] ?? null;
    }),
  );
  return out;
}

const isFormulaWithoutResult = (v: CellValue) =>
  v !== null && typeof v === "object" && v.error === FORMULA_WITHOUT_RESULT;

/** What ExcelJS's model says about each sheet, in the streaming reader's terms. */
async function oracle(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const hiddenRows: number[] = [];
    const uncalculated: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      if (row.hidden) hiddenRows.push(n);
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as ExcelJS.CellFormulaValue | null;
        if (
          v &&
          typeof v === "object" &&
          ("formula" in v || "sharedFormula" in v) &&
          isFormulaWithoutResult(cellValue(cell.value))
        )
          uncalculated.push(cell.address);
      });
    });
    const hiddenColumns: number[] = [];
    (ws.columns ?? []).forEach((c, i) => c?.hidden && hiddenColumns.push(i + 1));
    const grid = worksheetGrid(ws);
    return {
      name: ws.name,
      state: ws.state ?? "visible",
      grid,
      formats: worksheetFormats(ws),
      hiddenRows,
      hiddenColumns,
      merges: Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges).sort(),
      uncalculated,
    };
  });
}

async function expectSameAsExcelJS(bytes: Uint8Array, streamed?: WorkbookSheet[]): Promise<void> {
  const sheets = streamed ?? (await readXlsx(bytes)).sheets;
  const expected = await oracle(bytes);
  expect(sheets.map((s) => s.name)).toEqual(expected.map((s) => s.name));
  for (let i = 0; i < expected.length; i++) {
    const s = sheets[i];
    const e = expected[i];
    expect(trimGrid(s.grid), s.name).toEqual(trimGrid(e.grid));
    expect(valueFormats(s.grid, s.formats), s.name).toEqual(valueFormats(e.grid, e.formats));
    expect(s.state, s.name).toBe(e.state);
    expect(s.hiddenRows, s.name).toEqual(e.hiddenRows);
    expect(s.hiddenColumns, s.name).toEqual(e.hiddenColumns);
    expect(s.merges.map((m) => m.split(":")[0]).sort(), s.name).toEqual(e.merges);
    expect(s.uncalculated, s.name).toEqual(e.uncalculated);
  }
  // And so the same input tables are found.
  expect(findInputTables(sheets)).toEqual(findInputTables(expected));
}

const fixtureFiles = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".xlsx"))
  .map((f) => join(FIXTURES, f))
  .concat(join(ROOT, "assets", "sample", "sample.xlsx"));

describe("every .xlsx fixture reads as ExcelJS reads it", () => {
  test.each(fixtureFiles)(
    "%s",
    async (file) => {
      const bytes = new Uint8Array(readFileSync(file));
      await expectSameAsExcelJS(bytes);
      // The native inflaters (Node's zlib; DecompressionStream, as in a browser) give what JSZip's own gives.
      const plain = await readXlsx(bytes);
      expect(await readXlsx(bytes, { inflateRaw: (c) => inflateRawSync(c) })).toEqual(plain);
      expect(browserInflateRaw()).toBeDefined();
      expect(await readXlsx(bytes, { inflateRaw: browserInflateRaw() })).toEqual(plain);
    },
    120_000,
  );
});

test("openpyxl's inline strings, character references, merges, hidden rows and sheets, and a formula it never calculated", async () => {
  const book = await readXlsx(readFileSync(join(FIXTURES, "openpyxl.xlsx")));
  const [pop, act, secret, empty] = book.sheets;
  expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
    ["Population", "visible"],
    ["Activity", "hidden"],
    ["Very hidden", "veryHidden"],
    ["Empty", "visible"],
  ]);
  expect(pop.grid[0]).toEqual(["Population by ICB, 2024/25 & notes <draft>"]);
  expect(pop.merges).toEqual(["A1:E1"]);
  expect(pop.grid[2]).toEqual(["ICB code", "Sex", "Age band", "IMD quintile", "Population"]);
  expect(pop.grid[3]).toEqual(["QYG", "F", "0-4", 1, 1234, true, "  spaced  ", "Ünïcødé — ✓", 0.3]);
  expect(pop.grid[4]).toEqual(["QYG", "M", "5-9", 2, 2345.5, null, null, null, 1e21]);
  // 9 May 2024 is serial day 45421; "d-mmm" is a date format, "0.00%" is not.
  expect(pop.grid[5]).toEqual(["QWO", "F", "2024-05-09", 3, 0, null, null, null, -3.5]);
  expect(pop.formats[5][2]).toBe("d-mmm");
  expect(pop.formats[5][8]).toBe("0.00%");
  // SPEC §1b: the formula openpyxl never calculated is an error cell, not a blank (= 0).
  expect(pop.grid[6]).toEqual(["QWO", "U", "10-14", "007", { error: FORMULA_WITHOUT_RESULT }]);
  expect(pop.uncalculated).toEqual(["E7"]);
  expect(pop.hiddenRows).toEqual([5]);
  expect(pop.hiddenColumns).toEqual([8]);
  expect(act.grid).toEqual([
    ["ICB code", "Measure", "Count"],
    ["QYG", "CT", 10],
    ["QWO", "MRI", { error: FORMULA_WITHOUT_RESULT }],
  ]);
  expect(act.uncalculated).toEqual(["C3"]);
  expect(secret.grid[1]).toEqual([null, "secret"]);
  expect(empty.grid).toEqual([]);
});

test("LibreOffice's copy of the same workbook has the formulas calculated", async () => {
  const book = await readXlsx(readFileSync(join(FIXTURES, "libreoffice.xlsx")));
  const pop = book.sheets[0];
  expect(pop.grid[6]).toEqual(["QWO", "U", "10-14", "007", 1234 + 2345.5 + 0]);
  expect(pop.uncalculated).toEqual([]);
  expect(book.sheets[1].grid[2]).toEqual(["QWO", "MRI", 20]);
});

// ---- random workbooks ----

/** Text as analysts type it, with XML's special characters and non-ASCII. */
const text = fc.string({
  unit: fc.constantFrom(..."ab Z0 9-&<>\"'é✓_x\t".split("")),
  minLength: 1,
  maxLength: 8,
});
const cell: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  text,
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).filter((x) => !Object.is(x, -0)),
  fc.boolean(),
  fc.constantFrom("#N/A", "#DIV/0!", "#VALUE!").map((error) => ({ error }) as ExcelJS.CellErrorValue),
  fc
    .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true })
    .map((d) => new Date(Math.round(d.getTime() / 1000) * 1000)),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((t) => ({ richText: t.map((x) => ({ text: x })) })),
  // ExcelJS decodes a formula's text result twice, so its text here has no "&"; and it reads a
  // cached FALSE as no result, so only TRUE (FALSE is tested below).
  fc
    .oneof(
      fc.integer(),
      text.map((t) => t.replace(/&/g, "+")),
      fc.constant(true),
      fc.constant(undefined),
    )
    .map((result) => ({ formula: "1+1", result }) as ExcelJS.CellFormulaValue),
);
const format = fc.constantFrom(
  undefined,
  "0.00",
  "0%",
  "d-mmm-yy",
  "yyyy-mm-dd hh:mm",
  '"Day" 0',
  "[Red]0.0",
);
const sheetSpec = fc.record({
  cells: fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), cell, format), {
    maxLength: 40,
  }),
  merge: fc.option(fc.tuple(fc.integer({ min: 14, max: 16 }), fc.integer({ min: 1, max: 3 }))),
  hiddenRows: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
  hiddenColumn: fc.option(fc.integer({ min: 1, max: 6 })),
  state: fc.constantFrom("visible", "hidden", "veryHidden"),
});

/**
 * A formula whose cached result is text, TRUE/FALSE or an error: ExcelJS turns such a result in
 * a date-formatted cell into a date ("" or 1900-01-01), the streaming reader keeps it (tested
 * below), so the random workbooks do not compare that case.
 */
function nonNumberResult(v: ExcelJS.CellValue): boolean {
  return (
    typeof v === "object" &&
    v !== null &&
    "formula" in v &&
    v.result !== undefined &&
    typeof v.result !== "number"
  );
}

type SheetSpec = typeof sheetSpec extends fc.Arbitrary<infer T> ? T : never;

async function randomWorkbook(specs: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  specs.forEach((s, i) => {
    const ws = wb.addWorksheet(`Sheet ${i + 1}`, { state: s.state as ExcelJS.WorksheetState });
    const last = new Map<string, { r: number; c: number; v: ExcelJS.CellValue; f?: string }>();
    // The last value written to a cell wins, with the last format given to it.
    for (const [r, c, v, f] of s.cells) last.set(`${r},${c}`, { r, c, v, f: f ?? last.get(`${r},${c}`)?.f });
    for (const { r, c, v, f } of last.values()) {
      const target = ws.getCell(r, c);
      target.value = v;
      if (f && !(isDateFormat(f) && nonNumberResult(v))) target.numFmt = f;
    }
    if (s.merge) {
      const [r, c] = s.merge;
      ws.getCell(r, c).value = "merged";
      ws.getCell(r, c + 1).value = "hidden by the merge";
      ws.mergeCells(r, c, r + 1, c + 2);
    }
    for (const r of s.hiddenRows) ws.getRow(r).hidden = true;
    if (s.hiddenColumn) ws.getColumn(s.hiddenColumn).hidden = true;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test("random workbooks written by ExcelJS read the same, cell for cell", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(sheetSpec, { minLength: 1, maxLength: 3 }), async (specs) => {
      await expectSameAsExcelJS(await randomWorkbook(specs));
    }),
    { numRuns: 60 },
  );
}, 120_000);

test("a formula's cached FALSE reads as FALSE, not blank", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Activity").getCell("A1").value = { formula: "1>2", result: false };
  const [sheet] = (await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()))).sheets;
  expect(sheet.grid).toEqual([[false]]);
  expect(sheet.uncalculated).toEqual([]);
});

test("a text, boolean or error result of a formula in a date-formatted cell stays what it is", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Activity");
  ws.getCell("A1").value = { formula: "B1", result: "0-4" };
  ws.getCell("A2").value = { formula: "B2", result: true };
  ws.getCell("A3").value = { formula: "B3", result: { error: "#N/A" } };
  ws.getCell("A4").value = { formula: "B4", result: 45421 };
  for (let r = 1; r <= 4; r++) ws.getCell(r, 1).numFmt = "d-mmm";
  const [sheet] = (await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()))).sheets;
  expect(sheet.grid).toEqual([["0-4"], [true], [{ error: "#N/A" }], ["2024-05-09"]]);
  expect(sheet.formats.map((r) => r[0])).toEqual(["d-mmm", "d-mmm", "d-mmm", "d-mmm"]);
});
