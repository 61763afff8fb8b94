// Stratum factor levels: each column's cells are parsed once per distinct value (memoised), into
// provisional level ids; once every table is read, levels are put in their natural order.
import { ageBandOf, ageLabel, parseAgeBand, parseGeneric, parseImd, parseSex, type CodeResult } from "./codes";
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
 * Codes one column: `decode` runs once per distinct cell value (with the first row it is on), and
 * the column's content hash (hash.ts) comes from the same lookups, so 1M rows are read once.
 * Sorted tables repeat values in runs (area, sex) or cycles (the measures of one stratum): a cell
 * equal to the one before, or to the one a cycle back (cycle = distinct values so far), costs a
 * comparison instead of a Map lookup. Returns the column hash.
 */
export function readColumnCodes(col: CellValue[], n: number, decode: (v: CellValue, row: number) => number, out: Int32Array): number {
  const memo = new Map<CellValue, number>();
  const codes: number[] = [];
  const hashes: number[] = [];
  const entryOf = new Int32Array(n); // each row's memo entry (-1: an Excel error cell)
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) {
    const v = col[i] ?? null;
    let e: number | undefined;
    if (i > 0 && v === (col[i - 1] ?? null)) e = entryOf[i - 1];
    else {
      const back = i - codes.length;
      if (back >= 0 && back < i && v === (col[back] ?? null)) e = entryOf[back];
    }
    if (e === undefined || e < 0) {
      if (v !== null && typeof v === "object") {
        // Excel errors are reported at their own row, never memoised.
        entryOf[i] = -1;
        out[i] = decode(v, i);
        h = fold(h, cellHash(v));
        continue;
      }
      e = memo.get(v);
      if (e === undefined) {
        e = codes.length;
        codes.push(decode(v, i));
        hashes.push(cellHash(v));
        memo.set(v, e);
      }
    }
    entryOf[i] = e;
    out[i] = codes[e];
    h = fold(h, hashes[e]);
  }
  return h;
}

/** Parses one stratum column into provisional level ids (or CODE_*); the first Excel error row or -1, and the column hash. */
export function readFactorColumn(col: CellValue[], n: number, reg: LevelRegistry, out: Int32Array): { firstError: number; hash: number } {
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
