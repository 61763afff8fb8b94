// Bad input, as the issue lists it: errors exit 2 with one line naming file, sheet, row and
// column; warnings let the run finish (exit 0) and are reported; misuse of the command is exit 2.
import ExcelJS from "exceljs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli, tempDir, writeCsv } from "./helpers";

let dir: string;
const POP = [
  ["Area", "Sex", "Age band", "Population"],
  ["A", "F", "0-4", 100],
  ["A", "M", "0-4", 120],
  ["B", "F", "0-4", 90],
  ["B", "M", "0-4", 110],
];
const ACT = [
  ["Area", "Sex", "Age band", "Count"],
  ["A", "F", "0-4", 5],
  ["A", "M", "0-4", 7],
  ["B", "F", "0-4", 4],
  ["B", "M", "0-4", 6],
];
/** ACT with one cell replaced: data row i (0-based), column j. */
function actWith(i: number, j: number, v: string | number | null): (string | number | null)[][] {
  return ACT.map((r, k) => (k === i + 1 ? r.map((x, c) => (c === j ? v : x)) : r));
}

beforeAll(async () => {
  dir = tempDir();
  writeCsv(dir, "pop.csv", POP);
  writeCsv(dir, "act.csv", ACT);
  writeCsv(dir, "pop-no-header.csv", [["Area", "Sex", "Age band", "Residents"], ...POP.slice(1)]);
  writeCsv(dir, "act-text.csv", actWith(2, 3, "twelve"));
  writeCsv(
    dir,
    "pop-negative.csv",
    POP.map((r, k) => (k === 3 ? [...r.slice(0, 3), -90] : r)),
  );
  writeCsv(dir, "act-na.csv", actWith(1, 3, "#N/A"));
  writeCsv(dir, "act-empty.csv", [ACT[0]]);
  writeCsv(
    dir,
    "act-all-excluded.csv",
    ACT.map((r, k) => (k === 0 ? r : [r[0], "U", r[2], r[3]])),
  );
  writeCsv(dir, "act-warnings.csv", [
    ...actWith(0, 3, 5.5).map((r, k) => (k === 2 ? [...r.slice(0, 3), null] : r)),
    ["B", "M", "0-4", 1],
  ]);
  // An .xlsx with #DIV/0! in a count, below a title, on a sheet named "Activity data".
  const wb = new ExcelJS.Workbook();
  const p = wb.addWorksheet("Population");
  POP.forEach((r) => p.addRow(r));
  const a = wb.addWorksheet("Activity data");
  a.addRow(["DID activity"]);
  ACT.forEach((r) => a.addRow(r));
  a.getCell("D5").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  writeFileSync(join(dir, "book.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
  writeFileSync(join(dir, "old.xls"), "not really");
  writeFileSync(
    join(dir, "pop-comma.csv"),
    "Area,Name,Sex,Age band,Population\nA,North,F,0-4,100\nA,North,M,0-4,120\nB,South, East,F,0-4,90\nB,South,M,0-4,110\n",
  );
});

const run = (...args: string[]) => runCli(["run", ...args], dir);

/** The one-line contract: exit 2, nothing on stdout, exactly one stderr line, no stack trace. */
function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }): string {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r.stderr.trimEnd();
}

describe("errors exit 2 with file, sheet, row and column", () => {
  test("a missing required header names the file and the header row", async () => {
    const line = expectOneLineError(await run("--population", "pop-no-header.csv", "--activity", "act.csv"));
    expect(line).toContain("pop-no-header.csv");
    expect(line).toMatch(/row 1\b/);
    expect(line).toMatch(/population/i);
  });

  test("text in a count: file, row 4, column D", async () => {
    const line = expectOneLineError(await run("--population", "pop.csv", "--activity", "act-text.csv"));
    expect(line).toMatch(/act-text\.csv, row 4, column D \(Count\)/);
    expect(line).toContain('"twelve"');
  });

  test("a negative population: file, row 4, column D", async () => {
    const line = expectOneLineError(await run("--population", "pop-negative.csv", "--activity", "act.csv"));
    expect(line).toMatch(/pop-negative\.csv, row 4, column D \(Population\)/);
    expect(line).toContain("-90");
  });

  test("#N/A in a CSV count: file, row 3, column D", async () => {
    const line = expectOneLineError(await run("--population", "pop.csv", "--activity", "act-na.csv"));
    expect(line).toMatch(/act-na\.csv, row 3, column D \(Count\)/);
    expect(line).toContain("#N/A");
  });

  test("#DIV/0! in a workbook: file, sheet, row 5, column D", async () => {
    const line = expectOneLineError(await run("book.xlsx"));
    expect(line).toMatch(/book\.xlsx, sheet Activity data, row 5, column D \(Count\)/);
    expect(line).toContain("#DIV/0!");
  });

  test("an empty table names the file and the row below its header", async () => {
    const line = expectOneLineError(await run("--population", "pop.csv", "--activity", "act-empty.csv"));
    expect(line).toContain("act-empty.csv");
    expect(line).toMatch(/row 2\b/);
    expect(line).toMatch(/empty/i);
  });

  test("an unquoted comma in a name (a row longer than the header): file, row 4, column F", async () => {
    const line = expectOneLineError(await run("--population", "pop-comma.csv", "--activity", "act.csv"));
    expect(line).toMatch(
      /pop-comma\.csv, row 4, column F: this row has more values than the header has columns \(5\)/,
    );
  });

  test("nothing left after exclusions says why", async () => {
    const line = expectOneLineError(
      await run("--population", "pop.csv", "--activity", "act-all-excluded.csv"),
    );
    expect(line).toContain("act-all-excluded.csv");
    expect(line).toMatch(/nothing left/i);
  });

  test("--exclude-invalid turns the bad count into an exclusion instead", async () => {
    const r = await run(
      "--population",
      "pop.csv",
      "--activity",
      "act-text.csv",
      "--exclude-invalid",
      "--json",
      "-",
    );
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.exclusions.activityRows).toBe(1);
    expect(results.national[0].observed).toBe(5 + 7 + 6);
  });
});

describe("warnings: the run completes", () => {
  test("a fractional count, a duplicated stratum and a blank count are warned about and used", async () => {
    const r = await run("--population", "pop.csv", "--activity", "act-warnings.csv", "--json", "-");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    const kinds = results.warnings.map((w: { kind: string }) => w.kind).sort();
    expect(kinds).toEqual(["blank-as-zero", "duplicate-stratum", "fractional-count"]);
    // 5.5 + blank(0) + 4 + 6 + the duplicate 1, added to B/M/0-4.
    expect(results.national[0].observed).toBe(5.5 + 0 + 4 + 6 + 1);
    const rowsOf = (k: string) => results.warnings.find((w: { kind: string }) => w.kind === k).rows;
    expect(rowsOf("fractional-count")).toEqual([2]);
    expect(rowsOf("blank-as-zero")).toEqual([3]);
  });
});

describe("misuse of the command is exit 2 with one line", () => {
  test.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--population", "missing.csv", "--activity", "act.csv"], /Cannot read missing\.csv: no such file/],
    [
      ["--population", "old.xls", "--activity", "act.csv"],
      /\.xls files are not supported; save it as \.xlsx or \.csv/,
    ],
    [
      ["--population", "pop.csv", "--activity", "act.csv", "--multiplier", "ten"],
      /--multiplier must be a positive number/,
    ],
    [
      ["--population", "pop.csv", "--activity", "act.csv", "--significance", "maybe"],
      /--significance must be/,
    ],
    [["--population", "pop.csv"], /No activity table/],
    [["act.csv"], /CSV file, which holds one table/],
  ])("%j", async (args, message) => {
    expect(expectOneLineError(await run(...args))).toMatch(message);
  });

  test("no command, an unknown command", async () => {
    expect(expectOneLineError(await runCli([], dir))).toMatch(/No command given/);
    expect(expectOneLineError(await runCli(["go"], dir))).toMatch(/Unknown command "go"/);
  });
});
