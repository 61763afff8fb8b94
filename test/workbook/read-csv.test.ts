// readCsv: typing, header-row detection, positions for messages, and the fast (unquoted) and
// careful (papaparse) paths agreeing on every table.
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, test } from "vitest";
import { InputError } from "../../src/engine/errors";
import type { CellValue } from "../../src/engine/types";
import { detectDelimiter, readCsv, typeCsvField } from "../../src/workbook/csv";

describe("typeCsvField", () => {
  test("numbers, blanks, errors and codes", () => {
    expect(typeCsvField("")).toBeNull();
    expect(typeCsvField("   ")).toBeNull();
    expect(typeCsvField("42")).toBe(42);
    expect(typeCsvField(" 42 ")).toBe(42);
    expect(typeCsvField("-3.5")).toBe(-3.5);
    expect(typeCsvField("1e3")).toBe(1000);
    expect(typeCsvField("0")).toBe(0);
    expect(typeCsvField("0.25")).toBe(0.25);
    expect(typeCsvField("1,234,567")).toBe(1234567);
    expect(typeCsvField("007")).toBe("007"); // a code, not a count
    expect(typeCsvField("0-4")).toBe("0-4");
    expect(typeCsvField("90+")).toBe("90+");
    expect(typeCsvField("E54000008")).toBe("E54000008");
    for (const e of ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]) {
      expect(typeCsvField(e)).toEqual({ error: e });
    }
    expect(typeCsvField("#n/a")).toEqual({ error: "#N/A" });
    expect(typeCsvField("#hashtag")).toBe("#hashtag");
  });

  test("delimiter detection", () => {
    expect(detectDelimiter("a,b,c\n1,2,3")).toBe(",");
    expect(detectDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
    // A title with a comma above a semicolon table.
    expect(detectDelimiter("Activity, 2024/25\nArea;Sex;Count\nA;F;1\nB;M;2\nC;F;3\n")).toBe(";");
  });
});

describe("readCsv", () => {
  test("a plain table: column-major, typed, positions from A1", () => {
    const t = readCsv("Area,Sex,Age band,Count\nA,F,0-4,5\nB,M,5-9,\nC,1,90+,#N/A\n", "act.csv");
    expect(t.headers).toEqual(["Area", "Sex", "Age band", "Count"]);
    expect(t.rowCount).toBe(3);
    expect(t.source).toEqual({ file: "act.csv", headerRow: 1, firstColumn: 1 });
    expect(t.columns[0]).toEqual(["A", "B", "C"]);
    expect(t.columns[1]).toEqual(["F", "M", 1]);
    expect(t.columns[3]).toEqual([5, null, { error: "#N/A" }]);
  });

  test("titles above the header and a blank first column are skipped, and positions say so", () => {
    const text =
      ",Imaging activity 2024/25,,\n,Source: DID,,\n\n,Area,Measure,Count\n,A,X-ray,10\n,B,X-ray,20\n";
    const t = readCsv(text, "act.csv");
    expect(t.headers).toEqual(["Area", "Measure", "Count"]);
    expect(t.source.headerRow).toBe(4);
    expect(t.source.firstColumn).toBe(2); // column B
    expect(t.columns[2]).toEqual([10, 20]);
  });

  test("CRLF, a byte-order mark and trailing blank lines", () => {
    const t = readCsv("\uFEFFArea,Population\r\nA,100\r\nB,200\r\n\r\n\r\n", "pop.csv");
    expect(t.headers).toEqual(["Area", "Population"]);
    expect(t.rowCount).toBe(2);
    expect(t.columns[1]).toEqual([100, 200]);
  });

  test("a last line without a newline, short rows, and empty extra fields (trailing delimiters)", () => {
    const t = readCsv("Area,Sex,Population\nA,F\nB,M,7,,\nC,F,9", "pop.csv");
    expect(t.rowCount).toBe(3);
    expect(t.columns[2]).toEqual([null, 7, 9]);
  });

  test("a value beyond the header's columns (an unquoted comma) is an error naming row and column", () => {
    const text = "ICB code,ICB name,Population\nQ1,NHS A,100\nQ2,NHS B, C and D,200\n";
    expect(() => readCsv(text, "pop.csv")).toThrow(InputError);
    try {
      readCsv(text, "pop.csv");
    } catch (e) {
      const err = e as InputError;
      expect(err.message).toMatch(
        /^pop\.csv, row 3, column D: this row has more values than the header has columns \(3\)\. A value that contains "," must be in quotes/,
      );
      expect(err.location).toMatchObject({ row: 3, column: 4 });
    }
    // The same through the quoted path (papaparse).
    expect(() =>
      readCsv('ICB code,ICB name,Population\nQ1,"NHS A",100\nQ2,"NHS B", C,200\n', "pop.csv"),
    ).toThrow(/row 3, column D/);
  });

  test("quoted fields with commas, quotes and line breaks (papaparse path); rows count records", () => {
    const text =
      'ICB code,ICB name,Population\nQ1,"NHS A, B and C ICB",1000\nQ2,"Say ""hi""",2000\nQ3,"Two\nlines","3,000"\nQ4,Plain,oops\n';
    const t = readCsv(text, "pop.csv");
    expect(t.columns[1]).toEqual(["NHS A, B and C ICB", 'Say "hi"', "Two\nlines", "Plain"]);
    expect(t.columns[2]).toEqual([1000, 2000, 3000, "oops"]);
    expect(t.rowCount).toBe(4);
    // "oops" is data row 3 (0-based), i.e. record 5 as a spreadsheet shows the CSV.
    expect(t.source.headerRow + 1 + 3).toBe(5);
  });

  test("semicolon and tab delimited files", () => {
    expect(readCsv("Area;Population\nA;5\n", "p.csv").columns[1]).toEqual([5]);
    expect(readCsv("Area\tPopulation\nA\t5\n", "p.tsv").columns[1]).toEqual([5]);
  });

  test("repeated codes share one string per column (interning)", () => {
    const rows = Array.from({ length: 50 }, (_, i) => `QYG${i % 2},Female,X-ray,${i}`);
    const t = readCsv(["Area,Sex,Measure,Count", ...rows].join("\n"), "a.csv");
    expect(t.columns[2].every((v) => v === "X-ray")).toBe(true);
    expect(t.columns[3][49]).toBe(49);
  });

  test("a header-only file is an empty table; an empty file has no headers", () => {
    const t = readCsv("Area,Population\n", "p.csv");
    expect(t.headers).toEqual(["Area", "Population"]);
    expect(t.rowCount).toBe(0);
    expect(readCsv("", "e.csv").headers).toEqual([]);
  });

  test("property: the fast path and the quoted path read the same table", () => {
    const field = fc.oneof(
      fc.constantFrom(
        "",
        "0",
        "00",
        "007",
        "F",
        "Male",
        "0-4",
        "90+",
        "#N/A",
        "#DIV/0!",
        "X-ray",
        "1 Most deprived",
        "-5",
        "2.5",
        "1e2",
      ),
      fc.integer({ min: 0, max: 10_000_000 }).map(String),
      fc.stringMatching(/^[A-Za-z0-9 .+\-/]{0,12}$/),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        (rows) => {
          const header = "Area,Sex,Count";
          const plain = [header, ...rows.map((r) => r.join(","))].join("\n") + "\n";
          const quoted = [header, ...rows.map((r) => r.map((f) => `"${f}"`).join(","))].join("\n") + "\n";
          const a = readCsv(plain, "a.csv");
          const b = readCsv(quoted, "a.csv");
          expect(b.columns).toEqual(a.columns);
          expect(b.rowCount).toBe(a.rowCount);
          // Against the hand rule: each field typed on its own.
          const expected: CellValue[][] = [0, 1, 2].map((j) => rows.map((r) => typeCsvField(r[j])));
          let n = rows.length;
          while (n > 0 && expected.every((c) => c[n - 1] === null)) n--;
          expect(a.columns).toEqual(expected.map((c) => c.slice(0, n)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("property: any CSV reads as papaparse reads it (quotes, escaped quotes, commas and line breaks in fields, CRLF)", () => {
    const plain = fc.constantFrom(
      "",
      "0",
      "007",
      "F",
      "0-4",
      "90+",
      "#N/A",
      "X-ray",
      "-5",
      "2.5",
      "1,234",
      "12",
      "Q1",
    );
    const awkward = fc.constantFrom('say "hi"', "a,b", "two\nlines", "cr\r\nlf", " padded ", '"', ",", "");
    const field = fc.oneof(plain, awkward, fc.stringMatching(/^[A-Za-z0-9 ,"\n.-]{0,8}$/));
    const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.constantFrom("\n", "\r\n"),
        (rows, eol) => {
          // A field must be quoted when it holds a quote, a comma or a line break; others may be.
          const cell = ([f, q]: [string, boolean]) => (q || /[",\r\n]/.test(f) ? quote(f) : f);
          const text = ["Area,Sex,Count", ...rows.map((r) => r.map(cell).join(","))].join(eol) + eol;
          const t = readCsv(text, "a.csv");
          const records = Papa.parse<string[]>(text, {
            delimiter: ",",
            newline: eol as "\n" | "\r\n",
          }).data.slice(1);
          const expected: CellValue[][] = [0, 1, 2].map((j) =>
            records.map((r) => (r.length === 1 && r[0] === "" ? null : typeCsvField(r[j] ?? ""))),
          );
          let n = records.length;
          while (n > 0 && expected.every((c) => c[n - 1] === null)) n--;
          expect(t.columns).toEqual(expected.map((c) => c.slice(0, n)));
        },
      ),
      { numRuns: 400 },
    );
  });

  test("a stray quote inside an unquoted field is read the way papaparse reads it", () => {
    const t = readCsv('Area,Name,Population\nA,5" screen,10\nB,plain,20\n', "p.csv");
    expect(t.columns[1]).toEqual(['5" screen', "plain"]);
    expect(t.columns[2]).toEqual([10, 20]);
  });
});
