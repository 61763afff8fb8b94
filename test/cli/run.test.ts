// `stdrates run` end to end, spawned as a user would run it: numbers against PHEindicatormethods,
// the SPEC §9 JSON contract, CSV and .xlsx inputs giving the same answers, and the workbook output.
import ExcelJS from "exceljs";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { AREAS, MEASURES, ROOT, runCli, tempDir, tinyData, writeCsv } from "./helpers";
import { AREA_FIGURES, OD_FIELDS } from "../support/area-fields";

const PHE = join(ROOT, "test", "fixtures", "phe-cli");

function close(actual: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe("PHEindicatormethods ISR fixtures (age only, external reference, per 100,000)", () => {
  test("rows 1–3 of expected.csv: observed, expected, rate and both sets of limits", async () => {
    const dir = tempDir();
    const out = join(dir, "phe.json");
    const r = await runCli([
      "run",
      "--population",
      join(PHE, "population.csv"),
      "--activity",
      join(PHE, "activity.csv"),
      "--reference",
      join(PHE, "reference.csv"),
      "--strata",
      "age",
      "--multiplier",
      "100000",
      "--json",
      out,
      "-q",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(out, "utf8"));
    const lines = readFileSync(join(PHE, "expected.csv"), "utf8").trim().split("\n");
    const header = lines[0].split(",");
    for (const line of lines.slice(1, 4)) {
      const f = Object.fromEntries(line.split(",").map((v, i) => [header[i], v]));
      const area = results.areas.find((a: { area: string }) => a.area === f.area);
      expect(area, f.area).toBeDefined();
      expect(area.observed).toBe(Number(f.observed));
      close(area.expected, Number(f.expected));
      close(area.rate, Number(f.value));
      close(area.lower95, Number(f.lower95_0cl));
      close(area.upper95, Number(f.upper95_0cl));
      close(area.lower998, Number(f.lower99_8cl));
      close(area.upper998, Number(f.upper99_8cl));
      close(results.national[0].rate, Number(f.ref_rate));
    }
    expect(results.multiplier).toBe(100000);
  });
});

describe("JSON contract and inputs", () => {
  let dir: string;
  let csvJson: Record<string, unknown> & { [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  let xlsxRun: { code: number | null; stdout: string; stderr: string };
  let xlsxJson: typeof csvJson;
  const data = tinyData();

  beforeAll(async () => {
    dir = tempDir();
    const pop = writeCsv(dir, "population.csv", data.population);
    const act = writeCsv(dir, "activity.csv", data.activity);
    // The same tables in one workbook, below titles, on sheets in an unhelpful order.
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet("Read me");
    notes.getCell("A1").value = "Inputs for stdrates";
    const a = wb.addWorksheet("Sheet A");
    a.addRow(["Imaging activity by ICB"]);
    a.addRow([]);
    data.activity.forEach((row) => a.addRow(row));
    const p = wb.addWorksheet("Sheet P");
    p.addRow(["Population"]);
    p.addRow(["Source: test"]);
    data.population.forEach((row) => p.addRow(row));
    writeFileSync(join(dir, "inputs.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));

    const r1 = await runCli([
      "run",
      "--population",
      pop,
      "--activity",
      act,
      "--json",
      join(dir, "csv.json"),
      "-q",
    ]);
    expect(r1.stderr).toBe("");
    expect(r1.code).toBe(0);
    csvJson = JSON.parse(readFileSync(join(dir, "csv.json"), "utf8"));
    xlsxRun = await runCli(["run", join(dir, "inputs.xlsx"), "--json", "-"]);
    xlsxJson = JSON.parse(xlsxRun.stdout);
  });

  test("top-level and record field names are exactly SPEC §9 (plus meta)", () => {
    expect(Object.keys(csvJson)).toEqual([
      "multiplier",
      "measures",
      "national",
      "areas",
      "summaries",
      "ratios",
      "overdispersion",
      "exclusions",
      "warnings",
      "meta",
    ]);
    expect(Object.keys(csvJson.national[0]).sort()).toEqual(
      ["measure", "observed", "population", "rate"].sort(),
    );
    expect(Object.keys(csvJson.areas[0]).sort()).toEqual(
      // SPEC §4b and §12, beyond the publication: the adjusted limits and verdicts, and "suppressed".
      ["area", "name", "measure", "population", ...AREA_FIGURES, ...OD_FIELDS, "suppressed"].sort(),
    );
    expect(Object.keys(csvJson.summaries[0]).sort()).toEqual(
      ["measure", "mean", "sd", "withinOneSd", "withinTenPercentOfCrude", "lowest", "highest"].sort(),
    );
    expect(Object.keys(csvJson.summaries[0].lowest).sort()).toEqual(["area", "rate"]);
    expect(Object.keys(csvJson.ratios[0]).sort()).toEqual(
      [
        "factor",
        "level",
        "base",
        "measure",
        "observed",
        "expected",
        "rate",
        "ratio",
        "chi2",
        "p",
        "stars",
        "pCounts",
      ].sort(),
    );
    for (const k of ["activityRows", "activityCount", "share", "byReason", "byArea", "byMeasure"])
      expect(csvJson.exclusions).toHaveProperty(k);
    expect(Array.isArray(csvJson.warnings)).toBe(true);
  });

  test("national rates are ΣO/ΣP × 10,000 by hand; names and verdicts as SPEC says", () => {
    expect(csvJson.multiplier).toBe(10000);
    expect(csvJson.measures).toEqual(MEASURES);
    const pop = data.population.slice(1).reduce((s, r) => s + Number(r[5]), 0);
    for (const m of MEASURES) {
      const obs = data.activity
        .slice(1)
        .filter((r) => r[4] === m)
        .reduce((s, r) => s + Number(r[5]), 0);
      const n = csvJson.national.find((x: { measure: string }) => x.measure === m);
      expect(n.observed).toBe(obs);
      expect(n.population).toBe(pop);
      close(n.rate, (10000 * obs) / pop, 1e-12);
    }
    expect(csvJson.areas).toHaveLength(AREAS.length * MEASURES.length);
    expect(csvJson.areas.find((a: { area: string }) => a.area === "E2").name).toBe("Middle ICB");
    for (const a of csvJson.areas) expect(["higher", "similar", "lower"]).toContain(a.vsNational998);
    // Each factor's base level is listed with ratio 1, chi2 0, p 1 and no stars.
    for (const [factor, base] of [
      ["sex", "Female"],
      ["imd", "1"],
      ["age", "0-<45"],
    ]) {
      const row = csvJson.ratios.find(
        (x: { factor: string; level: string }) => x.factor === factor && x.level === base,
      );
      expect(row, factor).toMatchObject({ base, ratio: 1, chi2: 0, p: 1, stars: "" });
    }
  });

  test("a workbook given alone: tables found by header below titles, same numbers as the CSVs", () => {
    expect(xlsxRun.stderr).toBe("");
    expect(xlsxRun.code).toBe(0);
    const strip = (r: typeof csvJson) => ({ ...r, meta: undefined });
    expect(strip(xlsxJson)).toEqual(strip(csvJson));
    const tables = xlsxJson.meta.tables as { role: string; source: { sheet: string; headerRow: number } }[];
    expect(tables.find((t) => t.role === "population")?.source).toMatchObject({
      sheet: "Sheet P",
      headerRow: 3,
    });
    expect(tables.find((t) => t.role === "activity")?.source).toMatchObject({
      sheet: "Sheet A",
      headerRow: 3,
    });
  });

  test("--sheet-population / --sheet-activity choose sheets; a wrong name is exit 2 listing the sheets", async () => {
    const ok = await runCli([
      "run",
      join(dir, "inputs.xlsx"),
      "--sheet-population",
      "Sheet P",
      "--sheet-activity",
      "sheet a",
      "-q",
      "--json",
      "-",
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).national).toEqual(csvJson.national);
    const bad = await runCli(["run", join(dir, "inputs.xlsx"), "--sheet-population", "Pop"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^stdrates: .*inputs\.xlsx: no sheet named "Pop" \(sheets: Read me, Sheet A, Sheet P\)\.\n$/,
    );
  });

  test("--out writes the report workbook; --in-place-copy keeps the user's sheets", async () => {
    const out = join(dir, "report.xlsx");
    const r = await runCli([
      "run",
      "--population",
      join(dir, "population.csv"),
      "--activity",
      join(dir, "activity.csv"),
      "--out",
      out,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("National rates per 10,000");
    expect(r.stdout).toContain(`Wrote ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(5);
    expect(wb.worksheets[0].name).toMatch(/Annex B/i);

    const copy = join(dir, "copy.xlsx");
    const c = await runCli(["run", join(dir, "inputs.xlsx"), "--in-place-copy", "--out", copy, "-q"]);
    expect(c.stderr).toBe("");
    expect(c.code).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(copy);
    const names = wb2.worksheets.map((w) => w.name);
    expect(names.slice(0, 3)).toEqual(["Read me", "Sheet A", "Sheet P"]);
    expect(names.length).toBeGreaterThan(3);
    expect(wb2.getWorksheet("Sheet P")!.getCell("A1").value).toBe("Population");
    // Outputs never overwrite inputs.
    const same = await runCli(["run", join(dir, "inputs.xlsx"), "--out", join(dir, "inputs.xlsx")]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/outputs never overwrite inputs/);
    expect(existsSync(join(dir, "inputs.xlsx"))).toBe(true);
  });
});
