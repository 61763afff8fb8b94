// SPEC §1 + §3 (exclusions): builds dense cubes from column-major tables.
//   pop[a·S + s]            population, area × stratum
//   obs[(m·A + a)·S + s]    activity, measure × area × stratum (s innermost: the E sum runs over it)
// Every row is either added to a cube or excluded with a reason; bad numbers are InputErrors.
import { parseArea } from "./codes";
import * as cells from "./cells";
import { describeLocation, InputError } from "./errors";
import * as hashing from "./hash";
import * as lv from "./levels";
import {
  measureFilter,
  missingColumn,
  resolveFactors,
  resolveTable,
  tableLabel,
  type FactorSpec,
  type ResolvedTable,
  type TableRole,
} from "./mapping";
import * as tl from "./tally";
import { Warnings } from "./warnings";
import type { AreaInfo, CellValue, Exclusions, RunInput, RunOptions, RunWarning, TableSummary } from "./types";

export interface Cube {
  factors: FactorSpec[];
  levels: string[][];
  /** Stride of each factor in the stratum index (last factor fastest). */
  strides: number[];
  S: number;
  areas: AreaInfo[];
  A: number;
  measures: string[];
  M: number;
  pop: Float64Array;
  obs: Float64Array;
  /** External standard, per measure × stratum (a standard without a measure column is repeated). */
  refCount?: Float64Array;
  refPop?: Float64Array;
  layout: "long" | "wide";
  exclusions: Exclusions;
  warnings: RunWarning[];
  tables: TableSummary[];
}

const BUILTIN_FACTORS = ["sex", "age", "imd"];

// Imported bindings are property getters once bundled; hot loops read these module constants instead.
const { describeCell, NUM_BLANK, NUM_ERROR, NUM_NEGATIVE, NUM_OK, numRead, readNumber } = cells;
const { CODE_ERROR, CODE_MISSING, CODE_UNKNOWN, LevelRegistry, readColumnCodes, readFactorColumn } = lv;
const { cellHash, fold, FNV_OFFSET, numberHash, tableHash } = hashing;

/** Content hashes of a table's columns, by column index, as far as they were computed while reading. */
type ColumnHashes = (number | undefined)[];
const { ExclusionTally, isErrorStratum, R_INVALID, R_MISSING_AREA, R_MISSING_STRATUM, R_UNKNOWN_AREA, R_ZERO_POP, strataReason } = tl;

export function buildCube(input: RunInput, options: RunOptions = {}): Cube {
  const excludeInvalid = options.excludeInvalidRows === true;
  const warnings = new Warnings();
  const pop = resolveTable("population", input.population, options.mapping?.population);
  const act = resolveTable("activity", input.activity, options.mapping?.activity);
  const ref = input.reference ? resolveTable("reference", input.reference, options.mapping?.reference) : undefined;
  const all = ref ? [pop, act, ref] : [pop, act];

  // Required columns, then non-empty tables.
  if (pop.col.area === undefined) throw missingColumn(pop, "area");
  if (pop.col.population === undefined) throw missingColumn(pop, "population");
  if (act.col.area === undefined) throw missingColumn(act, "area");
  if (ref && ref.col.count === undefined) throw missingColumn(ref, "count");
  if (ref && ref.col.population === undefined) throw missingColumn(ref, "population");
  const measureCols = act.layout === "long" ? [] : wideMeasureColumns(act, options);
  if (act.layout === "long" && act.col.count === undefined) throw missingColumn(act, "count");
  if (act.layout === "wide" && measureCols.length === 0) throw missingColumn(act, "count");
  for (const rt of all) {
    if (rt.table.rowCount <= 0) {
      throw new InputError(`${cap(tableLabel(rt.role, rt.table))} is empty: no data rows below the header.`, {
        table: rt.role,
        source: rt.table.source,
        row: rt.table.source.headerRow + 1,
      });
    }
  }

  const factors = resolveFactors(pop, act, ref, options.strata);

  // Stratum codes, parsed once per distinct value; Excel errors stop here unless rows may be excluded.
  const regs = factors.map((f) => new LevelRegistry(f));
  // Column hashes computed while reading (hash.ts); the rest are hashed at the end.
  const colHashes = new Map<ResolvedTable, ColumnHashes>(all.map((rt) => [rt, []]));
  const hashesOf = (rt: ResolvedTable) => colHashes.get(rt)!;
  const rowCodes = new Map<ResolvedTable, Int32Array[]>();
  for (const rt of all) {
    const codes = factors.map((f, k) => {
      const out = new Int32Array(rt.table.rowCount);
      const j = rt.col[f.name];
      const { firstError, hash } = readFactorColumn(rt.table.columns[j], rt.table.rowCount, regs[k], out);
      if (firstError >= 0 && !excludeInvalid) throw cellError(rt, firstError, j, "a stratum value");
      hashesOf(rt)[j] = hash;
      return out;
    });
    rowCodes.set(rt, codes);
  }
  const finals = regs.map((r) => r.finalise());
  const levels = finals.map((f) => f.levels);
  const strides = new Array<number>(factors.length);
  let S = 1;
  for (let k = factors.length - 1; k >= 0; k--) {
    strides[k] = S;
    S *= Math.max(1, levels[k].length);
  }
  const strataOf = (rt: ResolvedTable) => rowStrata(rowCodes.get(rt)!, finals, strides, rt.table.rowCount);

  // Areas: the population table's, in table order, with the first name and region given.
  const areaIndex = new Map<string, number>();
  const areas: AreaInfo[] = [];
  const popArea = readPopulationAreas(pop, areaIndex, areas, excludeInvalid, hashesOf(pop));
  const A = areas.length;

  // Population cube.
  const popCube = new Float64Array(A * S);
  const popStrata = strataOf(pop);
  let populationRows = 0;
  {
    const seen = new Uint8Array(A * S);
    const col = pop.table.columns[pop.col.population];
    const dup: number[] = [];
    const blank: number[] = [];
    const invalid: number[] = [];
    const dropped: number[] = [];
    const n = pop.table.rowCount;
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      h = fold(h, typeof v === "number" ? numberHash(v) : cellHash(v));
      const st = readNumber(v);
      let x = numRead[0];
      if (st !== NUM_OK) {
        if (st === NUM_BLANK) blank.push(i);
        else if (!excludeInvalid) throw numberError(pop, i, pop.col.population, col[i], st);
        else {
          invalid.push(i);
          populationRows++;
          continue;
        }
        x = 0;
      }
      const a = popArea[i];
      const s = popStrata[i];
      if (a < 0 || s < 0) {
        if (a === CODE_ERROR || isErrorStratum(s)) invalid.push(i);
        else dropped.push(i);
        populationRows++;
        continue;
      }
      const idx = a * S + s;
      if (seen[idx]) dup.push(i);
      seen[idx] = 1;
      popCube[idx] += x;
    }
    hashesOf(pop)[pop.col.population] = h;
    warnings.blank(pop, blank);
    warnings.invalid(pop, invalid);
    if (dropped.length) {
      warnings.add({
        kind: "other",
        table: "population",
        message: `${dropped.length} population row${dropped.length === 1 ? "" : "s"} with a missing or unreadable area or stratum value ${dropped.length === 1 ? "was" : "were"} left out.`,
        count: dropped.length,
        rows: sheetRows(pop, dropped),
      });
    }
    const summedOver = extraFactorColumns(pop, factors);
    if (summedOver.length) {
      warnings.add({
        kind: "other",
        table: "population",
        message: `Population rows were added up over ${summedOver.join(", ")}, which ${summedOver.length === 1 ? "is" : "are"} not a stratum here.`,
      });
    } else warnings.duplicates(pop, dup);
  }

  // Measures.
  const filter = measureFilter(options);
  const measures: string[] = [];
  const measureIndex = new Map<string, number>();
  const addMeasure = (name: string) => {
    let m = measureIndex.get(name);
    if (m === undefined) {
      m = measures.length;
      measureIndex.set(name, m);
      measures.push(name);
    }
    return m;
  };
  if (filter) for (const m of options.measures!) addMeasure(m);
  const IGNORED = -2;
  let rowMeasure: Int32Array | undefined; // long layout: measure of each row (-1 blank, -2 not wanted)
  if (act.layout === "long") {
    rowMeasure = new Int32Array(act.table.rowCount);
    if (act.col.measure === undefined) {
      const name = act.mapping.count;
      const m = !filter || filter.has(name) ? addMeasure(name) : IGNORED;
      rowMeasure.fill(m);
    } else {
      const j = act.col.measure;
      hashesOf(act)[j] = readColumnCodes(
        act.table.columns[j],
        act.table.rowCount,
        (v, i) => {
          if (v !== null && typeof v === "object") {
            if (!excludeInvalid) throw cellError(act, i, j, "a measure name");
            return -1;
          }
          const name = v === null ? "" : String(v).trim();
          return name === "" ? -1 : !filter || filter.has(name) ? addMeasure(name) : IGNORED;
        },
        rowMeasure,
      );
    }
  } else {
    for (const j of measureCols) {
      const name = String(act.table.headers[j]).trim();
      if (!filter || filter.has(name)) addMeasure(name);
    }
  }
  if (filter) {
    const read = new Set<string>();
    if (act.layout === "long") {
      if (act.col.measure === undefined) read.add(act.mapping.count);
      else for (const v of new Set(act.table.columns[act.col.measure])) read.add(String(v ?? "").trim());
    } else for (const j of measureCols) read.add(String(act.table.headers[j]).trim());
    const absent = options.measures!.filter((m) => !read.has(m));
    if (absent.length) {
      throw new InputError(
        `${cap(tableLabel("activity", act.table))}: no activity for the measure${absent.length > 1 ? "s" : ""} ${absent.join(", ")}.`,
        { table: "activity", source: act.table.source },
      );
    }
  }
  const M = measures.length;
  if (M === 0) {
    throw new InputError(`${cap(tableLabel("activity", act.table))}: no measure to compute.`, {
      table: "activity",
      source: act.table.source,
    });
  }

  // Activity cube.
  const actArea = readActivityAreas(act, areaIndex, excludeInvalid, hashesOf(act));
  const actStrata = strataOf(act);
  const obs = new Float64Array(M * A * S);
  const cellRows = new Uint32Array(M * A * S);
  const tally = new ExclusionTally(M);
  const totalByArea = new Float64Array(A);
  const areaKey = (i: number) => {
    const a = actArea[i];
    if (a >= 0) return areas[a].area;
    const r = parseArea(act.table.columns[act.col.area][i] ?? null);
    return r.ok ? r.value : "(blank)";
  };
  const areaNameOf = (i: number) => (actArea[i] >= 0 ? areas[actArea[i]].name : null);
  let includedRows = 0;
  {
    const seen = new Uint8Array(M * A * S);
    const dup: number[] = [];
    const blank: number[] = [];
    const frac: number[] = [];
    const invalid: number[] = [];
    const n = act.table.rowCount;
    const reasonOf = (i: number, m: number): number => {
      const a = actArea[i];
      if (a < 0) return a === CODE_MISSING ? R_MISSING_AREA : a === CODE_ERROR ? R_INVALID : R_UNKNOWN_AREA;
      const s = actStrata[i];
      if (s < 0) return strataReason(s, factors);
      if (m === -1) return R_MISSING_STRATUM;
      return -1;
    };
    if (act.layout === "long") {
      const col = act.table.columns[act.col.count];
      let h = FNV_OFFSET;
      for (let i = 0; i < n; i++) {
        const v = col[i];
        h = fold(h, typeof v === "number" ? numberHash(v) : cellHash(v));
        const m = rowMeasure![i];
        if (m === IGNORED) continue;
        const st = readNumber(v);
        let x = numRead[0];
        let reason = -1;
        if (st !== NUM_OK) {
          if (st === NUM_BLANK) blank.push(i);
          else if (!excludeInvalid) throw numberError(act, i, act.col.count, col[i], st);
          else {
            reason = R_INVALID;
            invalid.push(i);
          }
          x = 0;
        }
        const a = actArea[i];
        const s = actStrata[i];
        if (reason < 0 && (a < 0 || s < 0 || m < 0)) reason = reasonOf(i, m);
        if (reason >= 0) {
          if (reason === R_INVALID && invalid[invalid.length - 1] !== i) invalid.push(i);
          tally.add(reason, areaKey(i), areaNameOf(i), m, x, 1);
          continue;
        }
        if (x !== Math.floor(x)) frac.push(i);
        const idx = (m * A + a) * S + s;
        if (seen[idx]) dup.push(i);
        seen[idx] = 1;
        obs[idx] += x;
        cellRows[idx]++;
        totalByArea[a] += x;
        includedRows++;
      }
      hashesOf(act)[act.col.count] = h;
    } else {
      const cols = measureCols.map((j) => ({ j, m: measureIndex.get(String(act.table.headers[j]).trim()) ?? IGNORED }));
      const xs = new Float64Array(cols.length);
      for (let i = 0; i < n; i++) {
        let reason = -1;
        for (let c = 0; c < cols.length; c++) {
          if (cols[c].m === IGNORED) continue;
          const v = act.table.columns[cols[c].j][i];
          const st = readNumber(v);
          xs[c] = numRead[0];
          if (st !== NUM_OK) {
            if (st === NUM_BLANK) {
              if (blank[blank.length - 1] !== i) blank.push(i);
            } else if (!excludeInvalid) throw numberError(act, i, cols[c].j, v, st);
            else reason = R_INVALID;
            xs[c] = 0;
          }
        }
        if (reason < 0) reason = reasonOf(i, 0);
        if (reason >= 0) {
          if (reason === R_INVALID) invalid.push(i);
          let first = true;
          for (let c = 0; c < cols.length; c++) {
            if (cols[c].m === IGNORED) continue;
            tally.add(reason, areaKey(i), areaNameOf(i), cols[c].m, xs[c], first ? 1 : 0);
            first = false;
          }
          continue;
        }
        const a = actArea[i];
        const base = a * S + actStrata[i];
        let fractional = false;
        let duplicate = false;
        for (let c = 0; c < cols.length; c++) {
          const m = cols[c].m;
          if (m === IGNORED) continue;
          const x = xs[c];
          if (x !== Math.floor(x)) fractional = true;
          const idx = m * A * S + base;
          if (seen[idx]) duplicate = true;
          seen[idx] = 1;
          obs[idx] += x;
          cellRows[idx]++;
          totalByArea[a] += x;
        }
        if (fractional) frac.push(i);
        if (duplicate) dup.push(i);
        includedRows++;
      }
    }
    warnings.blank(act, blank);
    warnings.invalid(act, invalid);
    if (frac.length) {
      warnings.add({
        kind: "fractional-count",
        table: "activity",
        message: `${frac.length} activity row${frac.length === 1 ? " has a" : "s have"} fractional count${frac.length === 1 ? "" : "s"}; they are used as given (adjusted or estimated counts).`,
        count: frac.length,
        rows: sheetRows(act, frac),
      });
    }
    const summedOver = extraFactorColumns(act, factors);
    if (summedOver.length) {
      warnings.add({
        kind: "other",
        table: "activity",
        message: `Activity rows were added up over ${summedOver.join(", ")}, which ${summedOver.length === 1 ? "is" : "are"} not a stratum here.`,
      });
    } else warnings.duplicates(act, dup);
  }

  // External standard.
  let refCount: Float64Array | undefined;
  let refPop: Float64Array | undefined;
  if (ref) ({ refCount, refPop } = buildReference(ref, strataOf(ref), S, measures, measureIndex, warnings, excludeInvalid));

  // SPEC §3 (choice): activity in a stratum nobody lives in (nationally, or in the standard) cannot be rated.
  const natPop = new Float64Array(S);
  for (let a = 0; a < A; a++) for (let s = 0; s < S; s++) natPop[s] += popCube[a * S + s];
  for (let m = 0; m < M; m++) {
    for (let s = 0; s < S; s++) {
      if (natPop[s] > 0 && (!refPop || refPop[m * S + s] > 0)) continue;
      for (let a = 0; a < A; a++) {
        const idx = (m * A + a) * S + s;
        if (cellRows[idx] === 0) continue;
        // Wide rows carry every measure: count the row once, at the first measure.
        const rows = act.layout === "wide" && m > 0 && (natPop[s] === 0 || !refPop) ? 0 : cellRows[idx];
        tally.add(R_ZERO_POP, areas[a].area, areas[a].name, m, obs[idx], rows);
        totalByArea[a] -= obs[idx];
        includedRows -= rows;
        obs[idx] = 0;
        cellRows[idx] = 0;
      }
    }
  }

  // Nothing left to compute?
  let totalPop = 0;
  for (let i = 0; i < popCube.length; i++) totalPop += popCube[i];
  if (A === 0 || totalPop <= 0) {
    throw new InputError(
      `Nothing left to compute: the ${tableLabel("population", pop.table)} has no population once rows with a missing or unreadable area or stratum are left out.`,
      { table: "population", source: pop.table.source },
    );
  }
  if (includedRows <= 0) {
    throw new InputError(
      `Nothing left to compute: all ${tally.rows} rows of the ${tableLabel("activity", act.table)} were excluded (${tally.reasonText()}).`,
      { table: "activity", source: act.table.source },
    );
  }

  for (const rt of all) {
    const unused = unusedColumns(rt, factors, measureCols);
    if (unused.length && rt.role !== "reference") {
      warnings.add({
        kind: "unused-column",
        table: rt.role,
        message: `Columns not used in the ${rt.role} table: ${unused.join(", ")}.`,
        count: unused.length,
      });
    }
  }

  const measureTotals = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    let t = 0;
    const end = (m + 1) * A * S;
    for (let i = m * A * S; i < end; i++) t += obs[i];
    measureTotals[m] = t;
  }
  const exclusions = tally.finish(measures, measureTotals, areas, totalByArea, populationRows);

  const tables: TableSummary[] = all.map((rt) => ({
    role: rt.role,
    source: rt.table.source,
    rows: rt.table.rowCount,
    columns: rt.table.headers.map((h) => String(h ?? "")),
    mapping: { ...rt.mapping },
    ...(rt.role === "activity" ? { layout: rt.layout } : {}),
    hash: tableHash(rt.table, hashesOf(rt)),
  }));

  return {
    factors,
    levels,
    strides,
    S,
    areas,
    A,
    measures,
    M,
    pop: popCube,
    obs,
    refCount,
    refPop,
    layout: act.layout ?? "long",
    exclusions,
    warnings: warnings.list,
    tables,
  };
}


function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Stratum index of each row; negative = -1 - (factor·3 + why), why 0 missing, 1 unreadable, 2 Excel error. */
function rowStrata(codes: Int32Array[], finals: { remap: Int32Array }[], strides: number[], n: number): Int32Array {
  const out = new Int32Array(n);
  const K = codes.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      const v = codes[k][i];
      if (v < 0) {
        s = -1 - (k * 3 + (-1 - v));
        break;
      }
      s += finals[k].remap[v] * strides[k];
    }
    out[i] = s;
  }
  return out;
}

function readPopulationAreas(
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
      if (!r.ok) return CODE_MISSING;
      let a = index.get(r.value);
      if (a === undefined) {
        a = areas.length;
        index.set(r.value, a);
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

function textOf(v: CellValue | undefined): string | null {
  if (v === null || v === undefined || typeof v === "object") return null;
  const t = String(v).trim();
  return t === "" ? null : t;
}

function readActivityAreas(act: ResolvedTable, index: Map<string, number>, excludeInvalid: boolean, hashes: ColumnHashes): Int32Array {
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
      return r.ok ? (index.get(r.value) ?? CODE_UNKNOWN) : CODE_MISSING;
    },
    out,
  );
  return out;
}

/** Wide activity: the user's measure columns, or every other column whose first filled cell is a number. */
function wideMeasureColumns(act: ResolvedTable, options: RunOptions): number[] {
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
    for (let i = 0; i < act.table.rowCount && (first === null || first === undefined || first === ""); i++) first = c[i];
    if (typeof first === "number" || (typeof first === "string" && readNumber(first) === NUM_OK)) out.push(j);
  }
  return out;
}

/** Recognised stratum-like columns that are not strata (the table is summed over them). */
function extraFactorColumns(rt: ResolvedTable, factors: FactorSpec[]): string[] {
  return BUILTIN_FACTORS.filter((f) => rt.col[f] !== undefined && !factors.some((x) => x.name === f)).map((f) => rt.mapping[f]);
}

function unusedColumns(rt: ResolvedTable, factors: FactorSpec[], measureCols: number[]): string[] {
  const used = new Set<number>();
  const roles = ["area", "areaName", "region", "population", "count", "measure", ...factors.map((f) => f.name)];
  for (const r of roles) if (rt.col[r] !== undefined) used.add(rt.col[r]);
  if (rt.role === "activity") for (const j of measureCols) used.add(j);
  return rt.table.headers
    .map((h, j) => ({ h: String(h ?? "").trim(), j }))
    .filter(({ h, j }) => h !== "" && !used.has(j) && !extraFactorColumns(rt, factors).includes(String(rt.table.headers[j])))
    .map(({ h }) => h);
}

function buildReference(
  ref: ResolvedTable,
  strata: Int32Array,
  S: number,
  measures: string[],
  measureIndex: Map<string, number>,
  warnings: Warnings,
  excludeInvalid: boolean,
): { refCount: Float64Array; refPop: Float64Array } {
  const M = measures.length;
  const refCount = new Float64Array(M * S);
  const refPop = new Float64Array(M * S);
  const n = ref.table.rowCount;
  const countCol = ref.table.columns[ref.col.count];
  const popCol = ref.table.columns[ref.col.population];
  const measureCol = ref.col.measure !== undefined ? ref.table.columns[ref.col.measure] : undefined;
  const seen = new Uint8Array(M * S);
  const dup: number[] = [];
  const blank: number[] = [];
  const invalid: number[] = [];
  const dropped: number[] = [];
  const covered = new Uint8Array(M);
  for (let i = 0; i < n; i++) {
    const stC = readNumber(countCol[i]);
    const c = stC === NUM_OK ? numRead[0] : 0;
    const stP = readNumber(popCol[i]);
    const p = stP === NUM_OK ? numRead[0] : 0;
    let bad = false;
    for (const [st, j, v] of [
      [stC, ref.col.count, countCol[i]],
      [stP, ref.col.population, popCol[i]],
    ] as [number, number, CellValue][]) {
      if (st === NUM_BLANK) blank.push(i);
      else if (st !== NUM_OK) {
        if (!excludeInvalid) throw numberError(ref, i, j, v, st);
        bad = true;
      }
    }
    if (bad) {
      invalid.push(i);
      continue;
    }
    const s = strata[i];
    if (s < 0) {
      dropped.push(i);
      continue;
    }
    let m0 = 0;
    let m1 = M;
    if (measureCol) {
      const m = measureIndex.get(String(measureCol[i] ?? "").trim());
      if (m === undefined) continue; // a measure not computed here
      m0 = m;
      m1 = m + 1;
    }
    for (let m = m0; m < m1; m++) {
      const idx = m * S + s;
      if (seen[idx] && m === m0) dup.push(i);
      seen[idx] = 1;
      covered[m] = 1;
      refCount[idx] += c;
      refPop[idx] += p;
    }
  }
  const uncovered = measures.filter((_, m) => !covered[m]);
  if (uncovered.length) {
    throw new InputError(
      `${cap(tableLabel("reference", ref.table))}: no standard for the measure${uncovered.length > 1 ? "s" : ""} ${uncovered.join(", ")}.`,
      { table: "reference", source: ref.table.source },
    );
  }
  warnings.blank(ref, blank);
  warnings.invalid(ref, invalid);
  warnings.duplicates(ref, dup);
  if (dropped.length) {
    warnings.add({
      kind: "other",
      table: "reference",
      message: `${dropped.length} reference row${dropped.length === 1 ? "" : "s"} with a missing or unreadable stratum value ${dropped.length === 1 ? "was" : "were"} left out of the standard.`,
      count: dropped.length,
      rows: sheetRows(ref, dropped),
    });
  }
  return { refCount, refPop };
}

function sheetRows(rt: ResolvedTable, rows: number[]): number[] {
  return rows.slice(0, 10).map((i) => rt.table.source.headerRow + 1 + i);
}

function cellError(rt: ResolvedTable, i: number, j: number, what: string): InputError {
  const loc = { table: rt.role as TableRole, source: rt.table.source, row: rt.table.source.headerRow + 1 + i, column: rt.table.source.firstColumn + j };
  const v = rt.table.columns[j][i];
  return new InputError(`${describeLocation(loc, String(rt.table.headers[j]))}: ${describeCell(v)} where ${what} is expected (${rt.role} table). Fix the cell or the formula behind it.`, loc);
}

function numberError(rt: ResolvedTable, i: number, j: number, v: CellValue | undefined, status: number): InputError {
  const loc = { table: rt.role as TableRole, source: rt.table.source, row: rt.table.source.headerRow + 1 + i, column: rt.table.source.firstColumn + j };
  const what = rt.role === "population" || (rt.role === "reference" && j === rt.col.population) ? "population" : "count";
  const why =
    status === NUM_NEGATIVE
      ? `the negative number ${String(v).trim()}: a ${what} must be 0 or more`
      : status === NUM_ERROR
        ? `${describeCell(v)}: a ${what} must be a number. Fix the cell or the formula behind it`
        : `${describeCell(v)}: a ${what} must be a number`;
  return new InputError(`${describeLocation(loc, String(rt.table.headers[j]))}: ${why} (${rt.role} table).`, loc);
}
