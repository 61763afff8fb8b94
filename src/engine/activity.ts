// The activity cube obs[(m·A + a)·S + s] (SPEC §1): long or wide rows, each added to the cube or
// excluded with its reason; blanks, fractional counts and repeated strata are warned about.
import { parseArea } from "./codes";
import * as cells from "./cells";
import { InputError } from "./errors";
import * as hashing from "./hash";
import * as lv from "./levels";
import { tableLabel, type FactorSpec, type ResolvedTable } from "./mapping";
import { cap, cellError, extraFactorColumns, numberError, sheetRows, type ColumnHashes } from "./readers";
import * as tl from "./tally";
import * as checks from "./checks";
import { reportRepeats, totalColumn, type RowPlaces } from "./population";
import { RepeatSet } from "./repeats";
import type { AreaInfo, RunOptions } from "./types";
import type { Warnings } from "./warnings";

// Imported bindings are property getters once bundled; hot loops read these module constants instead.
const { checkThousands, isBlankRow, MAX_TOTAL, tooLarge } = checks;
const { NUM_BLANK, NUM_OK, numRead, readNumber } = cells;
const { cellHash, fold, FNV_OFFSET, numberHash } = hashing;
const { CODE_ERROR, CODE_MISSING, CODE_TOTAL, readColumnCodes } = lv;
const {
  ExclusionTally,
  isTotalStratum,
  R_INVALID,
  R_MISSING_AREA,
  R_MISSING_STRATUM,
  R_UNKNOWN_AREA,
  strataReason,
} = tl;

/** Row measure code: a measure the user did not ask for. (-1 is a blank measure name.) */
export const IGNORED = -2;

export interface Measures {
  measures: string[];
  index: Map<string, number>;
  /** Long layout: each row's measure (or -1 blank, IGNORED). */
  rowMeasure?: Int32Array;
}

/** The measures, in table order (or the order asked for): a long table's measure column, its count column's name, or a wide table's count columns. */
export function readMeasures(
  act: ResolvedTable,
  measureCols: number[],
  options: RunOptions,
  excludeInvalid: boolean,
  hashes: ColumnHashes,
): Measures {
  const filter = options.measures && options.measures.length ? new Set(options.measures) : undefined;
  const measures: string[] = [];
  const index = new Map<string, number>();
  const add = (name: string) => {
    let m = index.get(name);
    if (m === undefined) {
      m = measures.length;
      index.set(name, m);
      measures.push(name);
    }
    return m;
  };
  const wanted = (name: string) => (!filter || filter.has(name) ? add(name) : IGNORED);
  if (filter) for (const m of options.measures!) add(m);
  const found = new Set<string>();
  let rowMeasure: Int32Array | undefined;
  if (act.layout === "long") {
    rowMeasure = new Int32Array(act.table.rowCount);
    if (act.col.measure === undefined) {
      found.add(act.mapping.count);
      rowMeasure.fill(wanted(act.mapping.count));
    } else {
      const j = act.col.measure;
      hashes[j] = readColumnCodes(
        act.table.columns[j],
        act.table.rowCount,
        (v, i) => {
          if (v !== null && typeof v === "object") {
            if (!excludeInvalid) throw cellError(act, i, j, "a measure name");
            return -1;
          }
          const name = v === null ? "" : String(v).trim();
          if (name === "") return -1;
          found.add(name);
          return wanted(name);
        },
        rowMeasure,
      );
    }
  } else {
    for (const j of measureCols) {
      const name = String(act.table.headers[j]).trim();
      found.add(name);
      wanted(name);
    }
  }
  const absent = (options.measures ?? []).filter((m) => !found.has(m));
  if (absent.length) {
    throw new InputError(
      `${cap(tableLabel("activity", act.table))}: no activity for the measure${absent.length > 1 ? "s" : ""} ${absent.join(", ")}.`,
      {
        table: "activity",
        source: act.table.source,
      },
    );
  }
  if (measures.length === 0) {
    throw new InputError(`${cap(tableLabel("activity", act.table))}: no measure to compute.`, {
      table: "activity",
      source: act.table.source,
    });
  }
  return { measures, index, rowMeasure };
}

/**
 * SPEC §1b: totals rows change no figure, not even the order of the measures. A long table's
 * measures are put in the order of their first row that is not a totals row (measures named only
 * on totals rows go last); an order the user asked for is kept.
 */
export function orderMeasuresByData(
  ms: Measures,
  isTotalRow: (i: number) => boolean,
  options: RunOptions,
): Measures {
  const rowMeasure = ms.rowMeasure;
  if (!rowMeasure || (options.measures && options.measures.length)) return ms;
  const M = ms.measures.length;
  const first = new Array<number>(M).fill(Infinity);
  for (let i = 0; i < rowMeasure.length; i++) {
    const m = rowMeasure[i];
    if (m >= 0 && first[m] === Infinity && !isTotalRow(i)) first[m] = i;
  }
  const order = ms.measures.map((_, m) => m).sort((a, b) => first[a] - first[b] || a - b);
  if (order.every((m, k) => m === k)) return ms;
  const newIndex = new Int32Array(M);
  order.forEach((m, k) => (newIndex[m] = k));
  for (let i = 0; i < rowMeasure.length; i++) if (rowMeasure[i] >= 0) rowMeasure[i] = newIndex[rowMeasure[i]];
  const measures = order.map((m) => ms.measures[m]);
  return { measures, index: new Map(measures.map((name, k) => [name, k])), rowMeasure };
}

export interface ActivityCube {
  obs: Float64Array;
  /** Rows added into each cell (for the zero-population exclusion's row counts). */
  cellRows: Uint32Array;
  tally: InstanceType<typeof ExclusionTally>;
  includedByArea: Float64Array;
  includedRows: number;
}

export function buildActivity(
  act: ResolvedTable,
  ms: Measures,
  measureCols: number[],
  places: RowPlaces,
  areas: AreaInfo[],
  S: number,
  factors: FactorSpec[],
  warnings: Warnings,
  excludeInvalid: boolean,
  hashes: ColumnHashes,
): ActivityCube {
  const A = areas.length;
  const M = ms.measures.length;
  const obs = new Float64Array(M * A * S);
  const cellRows = new Uint32Array(M * A * S);
  const { area: rowArea, strata: rowStratum, fine, fineS } = places;
  const wide = act.layout !== "long";
  const seen = new RepeatSet((wide ? 1 : M) * A * fineS);
  const keyOf = (i: number) => {
    const a = rowArea[i];
    if (a < 0 || rowStratum[i] < 0) return -1;
    const m = wide ? 0 : ms.rowMeasure![i];
    return m < 0 ? -1 : (m * A + a) * fineS + fine[i];
  };
  const totals: number[] = [];
  const tally = new ExclusionTally(M);
  const includedByArea = new Float64Array(A);
  let includedRows = 0;
  const dup: number[] = [];
  const blank: number[] = [];
  const frac: number[] = [];
  const invalid: number[] = [];
  const n = act.table.rowCount;

  const areaKey = (i: number) => {
    const a = rowArea[i];
    if (a >= 0) return areas[a].area;
    const r = parseArea(act.table.columns[act.col.area][i] ?? null);
    return r.ok ? r.value : "(blank)";
  };
  const areaName = (i: number) => (rowArea[i] >= 0 ? areas[rowArea[i]].name : null);
  const reasonOf = (i: number, m: number): number => {
    const a = rowArea[i];
    if (a < 0) return a === CODE_MISSING ? R_MISSING_AREA : a === CODE_ERROR ? R_INVALID : R_UNKNOWN_AREA;
    const s = rowStratum[i];
    if (s < 0) return strataReason(s, factors);
    return m === -1 ? R_MISSING_STRATUM : -1;
  };

  if (act.layout === "long") {
    const j = act.col.count;
    const col = act.table.columns[j];
    checkThousands(act, j);
    const rowMeasure = ms.rowMeasure!;
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      h = fold(h, typeof v === "number" ? numberHash(v) : cellHash(v));
      const m = rowMeasure[i];
      if (m === IGNORED) continue;
      if (rowArea[i] === CODE_TOTAL || isTotalStratum(rowStratum[i])) {
        totals.push(i);
        continue;
      }
      if (rowArea[i] === CODE_MISSING && isBlankRow(act, i)) continue;
      const st = readNumber(v);
      let x = numRead[0];
      if (x > MAX_TOTAL) throw tooLarge(act, i, j, "value");
      let reason = -1;
      if (st !== NUM_OK) {
        if (st === NUM_BLANK) blank.push(i);
        else if (!excludeInvalid) throw numberError(act, i, j, v, st);
        else reason = R_INVALID;
        x = 0;
      }
      const a = rowArea[i];
      const s = rowStratum[i];
      if (reason < 0 && (a < 0 || s < 0 || m < 0)) reason = reasonOf(i, m);
      if (reason >= 0) {
        if (reason === R_INVALID) invalid.push(i);
        // A row with a count of 0 excludes nothing: it is not counted as an excluded row.
        tally.add(reason, areaKey(i), areaName(i), m, x, x > 0 || reason === R_INVALID ? 1 : 0);
        continue;
      }
      if (x !== Math.floor(x)) frac.push(i);
      const idx = (m * A + a) * S + s;
      if (seen.add((m * A + a) * fineS + fine[i])) dup.push(i);
      obs[idx] += x;
      cellRows[idx]++;
      includedByArea[a] += x;
      includedRows++;
    }
    hashes[j] = h;
  } else {
    const cols = measureCols
      .map((j) => ({ j, m: ms.index.get(String(act.table.headers[j]).trim()) ?? IGNORED }))
      .filter((c) => c.m !== IGNORED);
    const xs = new Float64Array(cols.length);
    const hs = cols.map(() => FNV_OFFSET);
    for (const c of cols) checkThousands(act, c.j);
    for (let i = 0; i < n; i++) {
      let reason = -1;
      const total = rowArea[i] === CODE_TOTAL || isTotalStratum(rowStratum[i]);
      if (total) totals.push(i);
      const gap = !total && rowArea[i] === CODE_MISSING && isBlankRow(act, i);
      for (let c = 0; c < cols.length; c++) {
        const v = act.table.columns[cols[c].j][i];
        hs[c] = fold(hs[c], typeof v === "number" ? numberHash(v) : cellHash(v));
        if (total || gap) continue;
        const st = readNumber(v);
        xs[c] = numRead[0];
        if (xs[c] > MAX_TOTAL) throw tooLarge(act, i, cols[c].j, "value");
        if (st !== NUM_OK) {
          if (st === NUM_BLANK) {
            if (blank[blank.length - 1] !== i) blank.push(i);
          } else if (!excludeInvalid) throw numberError(act, i, cols[c].j, v, st);
          else reason = R_INVALID;
          xs[c] = 0;
        }
      }
      if (total || gap) continue;
      if (reason < 0) reason = reasonOf(i, 0);
      if (reason >= 0) {
        if (reason === R_INVALID) invalid.push(i);
        // The row is counted once, at its first non-zero count (a row of zeros excludes nothing).
        let row = 1;
        for (let c = 0; c < cols.length; c++) {
          const counted = row === 1 && (xs[c] > 0 || reason === R_INVALID) ? 1 : 0;
          tally.add(reason, areaKey(i), areaName(i), cols[c].m, xs[c], counted);
          row -= counted;
        }
        continue;
      }
      const a = rowArea[i];
      const base = a * S + rowStratum[i];
      let fractional = false;
      const duplicate = seen.add(a * fineS + fine[i]);
      for (let c = 0; c < cols.length; c++) {
        const x = xs[c];
        const idx = cols[c].m * A * S + base;
        if (x !== Math.floor(x)) fractional = true;
        obs[idx] += x;
        cellRows[idx]++;
        includedByArea[a] += x;
      }
      if (fractional) frac.push(i);
      if (duplicate) dup.push(i);
      includedRows++;
    }
    cols.forEach((c, k) => (hashes[c.j] = hs[k]));
  }

  warnings.totals(act, totals, (i) => totalColumn(act, rowArea[i], rowStratum[i], factors));
  warnings.blank(act, blank);
  warnings.invalid(act, invalid);
  if (frac.length) {
    const one = frac.length === 1;
    warnings.add({
      kind: "fractional-count",
      table: "activity",
      message: `${frac.length} activity row${one ? " has a" : "s have"} fractional count${one ? "" : "s"}; they are used as given (adjusted or estimated counts).`,
      count: frac.length,
      rows: sheetRows(act, frac),
    });
  }
  reportRepeats(act, dup, keyOf, extraFactorColumns(act, factors), warnings, measureCols);
  return { obs, cellRows, tally, includedByArea, includedRows };
}
