// SPEC §13 `stdrates run --records FILE`: record-level activity in a Parquet file written by DuckDB
// (or a CSV) gives the same figures as `run` on the aggregated table.
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import type { Results } from "../../src/engine/types";
import { runCli, tempDir, tinyData, writeCsv } from "../cli/helpers";
import { countedCase, csv, expectSameAreas, randomCase, recordsOf, runCase, tableOf } from "./support";

const dir = tempDir("stdrates-records-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** DuckDB writes a Parquet file from a CSV, with the column types it infers. */
async function toParquet(csvFile: string, parquet: string): Promise<void> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_csv('${csvFile}', header = true)) TO '${parquet}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
}

async function runRecords(
  population: string,
  records: string,
): Promise<{ results: Results; stderr: string }> {
  const json = join(dir, "results.json");
  const r = await runCli(["run", "--population", population, "--records", records, "--json", json], dir, {
    STDRATES_PROGRESS: "1",
    STDRATES_QUIET: "",
  });
  expect(r.stderr).not.toMatch(/internal error|stdrates: .*(Cannot|needs)/);
  expect(r.code).toBe(0);
  return { results: JSON.parse(readFileSync(json, "utf8")) as Results, stderr: r.stderr };
}

describe("run --records", () => {
  it("on a Parquet file of single-year records (typed by DuckDB) equals run on the counts", async () => {
    const { population, activity } = tinyData();
    // One record per test; the age band's years in turn (90+ as 90…99).
    const records: (string | number)[][] = [["ICB code", "Sex", "Age", "IMD quintile", "Measure"]];
    for (const [area, sex, band, imd, measure, count] of activity.slice(1)) {
      const lo = Number(String(band).split(/[-+]/)[0]);
      const span = String(band).endsWith("+") ? 10 : 5;
      for (let i = 0; i < Number(count); i++) records.push([area, sex, lo + (i % span), imd, measure]);
    }
    const pop = writeCsv(dir, "population.csv", population);
    const recCsv = writeCsv(dir, "records.csv", records);
    const parquet = join(dir, "records.parquet");
    await toParquet(recCsv, parquet);
    const { results, stderr } = await runRecords(pop, parquet);
    const expected = run({
      population: tableOf(population, "population.csv"),
      activity: tableOf(activity, "activity.csv"),
    });
    // Measures come in alphabetical order from the records (the aggregated table's is the file's).
    const national = (r: Results) => Object.fromEntries(r.national.map((n) => [n.measure, n.observed]));
    expect(national(results)).toEqual(national(expected));
    expect(results.national[0].observed).toBeGreaterThan(10_000);
    expectSameAreas(expected.areas, results.areas as never);
    expect(results.ratios.length).toBe(expected.ratios.length);
    // Progress on stderr: what is counted and how many records there were.
    expect(stderr).toMatch(/counted [\d,]+ records into [\d,]+ rows/);
  });

  it("on random record files (CSV and Parquet; codes in mixed spellings) equals run on the counts", async () => {
    const cases = fc
      .sample(randomCase.map(countedCase), { numRuns: 6, seed: 2026 })
      .filter((k) => runCase(k) !== undefined);
    expect(cases.length).toBeGreaterThan(3);
    for (const [i, k] of cases.entries()) {
      const pop = join(dir, `pop${i}.csv`);
      writeFileSync(pop, csv(k.population));
      const rec = join(dir, `records${i}.csv`);
      writeFileSync(rec, csv(recordsOf(k)));
      const file = i % 2 ? rec : join(dir, `records${i}.parquet`);
      if (file !== rec) await toParquet(rec, file);
      const { results } = await runRecords(pop, file);
      expectSameAreas(runCase(k)!.areas, results.areas as never);
    }
  });

  it("loads DuckDB only for --records: a run on aggregated tables never does", async () => {
    const hook = join(dir, "hook.cjs");
    writeFileSync(
      hook,
      `const M = require("module"); const load = M._load;
M._load = function (request, ...rest) { if (/duckdb/.test(request)) process.stderr.write("loaded " + request + "\\n"); return load.call(this, request, ...rest); };`,
    );
    const { population, activity } = tinyData();
    const pop = writeCsv(dir, "lazy-pop.csv", population);
    const act = writeCsv(dir, "lazy-act.csv", activity);
    const plain = await runCli(["run", "--population", pop, "--activity", act, "-q"], dir, {
      NODE_OPTIONS: `-r ${hook}`,
    });
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toMatch(/loaded .*duckdb/);
    const rec = writeCsv(dir, "lazy-records.csv", [
      ["ICB code", "Sex", "Age", "IMD quintile", "Measure"],
      ["E1", "F", 45, 1, "MRI"],
    ]);
    const records = await runCli(["run", "--population", pop, "--records", rec, "-q"], dir, {
      NODE_OPTIONS: `-r ${hook}`,
    });
    expect(records.stderr).toMatch(/loaded @duckdb\/node-api/);
  });

  it("refuses --records with --activity, and a file that is neither .csv nor .parquet", async () => {
    const bad = await runCli(
      ["run", "--population", "p.csv", "--activity", "a.csv", "--records", "r.parquet"],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--records replaces --activity/);
    writeFileSync(join(dir, "p2.csv"), csv(tinyData().population));
    const xls = await runCli(["run", "--population", "p2.csv", "--records", "r.xlsx"], dir);
    expect(xls.code).toBe(2);
    expect(xls.stderr).toMatch(/--records must name a \.csv or \.parquet file/);
  });
});
