// SPEC §13: the Spark-dialect query in pyspark, local[2], over the sample tables read with
// spark.read.csv(header=True, inferSchema=True) and over random tables, equals run() to 1e-9.
// One Spark session runs every case (test/sql/spark_run.py): starting Spark takes most of the time.
import { execFileSync, spawnSync } from "node:child_process";
import fc from "fast-check";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/cli/inputs";
import { run } from "../../src/engine";
import type { AreaResult } from "../../src/engine/types";
import { tempDir } from "../cli/helpers";
import {
  countedCase,
  csv,
  expectSameAreas,
  queryFor,
  randomCase,
  recordsOf,
  runCase,
  SAMPLE,
  tableOf,
} from "./support";

const hasSpark =
  spawnSync("python3", ["-c", "import pyspark"]).status === 0 && spawnSync("java", ["-version"]).status === 0;
if (!hasSpark && process.env.CI) throw new Error("CI must have Java and pyspark: .ci/run installs pyspark.");

const dir = tempDir("stdrates-spark-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SparkCase {
  population: string;
  activity: string;
  sql: string;
  out: string;
  expected: AreaResult[];
  label: string;
}

describe.skipIf(!hasSpark)("the Spark query in local[2]", () => {
  it("equals run() over the sample tables and over random tables (counts and records)", async () => {
    const cases: SparkCase[] = [];
    const input = await readInputs(SAMPLE);
    cases.push({
      ...SAMPLE,
      sql: queryFor("spark", input),
      out: join(dir, "sample.json"),
      expected: run(input).areas,
      label: "sample",
    });
    const randoms = fc.sample(randomCase, { numRuns: 5, seed: 16 });
    randoms.forEach((k, i) => {
      const results = runCase(k);
      if (!results) return;
      const population = join(dir, `pop${i}.csv`);
      const activity = join(dir, `act${i}.csv`);
      writeFileSync(population, csv(k.population));
      writeFileSync(activity, csv(k.activity));
      const tables = { population: tableOf(k.population, "p.csv"), activity: tableOf(k.activity, "a.csv") };
      cases.push({
        population,
        activity,
        sql: queryFor("spark", tables),
        out: join(dir, `out${i}.json`),
        expected: results.areas,
        label: `random ${i}`,
      });
      const counted = countedCase(k);
      const expected = runCase(counted);
      if (!expected) return;
      const records = recordsOf(counted);
      const rec = join(dir, `rec${i}.csv`);
      writeFileSync(rec, csv(records));
      const recTables = { population: tables.population, activity: tableOf(records.slice(0, 50), "r.csv") };
      cases.push({
        population,
        activity: rec,
        sql: queryFor("spark", recTables, true),
        out: join(dir, `rec${i}.json`),
        expected: expected.areas,
        label: `records ${i}`,
      });
    });
    expect(cases.length).toBeGreaterThan(6);
    const manifest = join(dir, "cases.json");
    writeFileSync(
      manifest,
      JSON.stringify(cases.map(({ population, activity, sql, out }) => ({ population, activity, sql, out }))),
    );
    execFileSync("python3", [join(import.meta.dirname, "spark_run.py"), manifest], {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 1_100_000,
    });
    for (const c of cases) {
      const rows = JSON.parse(readFileSync(c.out, "utf8")) as Record<string, unknown>[];
      expectSameAreas(c.expected, rows);
    }
  });
});
