// SPEC §1b checks on a value column before it is added up: numbers too large to sum exactly, and
// text whose point may be a thousands separator. Also the blank-row test used by the builders.
import { describeCell } from "./cells";
import { describeLocation, InputError } from "./errors";
import type { ResolvedTable, TableRole } from "./mapping";
import type { CellValue } from "./types";

/** Above this a sum of counts is no longer exact enough to report (SPEC §1b). */
export const MAX_TOTAL = 1e15;

function location(rt: ResolvedTable, i: number, j: number) {
  return {
    table: rt.role as TableRole,
    source: rt.table.source,
    row: rt.table.source.headerRow + 1 + i,
    column: rt.table.source.firstColumn + j,
  };
}

/** A value or a column total above 1e15: the error names the cell (or the column's first row). */
export function tooLarge(rt: ResolvedTable, i: number, j: number, what: "value" | "total"): InputError {
  const loc = location(rt, i, j);
  const header = String(rt.table.headers[j]);
  const why =
    what === "value"
      ? `${describeCell(rt.table.columns[j][i])} is too large to add up exactly (above 1e15)`
      : `the column adds up to more than 1e15, too large to add up exactly`;
  return new InputError(
    `${describeLocation(loc, header)}: ${why} (${rt.role} table). Check the cell for a stray exponent or a pasted code.`,
    loc,
  );
}

const THREE_DECIMALS = /^\d+\.\d{3}$/;

/**
 * "26.203" where every non-whole value of the column has exactly three decimals reads either as
 * 26.203 or as 26,203 with a point for thousands (SPEC §1b): refused unless one reading is clear.
 * Needs two or more such values, so that a single fraction is just a fraction.
 */
export function checkThousands(rt: ResolvedTable, j: number): void {
  const col = rt.table.columns[j];
  const n = rt.table.rowCount;
  let first = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    let t: string;
    if (typeof v === "number") {
      if (Number.isInteger(v) || !(v > 0)) continue;
      t = String(v);
    } else if (typeof v === "string") {
      t = v.trim();
      if (!/^\d*\.\d+$/.test(t)) continue;
    } else continue;
    if (!THREE_DECIMALS.test(t)) return;
    if (first < 0) first = i;
    count++;
  }
  if (count < 2) return;
  const loc = location(rt, first, j);
  const v = String(col[first]).trim();
  const [whole, dec] = v.split(".");
  throw new InputError(
    `${describeLocation(loc, String(rt.table.headers[j]))}: ${v} could be ${whole}${dec} written with a point between thousands, or ${v}: every value with a point in this column (${count}) has exactly three decimals (${rt.role} table). Write whole numbers without separators (${whole}${dec}), or give fractions with another number of decimals.`,
    loc,
  );
}

function blank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Whether data row i is blank in every column (a gap inside the table, not a row to exclude). */
export function isBlankRow(rt: ResolvedTable, i: number): boolean {
  for (const col of rt.table.columns) if (!blank(col[i])) return false;
  return true;
}

/** A table whose values add up to more than 1e15 (each value may be below it): refused. */
export function checkTotals(rt: ResolvedTable, cube: Float64Array, j: number): void {
  let t = 0;
  for (let x = 0; x < cube.length; x++) t += cube[x];
  if (t > MAX_TOTAL) throw tooLarge(rt, 0, j, "total");
}
