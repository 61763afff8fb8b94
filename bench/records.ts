// SPEC §13 at 10 million records: `stdrates run --records` on a Parquet file that DuckDB writes
// (records per second, peak memory against the 2 GB target), and the generated `sql --records`
// query on DuckDB over the same file, beside its peer: DuckDB's own plain GROUP BY count of it.
import { DuckDBInstance } from "@duckdb/node-api";
import { join } from "node:path";
import { describeQuery } from "../src/sql/describe";
import { DIALECTS } from "../src/sql/dialect";
import { buildQuery } from "../src/sql/query";
import { readCsv } from "../src/workbook/csv";
import { readFileSync } from "node:fs";

export const RECORDS = 10_000_000;
const MAX_MB = 2048;

interface ProcessRun {
  wall: number;
  maxRssMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function recordsBench(o: {
  root: string;
  dir: string;
  quick: boolean;
  spawnRun: (args: string[]) => Promise<ProcessRun>;
}): Promise<string[]> {
  const pop = join(o.root, "assets", "sample", "population.csv");
  const act = join(o.root, "assets", "sample", "activity.csv");
  const parquet = join(o.dir, "records.parquet");
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  // Ten million tests over the sample's areas and measures: sex, single years 0–99 and quintiles by hash.
  process.stderr.write(`bench: writing ${RECORDS.toLocaleString("en-GB")} records to Parquet with DuckDB…\n`);
  await c.run(`COPY (
    WITH a AS (SELECT list(DISTINCT "ICB code" ORDER BY "ICB code") AS codes FROM read_csv(${lit(pop)}, header = true)),
         m AS (SELECT list(DISTINCT "Measure" ORDER BY "Measure") AS names FROM read_csv(${lit(act)}, header = true))
    SELECT a.codes[1 + CAST(hash(i) % len(a.codes) AS INTEGER)] AS "ICB code",
           CASE WHEN hash(i + 1) % 2 = 0 THEN 'Female' ELSE 'Male' END AS "Sex",
           CAST(hash(i + 2) % 100 AS INTEGER) AS "Age",
           CAST(1 + hash(i + 3) % 5 AS INTEGER) AS "IMD quintile",
           m.names[1 + CAST(hash(i + 4) % len(m.names) AS INTEGER)] AS "Measure"
    FROM range(${RECORDS}) t(i), a, m
  ) TO ${lit(parquet)} (FORMAT parquet)`);

  const runs: ProcessRun[] = [];
  for (let i = 0; i < (o.quick ? 1 : 3); i++) {
    runs.push(
      await o.spawnRun([
        "run",
        "--population",
        pop,
        "--records",
        parquet,
        "--json",
        join(o.dir, "records.json"),
        "-q",
      ]),
    );
  }
  const wall = median(runs.map((r) => r.wall));
  const rss = Math.max(...runs.map((r) => r.maxRssMb));

  // The query on DuckDB over the same file, and its peer: a plain GROUP BY count of the records.
  await c.run(`CREATE OR REPLACE TABLE population AS SELECT * FROM read_csv(${lit(pop)}, header = true)`);
  await c.run(`CREATE OR REPLACE VIEW activity AS SELECT * FROM read_parquet(${lit(parquet)})`);
  const tables = {
    population: readCsv(readFileSync(pop, "utf8"), "population.csv"),
    activity: {
      source: { headerRow: 1, firstColumn: 1 },
      headers: ["ICB code", "Sex", "Age", "IMD quintile", "Measure"],
      columns: [[], [], [], [], []],
      rowCount: 0,
    },
  };
  const sql = buildQuery(DIALECTS.duckdb, describeQuery(tables, { options: {}, records: true }));
  const peer = `SELECT "ICB code", "Sex", "Age", "IMD quintile", "Measure", COUNT(*) FROM activity GROUP BY ALL`;
  const timeIt = async (q: string) => {
    const ts: number[] = [];
    for (let i = 0; i < (o.quick ? 1 : 3); i++) {
      const t0 = performance.now();
      await c.runAndReadAll(q);
      ts.push(performance.now() - t0);
    }
    return median(ts);
  };
  const queryMs = await timeIt(sql);
  const peerMs = await timeIt(peer);
  c.closeSync();
  db.closeSync();
  return [
    `records: run --records on ${RECORDS.toLocaleString("en-GB")} Parquet records — ${wall.toFixed(0)} ms wall, ${Math.round(RECORDS / (wall / 1000)).toLocaleString("en-GB")} records/s, peak ${rss.toFixed(0)} MB (target < ${MAX_MB} MB: ${rss < MAX_MB ? "MET" : "NOT MET"})`,
    `records: sql --records query on DuckDB over the same file — ${queryMs.toFixed(0)} ms; DuckDB's plain GROUP BY count of it ${peerMs.toFixed(0)} ms (query ${(queryMs / peerMs).toFixed(2)}× the peer)`,
  ];
}
