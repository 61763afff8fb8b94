// gridToTable and findInputTables: header rows found by name, margins trimmed, positions kept.
import { describe, expect, test } from "vitest";
import type { CellValue } from "../../src/engine/types";
import { findHeaderRow, findInputTables, gridToTable } from "../../src/workbook/tables";

const POP_HEADERS = ["ICB code", "ICB name", "Region", "Sex", "Age band", "IMD quintile", "Population"];
const ACT_HEADERS = ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"];

describe("findHeaderRow", () => {
  test("skips a title, a note and a blank row to the row of known names", () => {
    const grid: CellValue[][] = [
      ["Population by ICB, sex, age and IMD quintile, mid-2020"],
      ["Source: ONS", null, "Released 2024"],
      [],
      POP_HEADERS,
      ["QYG", "Cheshire", "North West", "F", "0-4", 1, 100],
    ];
    expect(findHeaderRow(grid)).toBe(3);
  });

  test("a row of numbers is never the header; an all-text row is the fallback", () => {
    expect(
      findHeaderRow([
        [1, 2, 3],
        ["Alpha", "Beta", "Gamma"],
        ["x", 1, 2],
      ]),
    ).toBe(1);
    expect(findHeaderRow([])).toBe(-1);
    expect(findHeaderRow([[], [null, ""]])).toBe(-1);
  });
});

describe("gridToTable", () => {
  test("a table at C3 below a title: headers, rows and the sheet position of every cell", () => {
    const grid: CellValue[][] = [
      ["Activity"],
      [],
      [null, null, "Area", "Measure", "Count", null],
      [null, null, "A", "X-ray", 5],
      [null, null, "B", "X-ray", { error: "#N/A" }, null],
      [null, null, null, null, null],
      [],
    ];
    const t = gridToTable(grid, { sheet: "Act" });
    expect(t.headers).toEqual(["Area", "Measure", "Count"]);
    expect(t.source).toEqual({ sheet: "Act", headerRow: 3, firstColumn: 3 });
    expect(t.rowCount).toBe(2);
    expect(t.columns[2]).toEqual([5, { error: "#N/A" }]);
    // The #N/A is data row 1 of column 2: sheet row 3 + 1 + 1 = 5, column 3 + 2 = 5 (E).
  });

  test("an anchored range: grid[0] is the header at the given sheet row and column", () => {
    const t = gridToTable(
      [
        ["Area", "Population"],
        ["A", 1],
      ],
      { sheet: "S", name: "PopTable", headerRow: 10, firstColumn: 4 },
    );
    expect(t.source).toEqual({ sheet: "S", name: "PopTable", headerRow: 10, firstColumn: 4 });
    expect(t.columns).toEqual([["A"], [1]]);
  });

  test("ragged rows read as null; inner blank rows stay so row numbers stay true", () => {
    const t = gridToTable([["Area", "Sex", "Population"], ["A", "F"], [], ["B", "M", 3]], { file: "x.csv" });
    expect(t.rowCount).toBe(3);
    expect(t.columns[2]).toEqual([null, null, 3]);
  });

  test("header text is trimmed; numbers and errors in the header become text or blank", () => {
    const t = gridToTable(
      [
        [" Area ", "Sex", 2024, { error: "#REF!" }, "Count"],
        ["A", "F", 1, 2, 3],
      ],
      {},
    );
    expect(t.headers).toEqual(["Area", "Sex", "2024", "", "Count"]);
  });

  test("an empty grid is an empty table", () => {
    const t = gridToTable([], { sheet: "Empty" });
    expect(t.rowCount).toBe(0);
    expect(t.headers).toEqual([]);
  });
});

describe("findInputTables", () => {
  const population: CellValue[][] = [POP_HEADERS, ["QYG", "Cheshire", "NW", "F", "0-4", 1, 100]];
  const activity: CellValue[][] = [["DID activity"], ACT_HEADERS, ["QYG", "F", "0-4", 1, "X-ray", 3]];
  const reference: CellValue[][] = [
    ["Sex", "Age band", "IMD quintile", "Count", "Population"],
    ["F", "0-4", 1, 5, 100],
  ];
  // A previous run's Detail sheet: area, measure, observed, population, but no strata.
  const detail: CellValue[][] = [
    ["Area", "Name", "Measure", "Observed", "Expected", "Population"],
    ["QYG", "C", "X-ray", 3, 2.9, 100],
  ];

  test("finds each table by its headers, whatever the sheet names and order", () => {
    const found = findInputTables([
      { name: "Notes", grid: [["Read me"], ["This workbook holds …"]] },
      { name: "Detail", grid: detail },
      { name: "Sheet2", grid: activity },
      { name: "Standard", grid: reference },
      { name: "Sheet1", grid: population },
    ]);
    expect(found.population?.source.sheet).toBe("Sheet1");
    expect(found.activity?.source.sheet).toBe("Sheet2");
    expect(found.activity?.source.headerRow).toBe(2);
    expect(found.reference?.source.sheet).toBe("Standard");
  });

  test("a wide activity table (one count column per measure) is activity", () => {
    const wide: CellValue[][] = [
      ["Area", "Sex", "Age band", "IMD", "X-ray", "MRI"],
      ["A", "F", "0-4", 1, 5, 2],
    ];
    expect(findInputTables([{ name: "W", grid: wide }]).activity?.headers).toContain("MRI");
  });

  test("nothing recognisable finds nothing", () => {
    expect(findInputTables([{ name: "Notes", grid: [["Hello"], ["World"]] }])).toEqual({
      population: undefined,
      activity: undefined,
      reference: undefined,
    });
  });
});
