// The query's description (QuerySpec) from the tables' headers, mapped exactly as `run` maps them
// (src/engine/mapping.ts: guessed headers, the user's overrides, the strata both tables share).
// Only headers are needed, plus a few rows for a wide table (its count columns hold numbers).
import { InputError } from "../engine/errors";
import { missingColumn, resolveFactors, resolveTable, type ResolvedTable } from "../engine/mapping";
import { wideMeasureColumns } from "../engine/readers";
import type { ColumnMapping, RunOptions, Table } from "../engine/types";
import { DEFAULT_MULTIPLIER } from "../engine/run";
import type { ActivityShape, QuerySpec } from "./query";

export interface DescribeOptions {
  options: RunOptions;
  /** The activity table has one row per test (SPEC §13 --records). */
  records?: boolean;
  tables?: { population?: string; activity?: string };
}

/** The column names assumed when no file is given (overridden by the column mapping). */
export const DEFAULT_COLUMNS = {
  population: {
    area: "area",
    areaName: "name",
    sex: "sex",
    age: "age_band",
    imd: "imd",
    population: "population",
  },
  activity: { area: "area", sex: "sex", age: "age_band", imd: "imd", measure: "measure", count: "count" },
  records: { area: "area", sex: "sex", age: "age", imd: "imd", measure: "measure" },
} as const;

/** A table of headers only, for a warehouse table that has no file: the defaults with the user's overrides. */
export function headerTable(defaults: Record<string, string>, override: ColumnMapping = {}): Table {
  const cols: Record<string, string> = { ...defaults };
  for (const [role, h] of Object.entries(override)) if (h) cols[role] = h;
  const headers = [...new Set(Object.values(cols))];
  return { source: { headerRow: 1, firstColumn: 1 }, headers, columns: headers.map(() => []), rowCount: 0 };
}

function column(rt: ResolvedTable, role: string): string {
  if (rt.col[role] === undefined) throw missingColumn(rt, role);
  return String(rt.table.headers[rt.col[role]]);
}

export function describeQuery(tables: { population: Table; activity: Table }, o: DescribeOptions): QuerySpec {
  const { options } = o;
  const pop = resolveTable("population", tables.population, options.mapping?.population);
  const act = resolveTable("activity", tables.activity, options.mapping?.activity);
  const factors = resolveFactors(pop, act, undefined, options.strata);
  const strataOf = (rt: ResolvedTable) => factors.map((f) => String(rt.table.headers[rt.col[f.name]]));
  let shape: ActivityShape;
  if (o.records) {
    shape = { kind: "records", measure: act.col.measure !== undefined ? column(act, "measure") : undefined };
  } else if (act.layout === "wide") {
    const cols = wideMeasureColumns(act, options);
    if (!cols.length) throw missingColumn(act, "count");
    shape = { kind: "wide", columns: cols.map((j) => String(act.table.headers[j])) };
  } else {
    shape = {
      kind: "long",
      count: column(act, "count"),
      measure: act.col.measure !== undefined ? column(act, "measure") : undefined,
    };
  }
  const k = options.multiplier ?? DEFAULT_MULTIPLIER;
  if (!(Number.isFinite(k) && k > 0))
    throw new InputError(`The multiplier must be a positive number, not ${k}.`);
  return {
    tables: { population: o.tables?.population ?? "population", activity: o.tables?.activity ?? "activity" },
    factors,
    population: {
      area: column(pop, "area"),
      name: pop.col.areaName !== undefined ? column(pop, "areaName") : undefined,
      population: column(pop, "population"),
      strata: strataOf(pop),
    },
    activity: { area: column(act, "area"), strata: strataOf(act), shape },
    multiplier: k,
  };
}
