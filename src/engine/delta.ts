// The incremental path (issue 5, Live what-if): keep the cube and where each row went, so that
// replacing a few rows updates the cube by the difference and results are recomputed from it.
// The delta path is taken only when it provably gives a fresh run()'s results bit for bit:
// the edited rows keep their area, strata and measure, stay included, and every value involved is
// a whole number (sums of integers below 2^53 are exact in any order). Anything else (a new code,
// a blank, a fraction, an excluded row, a stratum losing its last person) rebuilds the cube.
import { buildCube, type Cube, type CubeTrace } from "./cube";
import { NUM_OK, numRead, readNumber } from "./cells";
import { cellHash, FNV_OFFSET, fold, tableHash } from "./hash";
import type { ResolvedTable } from "./mapping";
import { resultsFromCube, DEFAULT_MULTIPLIER } from "./run";
import { InputError } from "./errors";
import { MAX_TOTAL } from "./checks";
import type { CellValue, Results, RunInput, RunOptions } from "./types";

/** One data row of a table (0-based, below the header) replaced by new values, one per column. */
export interface RowEdit {
  row: number;
  values: CellValue[];
}

export type EditedTable = "population" | "activity";

export interface DeltaOutcome {
  results: Results;
  /** "delta": the cube was updated by the difference; "full": it was rebuilt. */
  mode: "delta" | "full";
}

/** Whole values up to this are exact in any sum (2^53), and below the 1e15 refusal of SPEC §1b. */
const MAX_EXACT = MAX_TOTAL;

/** A whole number ≥ 0 read the way the cube builders read it, or -1. */
function wholeValue(v: CellValue | undefined): number {
  if (readNumber(v) !== NUM_OK) return -1;
  const x = numRead[0];
  return Number.isInteger(x) && x < MAX_EXACT ? x : -1;
}

const same = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  a === b ||
  (a !== null && b !== null && typeof a === "object" && typeof b === "object" && a.error === b.error);

/**
 * Results that follow edits to the input tables. It owns `input`'s tables from now on: edits are
 * written into their columns, so a later full rebuild sees them.
 */
export class LiveEngine {
  results!: Results;
  private cube!: Cube;
  private trace!: CubeTrace;
  /** Every value of the cubes is whole, so sums are exact in any order. */
  private exact = false;
  /** Per-cell hashes of the value columns, kept so a column's hash is refolded without rehashing every cell. */
  private cellHashes = new Map<ResolvedTable, Map<number, Int32Array>>();

  constructor(
    readonly input: RunInput,
    readonly options: RunOptions = {},
  ) {
    this.rebuild();
  }

  /** A fresh build of the cube from the current tables (what run() does). */
  rebuild(): Results {
    multiplierOf(this.options);
    this.exact = false; // until a build succeeds, never trust the old cube
    const trace: CubeTrace = {};
    this.cube = buildCube(this.input, this.options, trace);
    this.trace = trace;
    this.cellHashes.clear();
    this.exact = this.allWhole();
    this.results = resultsFromCube(this.cube, this.options);
    return this.results;
  }

  /** Replaces rows of one table; rows must lie inside it (a longer or shorter table is a full reread). */
  apply(role: EditedTable, edits: RowEdit[]): DeltaOutcome {
    const table = this.input[role];
    for (const e of edits) {
      if (!(e.row >= 0 && e.row < table.rowCount && Number.isInteger(e.row)))
        throw new RangeError(`Row ${e.row} is outside the ${role} table (${table.rowCount} rows).`);
    }
    const ok = this.exact && this.tryDelta(role, edits);
    // Whatever happened, the tables now hold the new values.
    for (const e of edits) table.columns.forEach((col, j) => (col[e.row] = e.values[j] ?? null));
    if (ok) {
      this.refreshMeta(role, edits);
      this.results = resultsFromCube(this.cube, this.options);
      return { results: this.results, mode: "delta" };
    }
    return { results: this.rebuild(), mode: "full" };
  }

  /** Updates the cube by the difference when that is exact; false (cube untouched) otherwise. */
  private tryDelta(role: EditedTable, edits: RowEdit[]): boolean {
    const t = this.trace;
    const rt = role === "population" ? t.pop! : t.act!;
    const wide = this.valueColumns(rt);
    const { S, A } = this.cube;
    // Plan every change first: a refusal must leave the cube as it was.
    const changes: { idx: number; d: number; a: number }[] = [];
    const seen = new Set<number>();
    for (const e of edits) {
      if (seen.has(e.row)) return false; // the same row twice in one batch: keep it simple
      seen.add(e.row);
      const cols = rt.table.columns;
      const valueCols = wide ?? [{ j: rt.col.count, m: t.rowMeasure![e.row] }];
      const valueSet = new Set(valueCols.map((v) => v.j));
      for (let j = 0; j < cols.length; j++) {
        if (!valueSet.has(j) && !same(cols[j][e.row], e.values[j] ?? null)) return false;
      }
      const i = e.row;
      const a = role === "population" ? t.popArea![i] : t.actArea![i];
      const s = role === "population" ? t.popStrata![i] : t.actStrata![i];
      if (a < 0 || s < 0) return false;
      for (const { j, m } of valueCols) {
        const before = wholeValue(cols[j][i]);
        const after = wholeValue(e.values[j] ?? null);
        if (before < 0 || after < 0) return false;
        if (m < 0) {
          if (m === -2) continue; // a measure not asked for: only the content hash changes
          return false;
        }
        if (after !== before)
          changes.push({
            idx: role === "population" ? a * S + s : (m * A + a) * S + s,
            d: after - before,
            a,
          });
      }
    }
    if (role === "population") {
      // A stratum must keep people nationally (else its activity is excluded or comes back).
      const natPop = new Float64Array(S);
      const pop = this.cube.pop;
      for (let x = 0; x < pop.length; x++) natPop[x % S] += pop[x];
      const after = natPop.slice();
      for (const c of changes) after[c.idx % S] += c.d;
      for (const c of changes) if (!(natPop[c.idx % S] > 0 && after[c.idx % S] > 0)) return false;
      // The area's own population in the stratum too: at 0 its activity there is excluded (SPEC §1b).
      const cell = new Map<number, number>();
      for (const c of changes) cell.set(c.idx, (cell.get(c.idx) ?? pop[c.idx]) + c.d);
      for (const [idx, v] of cell) if (!(pop[idx] > 0 && v > 0)) return false;
      let total = 0;
      for (let s = 0; s < S; s++) total += after[s];
      if (!(total > 0 && total <= MAX_TOTAL)) return false;
      for (const c of changes) pop[c.idx] += c.d;
    } else {
      // Activity in a stratum without national population was excluded: such a row is not in the cube.
      const natPop = new Float64Array(S);
      const pop = this.cube.pop;
      for (let x = 0; x < pop.length; x++) natPop[x % S] += pop[x];
      const { refPop } = this.cube;
      for (const c of changes) {
        const s = c.idx % S;
        const m = Math.floor(c.idx / (A * S));
        if (!(natPop[s] > 0) || (refPop && !(refPop[m * S + s] > 0))) return false;
        if (!(pop[c.a * S + s] > 0)) return false; // excluded: no population in its area and stratum
      }
      let total = 0;
      for (const x of this.cube.obs) total += x;
      for (const c of changes) total += c.d;
      if (!(total <= MAX_TOTAL)) return false;
      for (const c of changes) {
        this.cube.obs[c.idx] += c.d;
        t.includedByArea![c.a] += c.d;
      }
    }
    return true;
  }

  /** The columns holding numbers the cube adds up, with their measure; undefined for long activity (per row). */
  private valueColumns(rt: ResolvedTable): { j: number; m: number }[] | undefined {
    if (rt.role === "population") return [{ j: rt.col.population, m: 0 }];
    if (rt.layout === "wide") return this.trace.wideColumns!;
    return undefined;
  }

  /** Exclusion totals and the edited table's content hash, as a fresh build would give them. */
  private refreshMeta(role: EditedTable, edits: RowEdit[]): void {
    const t = this.trace;
    const rt = role === "population" ? t.pop! : t.act!;
    const hashes = t.hashes!.get(rt)!;
    // Only value columns change on this path; the others keep their hashes.
    const valueCols = this.valueColumns(rt) ?? [{ j: rt.col.count, m: 0 }];
    let byCol = this.cellHashes.get(rt);
    if (!byCol) this.cellHashes.set(rt, (byCol = new Map()));
    const n = rt.table.rowCount;
    for (const { j } of valueCols) {
      if (hashes[j] === undefined) continue; // tableHash computes it
      const col = rt.table.columns[j];
      let ch = byCol.get(j);
      if (!ch) {
        byCol.set(j, (ch = new Int32Array(n)));
        for (let i = 0; i < n; i++) ch[i] = cellHash(col[i]);
      } else for (const e of edits) ch[e.row] = cellHash(col[e.row]);
      let h = FNV_OFFSET;
      for (let i = 0; i < n; i++) h = fold(h, ch[i]);
      hashes[j] = h;
    }
    const summary = this.cube.tables.find((x) => x.role === role);
    if (summary) summary.hash = tableHash(rt.table, hashes);
    const { M, A, S, obs, measures, areas } = this.cube;
    const byMeasure = new Float64Array(M);
    for (let m = 0; m < M; m++) {
      let s = 0;
      for (let i = m * A * S, end = (m + 1) * A * S; i < end; i++) s += obs[i];
      byMeasure[m] = s;
    }
    this.cube.exclusions = t.tally!.finish(
      measures,
      byMeasure,
      areas,
      t.includedByArea!,
      t.populationExcludedRows!,
    );
  }

  /** True when every population and included count is a whole number (no fractional-count warning). */
  private allWhole(): boolean {
    if (this.cube.warnings.some((w) => w.kind === "fractional-count")) return false;
    for (const x of this.cube.pop) if (!Number.isInteger(x)) return false;
    const p = this.trace.pop!;
    const col = p.table.columns[p.col.population];
    for (let i = 0; i < p.table.rowCount; i++) {
      const v = col[i];
      if (typeof v === "number" && !Number.isInteger(v)) return false;
    }
    return true;
  }
}

/** The multiplier a run would use (for callers that check options up front). */
export function multiplierOf(options: RunOptions): number {
  const k = options.multiplier ?? DEFAULT_MULTIPLIER;
  if (!(Number.isFinite(k) && k > 0))
    throw new InputError(`The multiplier must be a positive number, not ${String(options.multiplier)}.`);
  return k;
}
