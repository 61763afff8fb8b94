// The office adapter's pure helpers: A1 addresses and values across the office.js boundary.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { a1ToRect, rectToA1, splitAddress } from "../../../src/workbook/address";
import { fromExcel, needsQuote, toExcelInput } from "../../../src/workbook/office/values";
import { widthToPoints } from "../../../src/workbook/office";
import { typeIn } from "../../fakes/excel";

describe("A1 addresses", () => {
  it("reads and writes known addresses", () => {
    expect(a1ToRect("A1")).toEqual({ row: 0, col: 0, rows: 1, cols: 1 });
    expect(a1ToRect("$B$2:$D$9")).toEqual({ row: 1, col: 1, rows: 8, cols: 3 });
    expect(a1ToRect("AA10:AB11")).toEqual({ row: 9, col: 26, rows: 2, cols: 2 });
    expect(a1ToRect("XFD1048576")).toEqual({ row: 1_048_575, col: 16_383, rows: 1, cols: 1 });
    expect(a1ToRect("C:E")).toEqual({ row: 0, col: 2, rows: 1_048_576, cols: 3 });
    expect(rectToA1({ row: 9, col: 26, rows: 2, cols: 2 })).toBe("AA10:AB11");
    expect(() => a1ToRect("not an address")).toThrow(/Not an A1 address/);
  });

  it("round-trips any rectangle on a sheet", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_048_575 }),
        fc.integer({ min: 0, max: 16_383 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 300 }),
        (row, col, rows, cols) => {
          const r = { row, col, rows: Math.min(rows, 1_048_576 - row), cols: Math.min(cols, 16_384 - col) };
          expect(a1ToRect(rectToA1(r))).toEqual(r);
        },
      ),
    );
  });

  it("splits sheet names, quoted or not, with apostrophes doubled", () => {
    expect(splitAddress("Sheet1!A1:B2")).toEqual({ sheet: "Sheet1", address: "A1:B2" });
    expect(splitAddress("'It''s mine'!C3")).toEqual({ sheet: "It's mine", address: "C3" });
    expect(splitAddress("='Annex B'!$A$1")).toEqual({ sheet: "Annex B", address: "$A$1" });
    expect(splitAddress("'a!b'!A1")).toEqual({ sheet: "a!b", address: "A1" });
  });
});

describe("values across office.js", () => {
  it("quotes exactly the strings Excel would not keep as the same text", () => {
    const keep = [
      "Area one",
      "NHS Cheshire and Merseyside",
      "CT",
      "higher",
      "May",
      "Ünïcødé ✓",
      "a=b",
      "x+y",
    ];
    const quote = [
      "=1+1",
      "+44",
      "-x",
      "@x",
      "'x",
      "#N/A",
      "10-14",
      "0123",
      "E54000008",
      "TRUE",
      "false",
      " lead",
      "Jan-24",
      "50%",
    ];
    for (const s of keep) expect(needsQuote(s), s).toBe(false);
    for (const s of quote) expect(needsQuote(s), s).toBe(true);
  });

  it("writes any string so that Excel (as the fake types it) keeps it as that text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const input = toExcelInput(s);
        const cell = typeIn(String(input));
        expect(s === "" ? cell.value : cell.value, JSON.stringify(s)).toBe(s === "" ? undefined : s);
      }),
      { numRuns: 2000 },
    );
  });

  it("writes non-finite numbers as blanks and reads blanks and error text back", () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, null].map(toExcelInput)).toEqual(["", "", ""]);
    expect(["", "x", 1, true, "#DIV/0!", "#SPILL!", "#n/a"].map(fromExcel)).toEqual([
      null,
      "x",
      1,
      true,
      { error: "#DIV/0!" },
      { error: "#SPILL!" },
      "#n/a",
    ]);
  });

  it("converts file column widths to points as Excel does (7 px digits, padding included)", () => {
    // A file's width 9.140625 is Excel's default column (8.43 characters shown) = 64 px = 48 pt;
    // ECMA-376 §18.3.1.13: px = trunc(((256·w + trunc(128/7)) / 256) · 7); 10 → 70 px; 28.5 → 199 px.
    expect(widthToPoints(9.140625)).toBe(48);
    expect(widthToPoints(10)).toBe(52.5);
    expect(widthToPoints(28.5)).toBe(149.25);
  });
});
