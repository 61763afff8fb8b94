// SPEC §13: the generated DuckDB query over the sample tables and over random tables equals run().
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/cli/inputs";
import { run } from "../../src/engine";
import { csv, expectSameAreas, queryFor, randomCase, runCase, SAMPLE, tableOf } from "./support";

type Conn = Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;
let db: Awaited<ReturnType<typeof DuckDBInstance.create>>;
let c: Conn;
const dir = mkdtempSync(join(tmpdir(), "stdrates-duckdb-test-"));

beforeAll(async () => {
  db = await DuckDBInstance.create(":memory:");
  c = await db.connect();
});
afterAll(() => {
  c.closeSync();
  db.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function rowsOf(sql: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJS();
}

describe("the DuckDB query", () => {
  it("equals run() over the sample tables (typed columns, as DuckDB reads the CSVs)", async () => {
    const input = await readInputs(SAMPLE);
    await c.run(`CREATE OR REPLACE TABLE population AS SELECT * FROM read_csv(${lit(SAMPLE.population)}, header = true)`);
    await c.run(`CREATE OR REPLACE TABLE activity AS SELECT * FROM read_csv(${lit(SAMPLE.activity)}, header = true)`);
    const rows = await rowsOf(queryFor("duckdb", input));
    const results = run(input);
    expect(results.areas.length).toBe(42 * 14);
    expectSameAreas(results.areas, rows);
    // The sample's verdicts are not all alike, so they are really compared.
    expect(new Set(rows.map((r) => r.vsNational95)).size).toBe(3);
  });

  it("equals run() over random tables: mixed spellings, missing codes, unknown areas, duplicates, gaps", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(randomCase, async (k) => {
        const results = runCase(k);
        if (!results) return;
        const pop = join(dir, "population.csv");
        const act = join(dir, "activity.csv");
        writeFileSync(pop, csv(k.population));
        writeFileSync(act, csv(k.activity));
        // Text columns, as a warehouse extract often has them.
        const load = (t: string, f: string) =>
          c.run(`CREATE OR REPLACE TABLE ${t} AS SELECT * FROM read_csv(${lit(f)}, header = true, all_varchar = true)`);
        await load("population", pop);
        await load("activity", act);
        const tables = { population: tableOf(k.population, "population.csv"), activity: tableOf(k.activity, "activity.csv") };
        expectSameAreas(results.areas, await rowsOf(queryFor("duckdb", tables)));
        compared++;
      }),
      { numRuns: 60, seed: 14 },
    );
    expect(compared).toBeGreaterThan(40);
  });
});
