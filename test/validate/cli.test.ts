// `stdrates validate`, spawned: exit 0 when every figure agrees, 3 when some disagree, 2 for bad
// input; --out writes a Validation sheet that reads back with its highlight rule; --json the comparison.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import type { Results } from "../../src/engine/types";
import { readCsv } from "../../src/workbook/csv";
import { runCli, tempDir, tinyData, writeCsv } from "../cli/helpers";

let dir: string;
let files: string[];
let r: Results;

/** A published-style workbook: Annex B sheet, rates rounded and formatted "#,##0", one figure altered by `delta`. */
async function publishedXlsx(name: string, delta = 0, withTable = true): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Annex B");
  ws.addRow(["ICB Standardised Imaging Rates per 10,000"]);
  if (withTable) {
    ws.addRow(["ICB code", "ICB name", "X-rays", "MRI Scans"]);
    const nat = r.national.map((n) => Math.round(n.rate));
    ws.addRow([null, "England", ...nat]);
    for (const a of r.meta.areaList) {
      const rates = ["X-ray", "MRI"].map((m) =>
        Math.round(r.areas.find((x) => x.area === a.area && x.measure === m)!.rate),
      );
      ws.addRow([a.area, a.name, ...rates]);
    }
    // Row 5 is E2 (rows: 1 title, 2 header, 3 England, 4 E1, 5 E2, 6 E3); D is MRI.
    ws.getCell("D5").value = (ws.getCell("D5").value as number) + delta;
    for (const c of ["C", "D"]) ws.getColumn(c).numFmt = "#,##0";
  } else ws.addRow(["Nothing to compare here"]);
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  dir = tempDir("stdrates-validate-");
  const data = tinyData();
  const pop = writeCsv(dir, "population.csv", data.population);
  const act = writeCsv(dir, "activity.csv", data.activity);
  files = ["--population", pop, "--activity", act];
  r = run({
    population: readCsv(readFileSync(pop, "utf8"), "population.csv"),
    activity: readCsv(readFileSync(act, "utf8"), "activity.csv"),
  });
  await publishedXlsx("same.xlsx");
  await publishedXlsx("altered.xlsx", 2);
  await publishedXlsx("empty.xlsx", 0, false);
});

describe("stdrates validate", () => {
  it("exit 0 and the headline when every figure agrees", async () => {
    const res = await runCli(["validate", "--published", join(dir, "same.xlsx"), ...files]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    // England and 3 areas × 2 measures.
    expect(res.stdout).toBe("8 of 8 figures agree within rounding.\n");
  });

  it("exit 3 when a figure disagrees; --out and --json carry every figure", async () => {
    const out = join(dir, "validation.xlsx");
    const json = join(dir, "validation.json");
    const res = await runCli([
      "validate",
      "--published",
      join(dir, "altered.xlsx"),
      ...files,
      "--out",
      out,
      "--json",
      json,
    ]);
    expect(res.code).toBe(3);
    expect(res.stdout).toContain("7 of 8 figures agree within rounding.");
    expect(res.stdout).toMatch(/Annex B!D5 {2}E2, MRI: published [\d,]+, computed/);

    const v = JSON.parse(readFileSync(json, "utf8"));
    expect([v.agreeing, v.total, v.ok]).toEqual([7, 8, false]);
    expect(v.figures[0]).toMatchObject({
      cell: "D5",
      area: "E2",
      measure: "MRI",
      heading: "MRI Scans",
      agree: false,
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].name).toBe("Validation");
    const ws = wb.getWorksheet("Validation")!;
    expect(String(ws.getCell("A3").value)).toBe(
      "7 of 8 figures agree within rounding. 1 disagree: listed first, marked NO in the Agree column.",
    );
    // The figure rows: find the header, then the first row is the disagreement.
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(18).value === "Agree") header = n;
    });
    expect(header).toBeGreaterThan(0);
    const first = (col: number) => ws.getRow(header + 1).getCell(col).value;
    expect([first(4), first(8), first(18)]).toEqual(["E2", "MRI", "NO"]);
    expect(first(11)).toBe(Math.round(r.areas.find((a) => a.area === "E2" && a.measure === "MRI")!.rate) + 2);
    expect(ws.getRow(header + 2).getCell(18).value).toBe("yes");
    const cfs = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const rule = cfs.find((c) => c.rules.some((x) => x.type === "expression"))!;
    // The whole figure row, to the verdict columns (T) after Agree (R).
    expect(rule.ref).toBe(`A${header + 1}:T${header + 8}`);
    expect(rule.rules[0]).toMatchObject({ type: "expression", formulae: [`$R${header + 1}="NO"`] });
    expect((rule.rules[0] as { style?: { font?: { bold?: boolean } } }).style?.font?.bold).toBe(true);
    // The report follows the Validation sheet.
    expect(wb.getWorksheet("Annex B")).toBeDefined();
  });

  it("--tolerance replaces the rounding: a difference of about 2 agrees within 3", async () => {
    const res = await runCli([
      "validate",
      "--published",
      join(dir, "altered.xlsx"),
      ...files,
      "--tolerance",
      "3",
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe("8 of 8 figures agree within the tolerance.\n");
  });

  it.each([
    [["validate", ...["--population", "P", "--activity", "A"]], /validate needs --published FILE.xlsx/],
    [["validate", "--published", "EMPTY"], /no published table found/],
    [["validate", "--published", "SAME", "--tolerance", "abc"], /--tolerance must be a non-negative number/],
    [["validate", "--published", "SAME", "--sheet", "Nope"], /no sheet named "Nope" \(sheets: Annex B\)/],
    [["validate", "--published", "MISSING"], /Cannot read .*missing\.xlsx: no such file/],
    [["validate", "--published", "SAME", "--bogus"], /Unknown option '--bogus'/],
    [["validate", "--published", "SAME", "--scenario", "s.json"], /--scenario is for `stdrates run`/],
  ])("exit 2 with one line: %j", async (args, message) => {
    const names: Record<string, string> = {
      EMPTY: join(dir, "empty.xlsx"),
      SAME: join(dir, "same.xlsx"),
      MISSING: join(dir, "missing.xlsx"),
      P: files[1],
      A: files[3],
    };
    const argv = args.map((a) => names[a] ?? a);
    const res = await runCli(argv.includes("--population") ? argv : [...argv, ...files]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("is in --help", async () => {
    const res = await runCli(["--help"]);
    expect(res.stdout).toContain("stdrates validate --published FILE.xlsx");
  });
});
