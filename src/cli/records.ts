// `stdrates run --records FILE` (SPEC §13): record-level activity (.csv or .parquet, one row per
// test) counted by area, strata and measure in embedded DuckDB, so that memory is bounded by
// DuckDB (it spills to a temporary folder), not by the number of records. @duckdb/node-api is a
// native package: it is imported only here, on use, so that other runs never load it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { findHeader } from "../engine/headers";
import { resolveTable } from "../engine/mapping";
import type { CellValue, RunInput, RunOptions, Table } from "../engine/types";
import { UsageError } from "./args";
import { readTableFile, thousands } from "./inputs";

type DuckDb = typeof import("@duckdb/node-api");
type Connection = Awaited<ReturnType<Awaited<ReturnType<DuckDb["DuckDBInstance"]["create"]>>["connect"]>>;

/** DuckDB's memory ceiling for the aggregation; beyond it DuckDB spills to disk. */
const MEMORY_LIMIT = "1GB";

/** The count column of the aggregated table (and so the measure's name when there is no measure column). */
export const RECORDS_COUNT = "Count";

async function duckdb(): Promise<DuckDb> {
  return typeof require === "function" ? require("@duckdb/node-api") : import("@duckdb/node-api");
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The table function that reads a record file: every CSV field as text (the engine reads codes from text). */
export function recordSource(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === ".parquet") return `read_parquet(${sqlString(file)})`;
  if (ext === ".csv" || ext === ".txt" || ext === ".gz")
    return `read_csv(${sqlString(file)}, header = true, all_varchar = true)`;
  throw new UsageError(`--records must name a .csv or .parquet file (got ${file}).`);
}

/** Runs `work` on a fresh in-memory DuckDB with a memory ceiling and its own spill folder. */
export async function withDuckDb<T>(work: (c: Connection) => Promise<T>): Promise<T> {
  const { DuckDBInstance } = await duckdb();
  const spill = mkdtempSync(join(tmpdir(), "stdrates-duckdb-"));
  const db = await DuckDBInstance.create(":memory:", {
    memory_limit: MEMORY_LIMIT,
    temp_directory: spill,
    preserve_insertion_order: "false",
  });
  const c = await db.connect();
  try {
    return await work(c);
  } finally {
    c.closeSync();
    db.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}

/** Column-major Table from a DuckDB result (numbers as numbers; bigints made numbers). */
async function query(c: Connection, sql: string, file: string): Promise<Table> {
  let reader;
  try {
    reader = await c.runAndReadAll(sql);
  } catch (e) {
    throw new UsageError(`Cannot read ${file}: ${(e as Error).message.split("\n")[0]}`);
  }
  const headers = reader.columnNames();
  const columns = reader
    .getColumnsJS()
    .map((col) => col.map((v) => (typeof v === "bigint" ? Number(v) : (v as CellValue))));
  return {
    source: { file, headerRow: 1, firstColumn: 1 },
    headers,
    columns,
    rowCount: reader.currentRowCount,
  };
}

/** The first rows of a record file: enough to map its columns by their headers. */
export async function previewRecords(file: string): Promise<Table> {
  return withDuckDb((c) => query(c, `SELECT * FROM ${recordSource(file)} LIMIT 100`, file));
}

/** Single years of age 0…130 into their five-year band in DuckDB (the engine's fiveYearBand), the rest as text. */
function ageBandSql(col: string): string {
  const v = `TRY_CAST(${col} AS DOUBLE)`;
  const lo = `CAST(${v} - ${v} % 5 AS BIGINT)`;
  return `CASE WHEN ${v} BETWEEN 0 AND 130 AND ${v} = FLOOR(${v}) THEN (CASE WHEN ${v} >= 90 THEN '90+' ELSE CAST(${lo} AS VARCHAR) || '-' || CAST(${lo} + 4 AS VARCHAR) END) ELSE CAST(${col} AS VARCHAR) END`;
}

/** The columns the method uses (area, strata, measure), mapped from the headers as `run` maps them. */
function groupColumns(preview: Table, options: RunOptions): { header: string; age: boolean }[] {
  const act = resolveTable("activity", preview, options.mapping?.activity);
  const roles = ["area", "sex", "age", "imd", "measure"].filter((r) => act.col[r] !== undefined);
  const headers = roles.map((r) => ({ header: preview.headers[act.col[r]], age: r === "age" }));
  for (const s of options.strata ?? []) {
    const j = findHeader(preview.headers, s);
    if (j >= 0 && !headers.some((h) => h.header === preview.headers[j]))
      headers.push({ header: preview.headers[j], age: false });
  }
  if (headers.some((h) => h.header === RECORDS_COUNT))
    throw new UsageError(
      `The record file has a column named ${RECORDS_COUNT}: rename it, the counts go there.`,
    );
  return headers;
}

/** Counts the records of `file` by area, strata and measure: a long activity table with a Count column. */
export async function aggregateRecords(
  file: string,
  options: RunOptions,
  progress: (s: string) => void,
): Promise<Table> {
  const t0 = performance.now();
  const source = recordSource(file);
  return withDuckDb(async (c) => {
    const preview = await query(c, `SELECT * FROM ${source} LIMIT 100`, file);
    const cols = groupColumns(preview, options);
    const select = cols.map(
      (h) => `${h.age ? ageBandSql(ident(h.header)) : ident(h.header)} AS ${ident(h.header)}`,
    );
    progress(`counting the records of ${file} in DuckDB…`);
    const sql = `SELECT ${[...select, `CAST(COUNT(*) AS DOUBLE) AS ${ident(RECORDS_COUNT)}`].join(", ")} FROM ${source} GROUP BY ${cols.map((_, i) => i + 1).join(", ")} ORDER BY ${cols.map((_, i) => i + 1).join(", ")}`;
    const table = await query(c, sql, file);
    const n = table.columns[table.columns.length - 1].reduce<number>((s, v) => s + (v as number), 0);
    progress(
      `counted ${thousands(n)} records into ${thousands(table.rowCount)} rows in ${Math.round(performance.now() - t0)} ms`,
    );
    return table;
  });
}

/** The population table as `run` reads it, and the activity counted from the records. */
export async function readWithRecords(
  files: { records: string; population?: string; sheetPopulation?: string },
  options: RunOptions,
  progress: (s: string) => void,
): Promise<RunInput> {
  if (!files.population)
    throw new UsageError("--records needs --population FILE as well. See stdrates --help.");
  const population = await readTableFile(files.population, "population", files.sheetPopulation);
  const activity = await aggregateRecords(files.records, options, progress);
  return { population, activity };
}
