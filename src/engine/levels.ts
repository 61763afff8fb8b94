// Stratum factor levels: each column's cells are parsed once per distinct value (memoised), into
// provisional level ids; once every table is read, levels are put in their natural order.
import {
  ageBandOf,
  ageLabel,
  imdNumber,
  parseAgeCode,
  parseGeneric,
  parseImd,
  parseImdDecile,
  parseSex,
  type AgeBand,
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
/** A totals or subtotals row (SPEC §1b): left out of the data, reported once, never excluded. */
export const CODE_TOTAL = -4;

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
        return parseAgeCode;
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
  finalise(used?: Set<number>): { levels: string[]; remap: Int32Array } {
    let finalOf = this.labels.slice();
    let order: (a: string, b: string) => number = () => 0;
    if (this.factor.kind === "age") {
      // Bands that overlap across tables were checked (ageBands) to nest: each becomes the band
      // of its group of overlapping bands (a top band "85+" absorbs "85-89" and "90+"; "Under 1"
      // and "1-4" make "0-4" against a table with "0-4").
      const bands = this.labels.map((l) => ageBandOf(l)!);
      const live = bands.map((_, i) => !used || used.has(i));
      const groups = overlapGroups(bands.filter((_, i) => live[i]));
      finalOf = bands.map((b) => ageLabel(groups.find((g) => g.lo <= b.lo && b.hi <= g.hi) ?? b));
      finalOf = finalOf.map((l, i) => (live[i] ? l : ""));
      order = (a, b) => ageBandOf(a)!.lo - ageBandOf(b)!.lo || ageBandOf(a)!.hi - ageBandOf(b)!.hi;
    } else if (this.factor.kind === "sex") {
      order = (a, b) => (a === "Female" ? 0 : 1) - (b === "Female" ? 0 : 1);
    } else if (this.factor.kind === "imd") {
      order = (a, b) => Number(a) - Number(b);
    }
    const levels = [...new Set(finalOf.filter((l) => l !== ""))].sort(order); // stable: generic levels keep first-seen order
    const index = new Map(levels.map((l, i) => [l, i]));
    const remap = new Int32Array(this.labels.length);
    finalOf.forEach((l, i) => (remap[i] = index.get(l) ?? 0));
    return { levels, remap };
  }
}

/** The groups of transitively overlapping bands, each as the band spanning it. */
export function overlapGroups(bands: AgeBand[]): AgeBand[] {
  const sorted = bands.slice().sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  const out: AgeBand[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.lo < last.hi) last.hi = Math.max(last.hi, b.hi);
    else out.push({ lo: b.lo, hi: b.hi });
  }
  return out;
}

/** What one table's age bands say about themselves (SPEC §1b): subtotals, and bands that overlap. */
export interface TableBands {
  /** Provisional ids that are subtotals of other bands of the same table (65+ beside 65-69 … 90+). */
  subtotals: Set<number>;
  /** Two bands of the table that overlap without one holding the other (ids), if any. */
  clash?: [number, number];
}

/**
 * Subtotal bands of one table: a band holding another band of the same table is a sum of them.
 * What remains must not overlap; `clash` names the first two that do.
 */
export function tableBands(labels: string[], ids: Set<number>): TableBands {
  const bands = [...ids].map((id) => ({ id, b: ageBandOf(labels[id])! }));
  const holds = (x: AgeBand, y: AgeBand) => x.lo <= y.lo && y.hi <= x.hi && (x.lo !== y.lo || x.hi !== y.hi);
  const subtotals = new Set(bands.filter((x) => bands.some((y) => holds(x.b, y.b))).map((x) => x.id));
  const rest = bands.filter((x) => !subtotals.has(x.id));
  for (const x of rest)
    for (const y of rest)
      if (x.id < y.id && x.b.lo < y.b.hi && y.b.lo < x.b.hi && !(x.b.lo === y.b.lo && x.b.hi === y.b.hi))
        return { subtotals, clash: [x.id, y.id] };
  return { subtotals };
}

/**
 * Bands of two tables that overlap must nest (one holds the other): "Under 1" + "1-4" against
 * "0-4" are added, but "3-7" against "0-4" and "5-9" is an error. Returns the first pair that does not.
 */
export function crossClash(labels: string[], a: Set<number>, b: Set<number>): [number, number] | undefined {
  for (const x of a) {
    const bx = ageBandOf(labels[x])!;
    for (const y of b) {
      const by = ageBandOf(labels[y])!;
      const overlap = bx.lo < by.hi && by.lo < bx.hi;
      const nest = (bx.lo <= by.lo && by.hi <= bx.hi) || (by.lo <= bx.lo && bx.hi <= by.hi);
      if (overlap && !nest) return [x, y];
    }
  }
  return undefined;
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

export interface FactorColumnRead {
  /** First row (0-based) with an Excel error, or -1. */
  firstError: number;
  hash: number;
  /** First row holding a bare number that can only be a date serial (age), or -1. */
  firstSerial: number;
  /** Rows whose age band was read back from a date Excel made of it, and the first of them. */
  dateRows: number;
  firstDate: number;
  /** The column held IMD deciles, read as quintiles. */
  deciles: boolean;
}

/** Distinct IMD values 6–10 that make a column deciles: a stray typo in quintiles does not. */
const DECILE_EVIDENCE = 3;

/** Parses one stratum column into provisional level ids (or CODE_*), with what was noticed on the way. */
export function readFactorColumn(
  col: CellValue[],
  n: number,
  reg: LevelRegistry,
  out: Int32Array,
): FactorColumnRead {
  let parse = reg.parser();
  const highImd = new Set<number>();
  const read = (): FactorColumnRead => {
    const r: FactorColumnRead = {
      firstError: -1,
      hash: 0,
      firstSerial: -1,
      dateRows: 0,
      firstDate: -1,
      deciles: parse === parseImdDecile,
    };
    const dates = new Set<CellValue>();
    r.hash = readColumnCodes(
      col,
      n,
      (v, i) => {
        if (v !== null && typeof v === "object") {
          if (r.firstError < 0) r.firstError = i;
          return CODE_ERROR;
        }
        if (reg.factor.kind === "imd") {
          const k = imdNumber(v);
          if (typeof k === "number" && k >= 6 && k <= 10) highImd.add(k);
        }
        const c = parse(v);
        if (c.ok) {
          if (c.fromDate) {
            dates.add(v);
            if (r.firstDate < 0) r.firstDate = i;
          }
          return reg.id(c.value);
        }
        if (c.serial && r.firstSerial < 0) r.firstSerial = i;
        return c.total ? CODE_TOTAL : c.missing ? CODE_MISSING : CODE_UNKNOWN;
      },
      out,
    );
    if (dates.size) for (let i = 0; i < n; i++) if (dates.has(col[i] ?? null)) r.dateRows++;
    return r;
  };
  const first = read();
  if (reg.factor.kind !== "imd" || highImd.size < DECILE_EVIDENCE) return first;
  parse = parseImdDecile;
  return read();
}
