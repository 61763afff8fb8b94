// SPEC §13: a warehouse's results brought back for validation. The DuckDB query of `stdrates sql`
// runs over the sample CSVs, DuckDB writes its rows to CSV (its own lower-case-free headers), and
// `stdrates validate --published` compares them, unrounded, with what the engine computes.
import { DuckDBInstance } from "@duckdb/node-api";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/cli/inputs";
import { validationText } from "../../src/cli/validate";
import { buildPlan } from "../../src/report";
import { VALIDATION_HEADERS } from "../../src/report/validation";
import { run } from "../../src/engine";
import type { CellValue } from "../../src/engine/types";
import { typeCsvField } from "../../src/workbook/csv";
import { validatePublished } from "../../src/validate";
import { runCli, tempDir } from "../cli/helpers";
import { queryFor, SAMPLE } from "../sql/support";

const dir = tempDir("stdrates-results-table-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The query's result as DuckDB writes it to CSV (header row, full-precision doubles). */
async function warehouseCsv(file: string): Promise<string> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    for (const t of ["population", "activity"] as const)
      await c.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv(${lit(SAMPLE[t])}, header = true)`);
    const query = queryFor("duckdb", await readInputs(SAMPLE)).replace(/;\s*$/, "");
    await c.run(`COPY (${query}) TO ${lit(file)} (HEADER, DELIMITER ',')`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
  return readFileSync(file, "utf8");
}

const sampleArgs = ["--population", SAMPLE.population, "--activity", SAMPLE.activity];

describe("a warehouse results table as the published side", () => {
  it("agrees figure for figure, and a single altered rate is named with its area and measure", async () => {
    const file = join(dir, "results.csv");
    // Names hold commas ("NHS Bedfordshire, Luton and Milton Keynes ICB"), quoted by DuckDB.
    const lines = Papa.parse<string[]>(await warehouseCsv(file), { skipEmptyLines: true }).data;
    const header = lines[0];
    expect(header).toEqual(
      expect.arrayContaining(["area", "measure", "observed", "expected", "rate", "vsNational95"]),
    );
    expect(lines.length - 1).toBe(42 * 14);

    const ok = await runCli(["validate", "--published", file, ...sampleArgs]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    // Rate, observed and expected of each of the 588 rows (none is suppressed in the sample).
    expect(ok.stdout).toMatch(/^1,764 of 1,764 figures agree within 1e-9 relative\./);

    // Pasted into a workbook under a title, as a sheet among others: the same.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["Standardised rates, from the warehouse"]);
    const ws = wb.addWorksheet("Results");
    ws.addRow(["Query results, 2024/25"]);
    ws.addRow([]);
    for (const line of lines) ws.addRow(line.map(typeCsvField));
    const xlsx = join(dir, "results.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const fromXlsx = await runCli(["validate", "--published", xlsx, ...sampleArgs]);
    expect(fromXlsx.code).toBe(0);
    expect(fromXlsx.stdout).toMatch(/^1,764 of 1,764 figures agree/);

    // Alter one rate by one part in a million: far inside any published rounding, outside 1e-9.
    const col = header.indexOf("rate");
    const target = 17;
    const cells = [...lines[target]];
    const [area, measure] = [cells[header.indexOf("area")], cells[header.indexOf("measure")]];
    cells[col] = String(Number(cells[col]) * (1 + 1e-6));
    const altered = join(dir, "altered.csv");
    writeFileSync(altered, Papa.unparse([...lines.slice(0, target), cells, ...lines.slice(target + 1)]));
    const bad = await runCli(["validate", "--published", altered, ...sampleArgs]);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toMatch(/^1,763 of 1,764 figures agree/);
    const cell = `${String.fromCharCode(65 + col)}${target + 1}`;
    expect(bad.stdout).toContain(`altered.csv!${cell}  ${area}, ${measure}: published`);
  }, 120_000);

  it("reads engines' lower-case headers, and a changed verdict disagrees though the rate agrees", async () => {
    const input = await readInputs(SAMPLE);
    const results = run(input);
    // As Postgres or Spark return unquoted names: all lower case.
    const head = [
      "area",
      "measure",
      "observed",
      "expected",
      "population",
      "rate",
      "vsnational95",
      "vsnational998",
    ];
    const rows: CellValue[][] = results.areas.map((a) => [
      a.area,
      a.measure,
      a.observed,
      a.expected,
      a.population,
      a.rate,
      a.vsNational95,
      a.vsNational998,
    ]);
    const same = validatePublished([{ name: "q", grid: [head, ...rows] }], results);
    expect(same.tables.map((t) => t.kind)).toEqual(["results"]);
    expect(same.ok).toBe(true);
    expect(same.total).toBe(3 * results.areas.length);
    // Flip one verdict: its rate figure now disagrees, saying both verdicts.
    const k = results.areas.findIndex((a) => a.vsNational95 === "higher");
    const flipped = rows.map((r, i) => (i === k ? [...r.slice(0, 6), "similar", r[7]] : r));
    const v = validatePublished([{ name: "q", grid: [head, ...flipped] }], results);
    expect(v.ok).toBe(false);
    const wrong = v.figures.filter((f) => !f.agree);
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({
      area: results.areas[k].area,
      measure: results.areas[k].measure,
      quantity: "rate",
      difference: 0,
      publishedVerdicts: `similar / ${results.areas[k].vsNational998}`,
      computedVerdicts: `higher / ${results.areas[k].vsNational998}`,
    });
    const a = results.areas[k];
    expect(validationText(v)).toContain(
      `  q!F${k + 2}  ${a.area}, ${a.measure}: published ${a.rate.toLocaleString("en-GB", { maximumFractionDigits: 10 })}`,
    );
    expect(validationText(v)).toContain(
      `verdicts (95% / 99.8%) similar / ${a.vsNational998} vs higher / ${a.vsNational998})`,
    );
    // The Validation sheet says why: both verdicts beside "NO".
    const sheet = buildPlan(results, { validation: v, sheets: ["validation"] }).sheets.find(
      (x) => x.key === "validation",
    );
    const row = sheet?.blocks
      .flatMap((b) => ("values" in b && Array.isArray(b.values) ? b.values : []))
      .find((x) => x[VALIDATION_HEADERS.indexOf("Agree")] === "NO");
    expect(row?.[VALIDATION_HEADERS.indexOf("Published verdicts")]).toBe(`similar / ${a.vsNational998}`);
    expect(row?.[VALIDATION_HEADERS.indexOf("Computed verdicts")]).toBe(`higher / ${a.vsNational998}`);
    // A NULL rate where the engine has one disagrees rather than passing unseen.
    const blank = rows.map((r, i) => (i === 3 ? [...r.slice(0, 5), null, ...r.slice(6)] : r));
    const nulled = validatePublished([{ name: "q", grid: [head, ...blank] }], results);
    expect(nulled.ok).toBe(false);
    expect(nulled.figures.filter((f) => !f.agree)).toMatchObject([
      { area: results.areas[3].area, measure: results.areas[3].measure, quantity: "rate" },
    ]);
    // A row for an area the results lack is on the published side only, and fails.
    const extra = validatePublished(
      [{ name: "q", grid: [head, ...rows, ["Q99", rows[0][1], 1, 1, 1, 1, null, null]] }],
      results,
    );
    expect(extra.ok).toBe(false);
    expect(extra.missing).toContainEqual(
      expect.objectContaining({ onlyIn: "published", what: "area", label: "Q99" }),
    );
  });
});
