// SPEC §13: the PostgreSQL query gives run()'s figures, on a throwaway cluster (test/sql/postgres.ts).
// Without PostgreSQL locally the tests skip; with CI set they fail instead (.ci/run installs it).
import fc from "fast-check";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/cli/inputs";
import { run } from "../../src/engine";
import { tempDir } from "../cli/helpers";
import { type Cluster, loadCsvScript, postgresAvailable, startCluster } from "./postgres";
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

if (!postgresAvailable)
  console.warn("PostgreSQL (initdb, pg_ctl, psql) not found: the PostgreSQL tests are skipped.");

describe.skipIf(!postgresAvailable)("the PostgreSQL query", () => {
  let pg: Cluster;
  const dir = tempDir("stdrates-pg-data-");
  beforeAll(() => {
    pg = startCluster();
  });
  afterAll(() => {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("equals run() over the sample tables (numeric population, count and IMD columns)", async () => {
    const input = await readInputs(SAMPLE);
    const typed = { "IMD quintile": "INTEGER", Population: "DOUBLE PRECISION", Count: "BIGINT" };
    const rows = pg.psql(
      loadCsvScript("population", SAMPLE.population, input.population.headers, typed) +
        loadCsvScript("activity", SAMPLE.activity, input.activity.headers, typed) +
        queryFor("postgres", input) +
        ";\n",
    );
    const results = run(input);
    expect(rows.length).toBe(42 * 14);
    expectSameAreas(results.areas, rows);
  });

  it("equals run() over random tables (text columns), and with --records over one row per test", () => {
    let compared = 0;
    fc.assert(
      fc.property(randomCase, (k) => {
        const results = runCase(k);
        if (!results) return;
        const pop = join(dir, "population.csv");
        const act = join(dir, "activity.csv");
        writeFileSync(pop, csv(k.population));
        writeFileSync(act, csv(k.activity));
        const tables = { population: tableOf(k.population, "p.csv"), activity: tableOf(k.activity, "a.csv") };
        const rows = pg.psql(
          loadCsvScript("population", pop, k.population[0] as string[]) +
            loadCsvScript("activity", act, k.activity[0] as string[]) +
            queryFor("postgres", tables) +
            ";\n",
        );
        expectSameAreas(results.areas, rows);
        // The same case as records (zero counts leave none), counted by the query.
        const counted = countedCase(k);
        const expected = runCase(counted);
        if (expected) {
          const records = recordsOf(counted);
          writeFileSync(act, csv(records));
          const recTables = {
            population: tables.population,
            activity: tableOf(records.slice(0, 50), "r.csv"),
          };
          const recRows = pg.psql(
            loadCsvScript("activity", act, records[0] as string[]) +
              queryFor("postgres", recTables, true) +
              ";\n",
          );
          expectSameAreas(expected.areas, recRows);
        }
        compared++;
      }),
      { numRuns: 30, seed: 15 },
    );
    expect(compared).toBeGreaterThan(20);
  });
});
