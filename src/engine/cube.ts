// SPEC §1 + §3: builds dense cubes from column-major tables, in one pass per column.
//   pop[a·S + s]            population, area × stratum
//   obs[(m·A + a)·S + s]    activity, measure × area × stratum (s innermost: the E sum runs over it)
// Every row is either added to a cube or excluded with a reason; bad numbers are InputErrors.
import { buildActivity, orderMeasuresByData, readMeasures } from "./activity";
import { InputError } from "./errors";
import { tableHash } from "./hash";
import { CODE_TOTAL, LevelRegistry, readFactorColumn } from "./levels";
import {
  missingColumn,
  resolveFactors,
  resolveTable,
  tableLabel,
  type FactorSpec,
  type ResolvedTable,
} from "./mapping";
import { buildPopulation } from "./population";
import {
  cap,
  cellError,
  orderAreas,
  readActivityAreas,
  readPopulationAreas,
  rowStrata,
  unusedColumns,
  wideMeasureColumns,
  type ColumnHashes,
} from "./readers";
import { buildReference } from "./reference";
import * as tl from "./tally";
import type { ExclusionTally } from "./tally";
import { fineStrata, fineToFinal, readAsMeant, serialError, settleAgeBands, stratumLabel } from "./bands";
import { checkTotals } from "./checks";
import type { AreaInfo, Exclusions, RunInput, RunOptions, RunWarning, TableSummary } from "./types";
import { Warnings } from "./warnings";

// Imported bindings are property getters once bundled; the exclusion loop reads these constants instead.
const { R_NO_AREA_POP, R_NOT_IN_STANDARD, R_ZERO_POP } = tl;

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

/**
 * What the incremental path (delta.ts) needs besides the cube: where each row went, the exclusion
 * tally and the column hashes, so that replacing rows can update the cube by the difference.
 */
export interface CubeTrace {
  pop?: ResolvedTable;
  act?: ResolvedTable;
  /** Area index (or a negative code) and stratum index (or negative) of each row. */
  popArea?: Int32Array;
  popStrata?: Int32Array;
  actArea?: Int32Array;
  actStrata?: Int32Array;
  /** Long activity: each row's measure (negative: blank or not asked for). */
  rowMeasure?: Int32Array;
  /** Wide activity: count column indices with their measure index. */
  wideColumns?: { j: number; m: number }[];
  tally?: InstanceType<typeof ExclusionTally>;
  /** Included activity by area, after every exclusion. */
  includedByArea?: Float64Array;
  populationExcludedRows?: number;
  hashes?: Map<ResolvedTable, ColumnHashes>;
}

export function buildCube(input: RunInput, options: RunOptions = {}, trace?: CubeTrace): Cube {
  const excludeInvalid = options.excludeInvalidRows === true;
  const warnings = new Warnings();
  const pop = resolveTable("population", input.population, options.mapping?.population);
  const act = resolveTable("activity", input.activity, options.mapping?.activity);
  const ref = input.reference
    ? resolveTable("reference", input.reference, options.mapping?.reference)
    : undefined;
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
  for (const rt of all)
    for (const message of rt.table.source.notes ?? [])
      warnings.add({ kind: "other", table: rt.role, message });

  // Column content hashes are computed while each column is read; the rest at the end.
  const colHashes = new Map<ResolvedTable, ColumnHashes>(all.map((rt) => [rt, []]));
  const hashesOf = (rt: ResolvedTable) => colHashes.get(rt)!;

  // Stratum codes of every table, parsed once per distinct value, then levels in natural order.
  const regs = factors.map((f) => new LevelRegistry(f));
  const rowCodes = new Map<ResolvedTable, Int32Array[]>();
  for (const rt of all) {
    const codes = factors.map((f, k) => {
      const out = new Int32Array(rt.table.rowCount);
      const j = rt.col[f.name];
      const read = readFactorColumn(rt.table.columns[j], rt.table.rowCount, regs[k], out);
      if (read.firstError >= 0 && !excludeInvalid) throw cellError(rt, read.firstError, j, "a stratum value");
      if (read.firstSerial >= 0) throw serialError(rt, read.firstSerial, j);
      readAsMeant(rt, f, j, read, warnings);
      hashesOf(rt)[j] = read.hash;
      return out;
    });
    rowCodes.set(rt, codes);
  }
  const ageAt = factors.findIndex((f) => f.kind === "age");
  const used = ageAt >= 0 ? settleAgeBands(all, rowCodes, ageAt, regs[ageAt], warnings) : undefined;
  const finals = regs.map((r, k) => r.finalise(k === ageAt ? used : undefined));
  const levels = finals.map((f) => f.levels);
  const strides = new Array<number>(factors.length);
  let S = 1;
  for (let k = factors.length - 1; k >= 0; k--) {
    strides[k] = S;
    S *= Math.max(1, levels[k].length);
  }
  // Strata as written (before bands are merged) are what "repeats a stratum" is judged on; the
  // final stratum of a row follows from its written one through a small map (one pass per table).
  const fine = fineStrata(regs);
  const toFinal = fineToFinal(
    fine,
    finals,
    strides,
    regs.map((r) => r.labels.length),
  );
  const fineCache = new Map<ResolvedTable, Int32Array>();
  const fineOf = (rt: ResolvedTable) => {
    let f = fineCache.get(rt);
    if (!f)
      fineCache.set(rt, (f = rowStrata(rowCodes.get(rt)!, fine.finals, fine.strides, rt.table.rowCount)));
    return f;
  };
  const strataOf = (rt: ResolvedTable) => {
    const f = fineOf(rt);
    const out = new Int32Array(f.length);
    for (let i = 0; i < f.length; i++) out[i] = f[i] >= 0 ? toFinal[f[i]] : f[i];
    return out;
  };

  // Areas: the population table's, in table order, with the first name and region given.
  const areaIndex = new Map<string, number>();
  const areas: AreaInfo[] = [];
  const popArea = readPopulationAreas(pop, areaIndex, areas, excludeInvalid, hashesOf(pop));
  const A = areas.length;
  const popStrata = strataOf(pop);
  orderAreas(popArea, popStrata, areas, areaIndex);
  const population = buildPopulation(
    pop,
    { area: popArea, strata: popStrata, fine: fineOf(pop), fineS: fine.S },
    A,
    S,
    factors,
    warnings,
    excludeInvalid,
    hashesOf(pop),
  );

  const actArea = readActivityAreas(act, areaIndex, excludeInvalid, hashesOf(act));
  const actStrata = strataOf(act);
  const ms = orderMeasuresByData(
    readMeasures(act, measureCols, options, excludeInvalid, hashesOf(act)),
    (i) => actArea[i] === CODE_TOTAL || tl.isTotalStratum(actStrata[i]),
    options,
  );
  const { measures } = ms;
  const M = measures.length;
  const activity = buildActivity(
    act,
    ms,
    measureCols,
    { area: actArea, strata: actStrata, fine: fineOf(act), fineS: fine.S },
    areas,
    S,
    factors,
    warnings,
    excludeInvalid,
    hashesOf(act),
  );
  const { obs, cellRows, tally, includedByArea } = activity;

  const standard = ref
    ? buildReference(ref, strataOf(ref), S, measures, ms.index, warnings, excludeInvalid)
    : undefined;

  // SPEC §3 (choice) and §1b: activity in a stratum nobody lives in (nationally, in its own area,
  // or in the standard) cannot be rated; it is excluded with its reason, never counted in O without E.
  const natPop = new Float64Array(S);
  for (let a = 0; a < A; a++) for (let s = 0; s < S; s++) natPop[s] += population.cube[a * S + s];
  let includedRows = activity.includedRows;
  const notInStandard: string[] = [];
  for (let m = 0; m < M; m++) {
    for (let s = 0; s < S; s++) {
      const reason = !(natPop[s] > 0)
        ? R_ZERO_POP
        : standard && !(standard.refPop[m * S + s] > 0)
          ? R_NOT_IN_STANDARD
          : R_NO_AREA_POP;
      for (let a = 0; a < A; a++) {
        const idx = (m * A + a) * S + s;
        if (cellRows[idx] === 0) continue;
        if (reason === R_NO_AREA_POP && population.cube[a * S + s] > 0) continue;
        if (reason === R_NOT_IN_STANDARD && obs[idx] > 0)
          notInStandard.push(stratumLabel(levels, strides, s));
        // A wide row carries every measure: count it once, at the first measure.
        const rows = act.layout === "wide" && m > 0 && reason !== R_NOT_IN_STANDARD ? 0 : cellRows[idx];
        tally.add(reason, areas[a].area, areas[a].name, m, obs[idx], obs[idx] > 0 ? rows : 0);
        includedByArea[a] -= obs[idx];
        includedRows -= rows;
        obs[idx] = 0;
        cellRows[idx] = 0;
      }
    }
  }
  if (notInStandard.length) {
    const kinds = [...new Set(notInStandard)];
    warnings.add({
      kind: "other",
      table: "reference",
      message: `Activity in ${kinds.length} strat${kinds.length === 1 ? "um" : "a"} that the external standard lacks (${kinds.slice(0, 3).join("; ")}${kinds.length > 3 ? "; …" : ""}) was excluded: the standard gives no rate for ${kinds.length === 1 ? "it" : "them"}.`,
      count: kinds.length,
    });
  }
  checkTotals(pop, population.cube, pop.col.population);
  checkTotals(act, obs, act.layout === "long" ? act.col.count : measureCols[0]);

  // Nothing left to compute?
  let totalPop = 0;
  for (let s = 0; s < S; s++) totalPop += natPop[s];
  if (A === 0 || totalPop <= 0) {
    throw new InputError(
      `Nothing left to compute: the ${tableLabel("population", pop.table)} has no population once rows with a missing or unreadable area or stratum are left out.`,
      { table: "population", source: pop.table.source },
    );
  }
  if (includedRows <= 0) {
    throw new InputError(
      `Nothing left to compute: ${tally.rows === 1 ? "the only row" : `all ${tally.rows} rows`} of the ${tableLabel("activity", act.table)} ${tally.rows === 1 ? "was" : "were"} excluded (${tally.reasonText()}).`,
      { table: "activity", source: act.table.source },
    );
  }

  for (const rt of [pop, act]) {
    const unused = unusedColumns(rt, factors, measureCols);
    if (unused.length) {
      warnings.add({
        kind: "unused-column",
        table: rt.role,
        message: `Columns not used in the ${rt.role} table: ${unused.join(", ")}.`,
        count: unused.length,
      });
    }
  }

  const includedByMeasure = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    let t = 0;
    for (let i = m * A * S, end = (m + 1) * A * S; i < end; i++) t += obs[i];
    includedByMeasure[m] = t;
  }
  const exclusions = tally.finish(
    measures,
    includedByMeasure,
    areas,
    includedByArea,
    population.excludedRows,
  );

  const tables: TableSummary[] = all.map((rt) => ({
    role: rt.role,
    source: rt.table.source,
    rows: rt.table.rowCount,
    columns: rt.table.headers.map((h) => String(h ?? "")),
    mapping: { ...rt.mapping },
    ...(rt.role === "activity" ? { layout: rt.layout } : {}),
    hash: tableHash(rt.table, hashesOf(rt)),
  }));

  if (trace) {
    Object.assign(trace, {
      pop,
      act,
      popArea,
      popStrata,
      actArea,
      actStrata,
      rowMeasure: ms.rowMeasure,
      wideColumns: measureCols.map((j) => ({
        j,
        m: ms.index.get(String(act.table.headers[j]).trim()) ?? -2,
      })),
      tally,
      includedByArea,
      populationExcludedRows: population.excludedRows,
      hashes: colHashes,
    } satisfies CubeTrace);
  }

  return {
    factors,
    levels,
    strides,
    S,
    areas,
    A,
    measures,
    M,
    pop: population.cube,
    obs,
    refCount: standard?.refCount,
    refPop: standard?.refPop,
    layout: act.layout ?? "long",
    exclusions,
    warnings: warnings.list,
    tables,
  };
}
