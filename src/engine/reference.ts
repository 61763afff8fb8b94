// SPEC §4 "Alternative standards": an external reference of stratum counts and populations, one
// for every measure or, with a measure column, one per measure.
import * as cells from "./cells";
import { InputError } from "./errors";
import { tableLabel, type ResolvedTable } from "./mapping";
import { cap, numberError, sheetRows } from "./readers";
import type { CellValue } from "./types";
import type { Warnings } from "./warnings";

const { NUM_BLANK, NUM_OK, numRead, readNumber } = cells;

export function buildReference(
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
