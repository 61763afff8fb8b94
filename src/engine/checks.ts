// SPEC §1b checks on a value column before it is added up: numbers too large to sum exactly, and
// text whose point may be a thousands separator. Also the blank-row test used by the builders.
import { describeCell } from "./cells";
import { describeLocation, InputError } from "./errors";
import type { ResolvedTable } from "./mapping";
import { cellLocation } from "./readers";
import type { CellValue } from "./types";

/** Above this a sum of counts is no longer exact enough to report (SPEC §1b). */
export const MAX_TOTAL = 1e15;

/** A value or a column total above 1e15: the error names the cell (or the column's first row). */
export function tooLarge(rt: ResolvedTable, i: number, j: number, what: "value" | "total"): InputError {
  const loc = cellLocation(rt, i, j);
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

/** Digits after the point of a number or numeric text ("26.203" → 3); -1 when it has none. */
function decimals(v: CellValue | undefined): number {
  let t: string;
  if (typeof v === "number") {
    if (Number.isInteger(v) || !(v > 0)) return -1;
    t = String(v);
  } else if (typeof v === "string") {
    t = v.trim();
    if (t.length > 40 || !/^\d*\.\d+$/.test(t)) return -1;
  } else return -1;
  const dot = t.indexOf(".");
  return dot < 0 || t.includes("e") ? -1 : t.length - dot - 1;
}

/**
 * "26.203" where the column's values with a point have three decimals (a number such as 26.210
 * read from text shows two: at most three, and mostly exactly three) reads either as 26.203 or as
 * 26,203 with a point between thousands (SPEC §1b): refused, asking which. Needs two or more such
 * values, so that one fraction is just a fraction.
 */
export function checkThousands(rt: ResolvedTable, j: number): void {
  const col = rt.table.columns[j];
  const n = rt.table.rowCount;
  let first = -1;
  let count = 0;
  let three = 0;
  for (let i = 0; i < n; i++) {
    const d = decimals(col[i]);
    if (d < 0) continue;
    if (d > 3) return;
    if (d === 3 && first < 0) first = i;
    count++;
    if (d === 3) three++;
  }
  if (three < 2 || three < 0.8 * count) return;
  const loc = cellLocation(rt, first, j);
  const v = String(col[first]).trim();
  const [whole, dec] = v.split(".");
  throw new InputError(
    `${describeLocation(loc, String(rt.table.headers[j]))}: ${v} could be ${whole}${dec} written with a point between thousands, or ${v}: the values with a point in this column (${count}) have three decimals (${rt.role} table). Write whole numbers without separators (${whole}${dec}), or give fractions with another number of decimals.`,
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
