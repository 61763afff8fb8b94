// Rows that repeat a stratum (SPEC §1, §1b). A repeat is judged on the cells as written (a
// single-year age, an "Under 1" band), not on the band they end up in, so that 37 and 38 or
// "Under 1" and "1-4" do not count as repeats. A table whose rows repeat every stratum exactly
// once per value of a column nobody mapped (a Year column; a Measure column in a population
// table) is two tables stacked: it is refused with that column named, never summed.
import { describeLocation, InputError } from "./errors";
import type { ResolvedTable } from "./mapping";
import { cellLocation } from "./readers";
import type { CellValue } from "./types";

/** Keys seen so far: a byte array while the key space is small, else a Set. */
export class RepeatSet {
  private readonly bytes?: Uint8Array;
  private readonly set?: Set<number>;
  constructor(size: number) {
    if (size <= 1 << 25) this.bytes = new Uint8Array(size);
    else this.set = new Set();
  }

  /** Marks `key` seen; true if it already was. */
  add(key: number): boolean {
    if (this.bytes) {
      const was = this.bytes[key] === 1;
      this.bytes[key] = 1;
      return was;
    }
    if (this.set!.has(key)) return true;
    this.set!.add(key);
    return false;
  }
}

/** Distinct values beyond which a column is data, not a label of stacked copies. */
const MAX_COPIES = 50;

/**
 * The unmapped column along which the table repeats its strata, if any: every row's key is
 * unique once that column's value is added to it, and the column takes 2 to 50 values.
 */
export function repeatingColumn(rt: ResolvedTable, keys: ArrayLike<number>, used: Set<number>): number {
  const n = rt.table.rowCount;
  for (let j = 0; j < rt.table.headers.length; j++) {
    if (used.has(j) || String(rt.table.headers[j] ?? "").trim() === "") continue;
    const col = rt.table.columns[j];
    const values = new Set<CellValue>();
    for (let i = 0; i < n && values.size <= MAX_COPIES; i++) values.add(col[i] ?? null);
    if (values.size < 2 || values.size > MAX_COPIES) continue;
    const seen = new Set<string>();
    let unique = true;
    for (let i = 0; i < n && unique; i++) {
      if (keys[i] < 0) continue;
      const k = `${keys[i]}|${String(col[i] ?? "")}`;
      if (seen.has(k)) unique = false;
      seen.add(k);
    }
    if (unique) return j;
  }
  return -1;
}

/** The refusal for a table stacked along `j` (SPEC §1b). */
export function stackedError(rt: ResolvedTable, j: number, firstRepeat: number): InputError {
  const header = String(rt.table.headers[j]);
  const values = [...new Set(rt.table.columns[j].slice(0, rt.table.rowCount).map((v) => String(v ?? "")))];
  const loc = cellLocation(rt, firstRepeat, j);
  const shown = values.slice(0, 5).join(", ") + (values.length > 5 ? ", …" : "");
  return new InputError(
    `${describeLocation(loc, header)}: the ${rt.role} table gives every stratum once per value of ${header} (${shown}), so adding its rows would count each stratum ${values.length} times. Keep the rows of one ${header} (filter or split the table), or map ${header} as a stratum with --strata.`,
    loc,
  );
}
