// `stdrates demo`, `--timings`, `--help` and `--version`, spawned.
import ExcelJS from "exceljs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT, runCli, tempDir } from "./helpers";

test("demo writes results.json and annex-b-sample.xlsx to ./stdrates-demo and prints a summary", async () => {
  const cwd = tempDir("stdrates-demo-");
  const r = await runCli(["demo"], cwd);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/42 areas × 14 measures/);
  expect(r.stdout).toMatch(/National rates per 10,000/);
  expect(r.stdout).toMatch(/^ {2}X-ray +[\d,]+ +[\d,]+ +3,670 /m); // publication Table 1: 3,670
  expect(r.stdout).toMatch(/Excluded: [\d,]+ activity \(1\.\d%\)/);
  const json = join(cwd, "stdrates-demo", "results.json");
  const xlsx = join(cwd, "stdrates-demo", "annex-b-sample.xlsx");
  expect(existsSync(json)).toBe(true);
  expect(existsSync(xlsx)).toBe(true);
  const results = JSON.parse(readFileSync(json, "utf8"));
  expect(results.measures).toHaveLength(14);
  expect(results.areas).toHaveLength(42 * 14);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  expect(wb.worksheets[0].name).toMatch(/Annex B/i);
});

test("--timings prints exactly one stderr line in the documented form", async () => {
  const sample = join(ROOT, "assets", "sample");
  const r = await runCli([
    "run",
    "--population",
    join(sample, "population.csv"),
    "--activity",
    join(sample, "activity.csv"),
    "--timings",
    "-q",
  ]);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^timings: read=\d+ compute=\d+ write=\d+\n$/);
});

test("STDRATES_PROGRESS=1 shows progress on stderr; --timings stays the last line", async () => {
  const sample = join(ROOT, "assets", "sample");
  const r = await runCli(
    [
      "run",
      "--population",
      join(sample, "population.csv"),
      "--activity",
      join(sample, "activity.csv"),
      "--timings",
    ],
    ROOT,
    {
      STDRATES_PROGRESS: "1",
    },
  );
  expect(r.code).toBe(0);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^stdrates: reading .*population\.csv, .*activity\.csv…$/);
  expect(lines).toContain("stdrates: computing…");
  expect(lines.some((l) => /^stdrates: read .*activity\.csv \(113,\d{3} rows\) in \d+ ms$/.test(l))).toBe(
    true,
  );
  expect(lines[lines.length - 1]).toMatch(/^timings: read=\d+ compute=\d+ write=\d+$/);
});

test("--help and --version", async () => {
  const help = await runCli(["--help"]);
  expect(help.code).toBe(0);
  for (const flag of [
    "--population",
    "--activity",
    "--sheet-population",
    "--sheet-activity",
    "--strata",
    "--multiplier",
    "--reference",
    "--json",
    "--out",
    "--in-place-copy",
    "--timings",
    "--significance",
    "--exclude-invalid",
  ]) {
    expect(help.stdout).toContain(flag);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const version = await runCli(["--version"]);
  expect(version.code).toBe(0);
  expect(version.stdout).toBe(`stdrates ${pkg.version}\n`);
});
