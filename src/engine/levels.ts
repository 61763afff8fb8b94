// Stratum factor levels: each column's cells are parsed once per distinct value (memoised), into
// provisional level ids; once every table is read, levels are put in their natural order.
import {
  ageBandOf,
  ageLabel,
  parseAgeBand,
  parseGeneric,
  parseImd,
  parseSex,
  type CodeResult,
} from "./codes";
import type { FactorSpec } from "./mapping";
import * as hashing from "./hash";
import type { CellValue } from "./types";

const { cellHash, fold, FNV_OFFSET } = hashing;

/** Negative row codes: why a stratum value could not be used. */
export const CODE_MISSING = -1;
export const CODE_UNKNOWN = -2;
export const CODE_ERROR = -3;

export class LevelRegistry {
  readonly ids = new Map<string, number>();
  readonly labels: string[] = [];
  constructor(readonly factor: FactorSpec) {}

  id(label: string): number {
    let id = this.ids.get(label);
    if (id === undefined) {
      id = this.labels.length;
      this.ids.set(label, id);
      this.labels.push(label);
    }
    return id;
  }

  parser(): (v: CellValue) => CodeResult {
    switch (this.factor.kind) {
      case "sex":
        return parseSex;
      case "age":
        return parseAgeBand;
      case "imd":
        return parseImd;
      default:
        return parseGeneric;
    }
  }

  /**
   * Final levels in natural order and the map from provisional ids. Age: a top band such as
   * "85+" in any table absorbs the bands above it in the others ("85-89", "90+" → "85+").
   */
  finalise(): { levels: string[]; remap: Int32Array } {
    let finalOf = this.labels.slice();
    let order: (a: string, b: string) => number = () => 0;
    if (this.factor.kind === "age") {
      const bands = this.labels.map((l) => ageBandOf(l)!);
      const top = Math.min(...bands.filter((b) => b.hi === Infinity).map((b) => b.lo));
      if (Number.isFinite(top)) {
        finalOf = bands.map((b, i) => (b.lo >= top ? ageLabel({ lo: top, hi: Infinity }) : this.labels[i]));
      }
      order = (a, b) => ageBandOf(a)!.lo - ageBandOf(b)!.lo || ageBandOf(a)!.hi - ageBandOf(b)!.hi;
    } else if (this.factor.kind === "sex") {
      order = (a, b) => (a === "Female" ? 0 : 1) - (b === "Female" ? 0 : 1);
    } else if (this.factor.kind === "imd") {
      order = (a, b) => Number(a) - Number(b);
    }
    const levels = [...new Set(finalOf)].sort(order); // stable: generic levels keep first-seen order
    const index = new Map(levels.map((l, i) => [l, i]));
    const remap = new Int32Array(this.labels.length);
    finalOf.forEach((l, i) => (remap[i] = index.get(l)!));
    return { levels, remap };
  }
}

/**
 * Codes one column: `decode` runs once per distinct cell value (in order of first appearance, with
 * that row), and the column's content hash (hash.ts) comes from the same lookups, so 1M rows are
 * read once. Sorted tables repeat values in runs (area, sex) or cycles (the measures of a stratum):
 * a cell equal to the one before, or to the one a cycle back (cycle = distinct values so far),
 * costs a comparison instead of a Map lookup. The hot loop makes no calls: `decode` differs from
 * column to column, and calling it there made V8 deoptimise the loop on every new column.
 * Returns the column hash.
 */
export function readColumnCodes(
  col: CellValue[],
  n: number,
  decode: (v: CellValue, row: number) => number,
  out: Int32Array,
): number {
  // Pass 1: each row's entry: ≥ 0 a distinct value, < 0 an Excel error cell (-1 - its index).
  const memo = new Map<CellValue, number>();
  const firstRow: number[] = [];
  const errorRows: number[] = [];
  const entryOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = col[i] ?? null;
    if (i > 0 && v === (col[i - 1] ?? null) && entryOf[i - 1] >= 0) {
      entryOf[i] = entryOf[i - 1];
      continue;
    }
    const back = i - firstRow.length;
    if (back >= 0 && back < i && v === (col[back] ?? null) && entryOf[back] >= 0) {
      entryOf[i] = entryOf[back];
      continue;
    }
    if (v !== null && typeof v === "object") {
      entryOf[i] = -1 - errorRows.length;
      errorRows.push(i);
      continue;
    }
    let e = memo.get(v);
    if (e === undefined) {
      e = firstRow.length;
      memo.set(v, e);
      firstRow.push(i);
    }
    entryOf[i] = e;
  }
  // Pass 2: decode distinct values and error cells in row order (so the first bad row is reported).
  const codes = new Int32Array(firstRow.length);
  const hashes = new Int32Array(firstRow.length);
  const errorCodes = new Int32Array(errorRows.length);
  for (let a = 0, b = 0; a < firstRow.length || b < errorRows.length;) {
    if (b >= errorRows.length || (a < firstRow.length && firstRow[a] < errorRows[b])) {
      const v = col[firstRow[a]] ?? null;
      codes[a] = decode(v, firstRow[a]);
      hashes[a] = cellHash(v);
      a++;
    } else {
      errorCodes[b] = decode(col[errorRows[b]] ?? null, errorRows[b]);
      b++;
    }
  }
  // Pass 3: codes and the hash, row by row.
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) {
    const e = entryOf[i];
    if (e >= 0) {
      out[i] = codes[e];
      h = fold(h, hashes[e]);
    } else {
      out[i] = errorCodes[-1 - e];
      h = fold(h, cellHash(col[i] ?? null));
    }
  }
  return h;
}

/** Parses one stratum column into provisional level ids (or CODE_*); the first Excel error row or -1, and the column hash. */
export function readFactorColumn(
  col: CellValue[],
  n: number,
  reg: LevelRegistry,
  out: Int32Array,
): { firstError: number; hash: number } {
  const parse = reg.parser();
  let firstError = -1;
  const hash = readColumnCodes(
    col,
    n,
    (v, i) => {
      if (v !== null && typeof v === "object") {
        if (firstError < 0) firstError = i;
        return CODE_ERROR;
      }
      const r = parse(v);
      return r.ok ? reg.id(r.value) : r.missing ? CODE_MISSING : CODE_UNKNOWN;
    },
    out,
  );
  return { firstError, hash };
}
