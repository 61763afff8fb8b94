// The population cube pop[a·S + s] (SPEC §1): rows with a missing area or stratum are left out and
// counted; blanks are 0 with a warning; repeated strata are added together with a warning.
import * as cells from "./cells";
import * as hashing from "./hash";
import * as lv from "./levels";
import type { FactorSpec, ResolvedTable } from "./mapping";
import { extraFactorColumns, numberError, sheetRows, type ColumnHashes } from "./readers";
import * as tl from "./tally";
import * as checks from "./checks";
import { RepeatSet, repeatingColumn, stackedError } from "./repeats";
import type { Warnings } from "./warnings";

/** Where each row of a table went: area and stratum (or negative codes), and its stratum as written. */
export interface RowPlaces {
  area: Int32Array;
  strata: Int32Array;
  /** Stratum index over the levels as written (single ages, bands before merging); negative as strata. */
  fine: Int32Array;
  fineS: number;
}

/** Refuses a table stacked along an unmapped column; else warns of the repeats (SPEC §1b). */
export function reportRepeats(
  rt: ResolvedTable,
  dup: number[],
  keyOf: (i: number) => number,
  summedOver: string[],
  warnings: Warnings,
  valueColumns: number[] = [],
): void {
  if (dup.length && !summedOver.length) {
    const keys = new Float64Array(rt.table.rowCount);
    let keyed = 0;
    for (let i = 0; i < keys.length; i++) if ((keys[i] = keyOf(i)) >= 0) keyed++;
    // Stacked copies make at least a third of the rows repeats; a few repeats are just repeats.
    const used = new Set([...Object.values(rt.col), ...valueColumns]);
    const j = dup.length * 3 >= keyed ? repeatingColumn(rt, keys, used) : -1;
    if (j >= 0) throw stackedError(rt, j, dup[0]);
  }
  warnings.summedOverOrDuplicates(rt, summedOver, dup);
}

// Imported bindings are property getters once bundled; hot loops read these module constants instead.
const { checkThousands, isBlankRow, MAX_TOTAL, tooLarge } = checks;
const { NUM_BLANK, NUM_OK, numRead, readNumber } = cells;
const { cellHash, fold, FNV_OFFSET, numberHash } = hashing;
const { CODE_ERROR, CODE_MISSING, CODE_TOTAL } = lv;
const { isErrorStratum, isTotalStratum } = tl;

export function buildPopulation(
  pop: ResolvedTable,
  places: RowPlaces,
  A: number,
  S: number,
  factors: FactorSpec[],
  warnings: Warnings,
  excludeInvalid: boolean,
  hashes: ColumnHashes,
): { cube: Float64Array; excludedRows: number } {
  const cube = new Float64Array(A * S);
  const { area: rowArea, strata: rowStratum, fine, fineS } = places;
  const seen = new RepeatSet(A * fineS);
  const j = pop.col.population;
  const col = pop.table.columns[j];
  checkThousands(pop, j);
  const dup: number[] = [];
  const totals: number[] = [];
  const blank: number[] = [];
  const invalid: number[] = [];
  const dropped: number[] = [];
  const n = pop.table.rowCount;
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    h = fold(h, typeof v === "number" ? numberHash(v) : cellHash(v));
    const a = rowArea[i];
    const s = rowStratum[i];
    if (a === CODE_TOTAL || isTotalStratum(s)) {
      totals.push(i);
      continue;
    }
    if (a === CODE_MISSING && isBlankRow(pop, i)) continue;
    const st = readNumber(v);
    let x = numRead[0];
    if (x > MAX_TOTAL) throw tooLarge(pop, i, j, "value");
    if (st !== NUM_OK) {
      if (st === NUM_BLANK) blank.push(i);
      else if (!excludeInvalid) throw numberError(pop, i, j, v, st);
      else {
        invalid.push(i);
        continue;
      }
      x = 0;
    }
    if (a < 0 || s < 0) {
      if (a === CODE_ERROR || isErrorStratum(s)) invalid.push(i);
      else dropped.push(i);
      continue;
    }
    const idx = a * S + s;
    if (seen.add(a * fineS + fine[i])) dup.push(i);
    cube[idx] += x;
  }
  hashes[j] = h;
  warnings.totals(pop, totals, (i) => totalColumn(pop, rowArea[i], rowStratum[i], factors));
  warnings.blank(pop, blank);
  warnings.invalid(pop, invalid);
  if (dropped.length) {
    const one = dropped.length === 1;
    warnings.add({
      kind: "other",
      table: "population",
      message: `${dropped.length} population row${one ? "" : "s"} with a missing or unreadable area or stratum value ${one ? "was" : "were"} left out.`,
      count: dropped.length,
      rows: sheetRows(pop, dropped),
    });
  }
  const keyOf = (i: number) => (rowArea[i] >= 0 && rowStratum[i] >= 0 ? rowArea[i] * fineS + fine[i] : -1);
  reportRepeats(pop, dup, keyOf, extraFactorColumns(pop, factors), warnings);
  return { cube, excludedRows: invalid.length + dropped.length };
}

/** The column that made row i a totals row: the area's, or the stratum column holding the total. */
export function totalColumn(rt: ResolvedTable, a: number, s: number, factors: FactorSpec[]): number {
  if (a === CODE_TOTAL) return rt.col.area;
  const k = Math.floor((-1 - s) / 4);
  return rt.col[factors[k].name];
}
