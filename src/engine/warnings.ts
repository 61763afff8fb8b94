// Warnings (SPEC §1): the computation continues, but the user is told what was assumed and where.
import { describeLocation } from "./errors";
import type { ResolvedTable } from "./mapping";
import type { RunWarning } from "./types";

const SAMPLE_ROWS = 10;

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export class Warnings {
  readonly list: RunWarning[] = [];

  add(w: RunWarning): void {
    this.list.push(w);
  }

  private rows(rt: ResolvedTable, rows: number[]): number[] {
    const out: number[] = [];
    for (const i of rows) {
      const r = rt.table.source.headerRow + 1 + i;
      if (out[out.length - 1] !== r) out.push(r);
      if (out.length >= SAMPLE_ROWS) break;
    }
    return out;
  }

  private unique(rows: number[]): number {
    let n = 0;
    for (let k = 0; k < rows.length; k++) if (k === 0 || rows[k] !== rows[k - 1]) n++;
    return n;
  }

  /** Totals and subtotals rows (SPEC §1b): said once, with one example cell. */
  totals(rt: ResolvedTable, rows: number[], columnOf: (i: number) => number): void {
    if (!rows.length) return;
    const n = rows.length;
    const i = rows[0];
    const j = columnOf(i);
    const loc = {
      source: rt.table.source,
      row: rt.table.source.headerRow + 1 + i,
      column: rt.table.source.firstColumn + j,
    };
    this.add({
      kind: "totals-left-out",
      table: rt.role,
      message: `${n} total ${plural(n, "row", "rows")} left out of the ${rt.role} table (totals and subtotals such as ${describeLocation(loc, String(rt.table.headers[j]))}: "${String(rt.table.columns[j][i] ?? "")}"); they are never added in.`,
      count: n,
      rows: this.rows(rt, rows),
    });
  }

  blank(rt: ResolvedTable, rows: number[]): void {
    if (!rows.length) return;
    const n = this.unique(rows);
    const what = rt.role === "population" ? "population" : "count";
    this.add({
      kind: "blank-as-zero",
      table: rt.role,
      message: `${n} ${plural(n, "row", "rows")} of the ${rt.role} table ${plural(n, "has a", "have a")} blank ${what}, read as 0.`,
      count: n,
      rows: this.rows(rt, rows),
    });
  }

  invalid(rt: ResolvedTable, rows: number[]): void {
    if (!rows.length) return;
    const n = this.unique(rows);
    this.add({
      kind: "excluded-invalid",
      table: rt.role,
      message: `${n} ${plural(n, "row", "rows")} of the ${rt.role} table with an invalid value (text, a negative number or an Excel error) ${plural(n, "was", "were")} excluded, as asked.`,
      count: n,
      rows: this.rows(rt, rows),
    });
  }

  /** A table summed over recognised columns that are not strata repeats strata by design, so it is
   * told that instead of being warned of the repeats. */
  summedOverOrDuplicates(rt: ResolvedTable, summedOver: string[], duplicateRows: number[]): void {
    if (!summedOver.length) return this.duplicates(rt, duplicateRows);
    const table = rt.role[0].toUpperCase() + rt.role.slice(1);
    this.add({
      kind: "other",
      table: rt.role,
      message: `${table} rows were added up over ${summedOver.join(", ")}, which ${plural(summedOver.length, "is", "are")} not a stratum here.`,
    });
  }

  duplicates(rt: ResolvedTable, rows: number[]): void {
    if (!rows.length) return;
    const n = this.unique(rows);
    this.add({
      kind: "duplicate-stratum",
      table: rt.role,
      message: `${n} ${plural(n, "row", "rows")} of the ${rt.role} table repeat${plural(n, "s", "")} a stratum already given; the values were added together.`,
      count: n,
      rows: this.rows(rt, rows),
    });
  }
}
