// `stdrates sql --dialect spark|duckdb|postgres`: prints the method as one SQL query (src/sql).
// Given the same files as `run`, it reads only their headers (and a few rows of a wide table) and
// maps columns exactly as `run` does; without files it assumes the default column names.
import { closeSync, openSync, readSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import type { Table } from "../engine/types";
import { DEFAULT_COLUMNS, describeQuery, headerTable } from "../sql/describe";
import { dialectOf } from "../sql/dialect";
import { buildQuery } from "../sql/query";
import { readCsv } from "../workbook/csv";
import { parseCommandLine, splitOwnOptions, UsageError } from "./args";
import { decodeText, readTableFile } from "./inputs";
import type { Io } from "./io";

export const SQL_HELP = `
The method as SQL for a warehouse (Spark/Databricks, DuckDB, PostgreSQL), one row per area × measure
with the SPEC §9 areas fields, equal to \`stdrates run\` (see docs/WAREHOUSE.md):
  stdrates sql --dialect spark|duckdb|postgres [--population FILE --activity FILE] [--records [FILE]]
               [--population-table NAME] [--activity-table NAME] [--out QUERY.sql] [method options]
  --dialect NAME             spark, duckdb or postgres
  --population FILE, --activity FILE
                             files shaped like the warehouse tables: only their headers are read, and
                             columns are mapped as run maps them (default names: area, name, sex,
                             age_band, imd, population | measure, count; records: age)
  --records [FILE]           the activity table has one row per test (no count column); FILE gives its headers
  --population-table NAME    the population table's name in the warehouse (default population)
  --activity-table NAME      the activity table's name (default activity)
  --out QUERY.sql            write the query there instead of stdout
`;

/** Options only `sql` has; the rest are `run`'s (strata, multiplier, column mapping). */
const OWN = ["dialect", "population-table", "activity-table", "out", "records"] as const;

/** The header and first rows of a CSV (64 KB at most), or the whole table of a workbook. */
async function headersOf(file: string, role: "population" | "activity", sheet?: string): Promise<Table> {
  if (extname(file).toLowerCase() !== ".csv") return readTableFile(file, role, sheet);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return readTableFile(file, role, sheet); // its one-line error
  }
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  let text = decodeText(buf.subarray(0, n));
  if (n === buf.length) text = text.slice(0, text.lastIndexOf("\n") + 1);
  return readCsv(text, file);
}

/** DuckDB reads a Parquet file's headers; it is loaded only then. */
async function recordsModule(): Promise<typeof import("./records")> {
  return typeof require === "function" ? require("./records") : import("./records");
}

export async function sqlCommand(argv: string[], io: Io): Promise<number> {
  // --records takes an optional FILE (its headers); the others need a value.
  const { own, rest } = splitOwnOptions(argv, OWN, ["records"]);
  if (!own.dialect) throw new UsageError("stdrates sql needs --dialect spark, duckdb or postgres.");
  let dialect;
  try {
    dialect = dialectOf(own.dialect);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const cmd = parseCommandLine(["run", ...rest]);
  if (cmd.workbook)
    throw new UsageError("stdrates sql takes --population FILE and --activity FILE, not a workbook.");
  // Options of run that the query cannot honour: refused, never silently dropped.
  const unsupported = [
    [cmd.reference, "--reference (an external standard)"],
    [cmd.scenario, "--scenario"],
    [cmd.options.excludeInvalidRows, "--exclude-invalid"],
    [cmd.json, "--json"],
    [cmd.inPlaceCopy || undefined, "--in-place-copy"],
  ].filter(([v]) => v !== undefined && v !== false);
  if (unsupported.length)
    throw new UsageError(`stdrates sql does not take ${unsupported.map(([, n]) => n).join(", ")}.`);
  const records = own.records !== undefined;
  const activityFile = own.records || cmd.activity;
  if (own.records && cmd.activity)
    throw new UsageError("Give the record file's headers once: --records FILE or --activity FILE.");
  const mapping = cmd.options.mapping ?? {};
  const population = cmd.population
    ? await headersOf(cmd.population, "population", cmd.sheetPopulation)
    : headerTable(DEFAULT_COLUMNS.population, mapping.population);
  let activity: Table;
  if (!activityFile)
    activity = headerTable(records ? DEFAULT_COLUMNS.records : DEFAULT_COLUMNS.activity, mapping.activity);
  else if (extname(activityFile).toLowerCase() === ".parquet")
    activity = await (await recordsModule()).previewRecords(activityFile);
  else activity = await headersOf(activityFile, "activity", cmd.sheetActivity);
  const spec = describeQuery(
    { population, activity },
    {
      options: cmd.options,
      records,
      tables: { population: own["population-table"], activity: own["activity-table"] },
    },
  );
  const sql = buildQuery(dialect, spec) + ";\n";
  if (own.out) {
    try {
      writeFileSync(own.out, sql);
    } catch (e) {
      throw new UsageError(`Cannot write ${own.out}: ${(e as Error).message}.`);
    }
  } else io.out(sql);
  return 0;
}
