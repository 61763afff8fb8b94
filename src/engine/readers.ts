// Column readers and messages shared by the cube builders (SPEC §1): area columns, wide measure
// columns, row strata, and the InputErrors that name file, sheet, row and column.
import { areaKey, parseArea } from "./codes";
import * as cells from "./cells";
import { describeLocation, InputError } from "./errors";
import { isTotalStratum } from "./tally";
import * as lv from "./levels";
import { missingColumn, type FactorSpec, type ResolvedTable, type TableRole } from "./mapping";
import type { AreaInfo, CellValue, RunOptions } from "./types";

const { describeCell, NUM_ERROR, NUM_NEGATIVE, NUM_OK, readNumber } = cells;
const { CODE_ERROR, CODE_MISSING, CODE_TOTAL, CODE_UNKNOWN, readColumnCodes } = lv;

/** Content hashes of a table's columns, by column index, as far as they were computed while reading. */
export type ColumnHashes = (number | undefined)[];

const BUILTIN_FACTORS = ["sex", "age", "imd"];

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Stratum index of each row; negative = -1 - (factor·4 + why), why 0 missing, 1 unreadable, 2 Excel error, 3 total. */
export function rowStrata(
  codes: Int32Array[],
  finals: { remap: Int32Array }[],
  strides: number[],
  n: number,
): Int32Array {
  const out = new Int32Array(n);
  // One factor at a time over typed arrays: tight loops with no per-row property lookups.
  for (let k = 0; k < codes.length; k++) {
    const c = codes[k];
    const remap = finals[k].remap;
    const stride = strides[k];
    const bad = k * 4;
    for (let i = 0; i < n; i++) {
      const s = out[i];
      if (s < 0) continue;
      const v = c[i];
      out[i] = v >= 0 ? s + remap[v] * stride : -1 - (bad - 1 - v);
    }
  }
  return out;
}

export function readPopulationAreas(
  pop: ResolvedTable,
  index: Map<string, number>,
  areas: AreaInfo[],
  excludeInvalid: boolean,
  hashes: ColumnHashes,
): Int32Array {
  const n = pop.table.rowCount;
  const out = new Int32Array(n);
  const j = pop.col.area;
  hashes[j] = readColumnCodes(
    pop.table.columns[j],
    n,
    (v, i) => {
      if (v !== null && typeof v === "object") {
        if (!excludeInvalid) throw cellError(pop, i, j, "an area code");
        return CODE_ERROR;
      }
      const r = parseArea(v);
      if (!r.ok) return r.total ? CODE_TOTAL : CODE_MISSING;
      const key = areaKey(r.value);
      let a = index.get(key);
      if (a === undefined) {
        a = areas.length;
        index.set(key, a);
        areas.push({ area: r.value, name: null, region: null });
      }
      return a;
    },
    out,
  );
  // The first name and region given for each area.
  for (const [role, key] of [
    ["areaName", "name"],
    ["region", "region"],
  ] as const) {
    if (pop.col[role] === undefined) continue;
    const col = pop.table.columns[pop.col[role]];
    for (let i = 0; i < n; i++) {
      const a = out[i];
      if (a >= 0 && areas[a][key] === null) areas[a][key] = textOf(col[i]);
    }
  }
  return out;
}

/**
 * Areas in the order of their first data row: a totals row (a "Persons" or "65+" row, say) that
 * comes first does not move its area up (SPEC §1b: totals rows change nothing). Renumbers in place.
 */
export function orderAreas(
  popArea: Int32Array,
  popStrata: Int32Array,
  areas: AreaInfo[],
  index: Map<string, number>,
): void {
  const rank = new Int32Array(areas.length).fill(-1);
  let next = 0;
  for (let i = 0; i < popArea.length && next < areas.length; i++) {
    const a = popArea[i];
    if (a >= 0 && rank[a] < 0 && !isTotalStratum(popStrata[i])) rank[a] = next++;
  }
  for (let a = 0; a < areas.length; a++) if (rank[a] < 0) rank[a] = next++;
  let moved = false;
  for (let a = 0; a < areas.length; a++) moved ||= rank[a] !== a;
  if (!moved) return;
  const old = areas.slice();
  for (let a = 0; a < old.length; a++) areas[rank[a]] = old[a];
  for (let i = 0; i < popArea.length; i++) if (popArea[i] >= 0) popArea[i] = rank[popArea[i]];
  for (const [k, a] of index) index.set(k, rank[a]);
}

function textOf(v: CellValue | undefined): string | null {
  if (v === null || v === undefined || typeof v === "object") return null;
  const t = String(v).trim();
  return t === "" ? null : t;
}

export function readActivityAreas(
  act: ResolvedTable,
  index: Map<string, number>,
  excludeInvalid: boolean,
  hashes: ColumnHashes,
): Int32Array {
  const n = act.table.rowCount;
  const out = new Int32Array(n);
  const j = act.col.area;
  hashes[j] = readColumnCodes(
    act.table.columns[j],
    n,
    (v, i) => {
      if (v !== null && typeof v === "object") {
        if (!excludeInvalid) throw cellError(act, i, j, "an area code");
        return CODE_ERROR;
      }
      const r = parseArea(v);
      if (!r.ok) return r.total ? CODE_TOTAL : CODE_MISSING;
      return index.get(areaKey(r.value)) ?? CODE_UNKNOWN;
    },
    out,
  );
  return out;
}

/** Wide activity: the user's measure columns, or every other column whose first filled cell is a number. */
export function wideMeasureColumns(act: ResolvedTable, options: RunOptions): number[] {
  const headers = act.table.headers.map((h) => String(h ?? ""));
  if (options.measureColumns && options.measureColumns.length) {
    return options.measureColumns.map((name) => {
      const j = headers.findIndex((h) => h.trim() === name.trim());
      if (j < 0) throw missingColumn(act, `"${name}"`);
      return j;
    });
  }
  const used = new Set(Object.values(act.col));
  const out: number[] = [];
  for (let j = 0; j < headers.length; j++) {
    if (used.has(j) || headers[j].trim() === "") continue;
    const c = act.table.columns[j];
    let first: CellValue | undefined = null;
    for (let i = 0; i < act.table.rowCount && (first === null || first === undefined || first === ""); i++)
      first = c[i];
    if (typeof first === "number" || (typeof first === "string" && readNumber(first) === NUM_OK)) out.push(j);
  }
  return out;
}

/** Recognised stratum-like columns that are not strata (the table is summed over them). */
export function extraFactorColumns(rt: ResolvedTable, factors: FactorSpec[]): string[] {
  return BUILTIN_FACTORS.filter((f) => rt.col[f] !== undefined && !factors.some((x) => x.name === f)).map(
    (f) => rt.mapping[f],
  );
}

export function unusedColumns(rt: ResolvedTable, factors: FactorSpec[], measureCols: number[]): string[] {
  const used = new Set<number>();
  const roles = [
    "area",
    "areaName",
    "region",
    "population",
    "count",
    "measure",
    ...factors.map((f) => f.name),
  ];
  for (const r of roles) if (rt.col[r] !== undefined) used.add(rt.col[r]);
  if (rt.role === "activity") for (const j of measureCols) used.add(j);
  return rt.table.headers
    .map((h, j) => ({ h: String(h ?? "").trim(), j }))
    .filter(
      ({ h, j }) =>
        h !== "" && !used.has(j) && !extraFactorColumns(rt, factors).includes(String(rt.table.headers[j])),
    )
    .map(({ h }) => h);
}

export function sheetRows(rt: ResolvedTable, rows: number[]): number[] {
  return rows.slice(0, 10).map((i) => rt.table.source.headerRow + 1 + i);
}

/** Where data row i, column j of a table sits on its sheet, for an InputError. */
export function cellLocation(rt: ResolvedTable, i: number, j: number) {
  return {
    table: rt.role as TableRole,
    source: rt.table.source,
    row: rt.table.source.headerRow + 1 + i,
    column: rt.table.source.firstColumn + j,
  };
}

export function cellError(rt: ResolvedTable, i: number, j: number, what: string): InputError {
  const loc = cellLocation(rt, i, j);
  const v = rt.table.columns[j][i];
  return new InputError(
    `${describeLocation(loc, String(rt.table.headers[j]))}: ${describeCell(v)} where ${what} is expected (${rt.role} table). Fix the cell or the formula behind it.`,
    loc,
  );
}

export function numberError(
  rt: ResolvedTable,
  i: number,
  j: number,
  v: CellValue | undefined,
  status: number,
): InputError {
  const loc = cellLocation(rt, i, j);
  const what =
    rt.role === "population" || (rt.role === "reference" && j === rt.col.population) ? "population" : "count";
  const why =
    status === NUM_NEGATIVE
      ? `the negative number ${String(v).trim()}: a ${what} must be 0 or more`
      : status === NUM_ERROR
        ? `${describeCell(v)}: a ${what} must be a number. Fix the cell or the formula behind it`
        : `${describeCell(v)}: a ${what} must be a number`;
  return new InputError(
    `${describeLocation(loc, String(rt.table.headers[j]))}: ${why} (${rt.role} table).`,
    loc,
  );
}
