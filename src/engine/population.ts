// The population cube pop[a·S + s] (SPEC §1): rows with a missing area or stratum are left out and
// counted; blanks are 0 with a warning; repeated strata are added together with a warning.
import * as cells from "./cells";
import * as hashing from "./hash";
import * as lv from "./levels";
import type { FactorSpec, ResolvedTable } from "./mapping";
import { extraFactorColumns, numberError, sheetRows, type ColumnHashes } from "./readers";
import * as tl from "./tally";
import type { Warnings } from "./warnings";

// Imported bindings are property getters once bundled; hot loops read these module constants instead.
const { NUM_BLANK, NUM_OK, numRead, readNumber } = cells;
const { cellHash, fold, FNV_OFFSET, numberHash } = hashing;
const { CODE_ERROR } = lv;
const { isErrorStratum } = tl;

export function buildPopulation(
  pop: ResolvedTable,
  rowArea: Int32Array,
  rowStratum: Int32Array,
  A: number,
  S: number,
  factors: FactorSpec[],
  warnings: Warnings,
  excludeInvalid: boolean,
  hashes: ColumnHashes,
): { cube: Float64Array; excludedRows: number } {
  const cube = new Float64Array(A * S);
  const seen = new Uint8Array(A * S);
  const j = pop.col.population;
  const col = pop.table.columns[j];
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
      else if (!excludeInvalid) throw numberError(pop, i, j, v, st);
      else {
        invalid.push(i);
        continue;
      }
      x = 0;
    }
    const a = rowArea[i];
    const s = rowStratum[i];
    if (a < 0 || s < 0) {
      if (a === CODE_ERROR || isErrorStratum(s)) invalid.push(i);
      else dropped.push(i);
      continue;
    }
    const idx = a * S + s;
    if (seen[idx]) dup.push(i);
    seen[idx] = 1;
    cube[idx] += x;
  }
  hashes[j] = h;
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
  warnings.summedOverOrDuplicates(pop, extraFactorColumns(pop, factors), dup);
  return { cube, excludedRows: invalid.length + dropped.length };
}
