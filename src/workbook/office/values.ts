// Cell values across the office.js boundary. Writing: office.js treats a string like typing, so
// "=…" would become a formula, "10-14" a date and "0123" a number; a leading apostrophe keeps
// text as text. Reading: empty cells come back as "" and errors as their "#N/A" text.
import type { CellValue } from "../../engine/types";
import type { PlanValue } from "../../report/plan";

/**
 * Could Excel read this string as anything but the same text? Conservative: any digit, a leading
 * sign, symbol or space, or a boolean word counts.
 */
export function needsQuote(s: string): boolean {
  return /^[\s=+\-@'#]/.test(s) || /\d/.test(s) || /^\s*(true|false)\s*$/i.test(s);
}

export function toExcelInput(v: PlanValue): string | number | boolean {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "boolean") return v;
  return v !== "" && needsQuote(v) ? `'${v}` : v;
}

const ERROR_LITERALS = new Set([
  "#N/A",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

/** A value from Range.values as a CellValue: "" → null, error text → { error }. */
export function fromExcel(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  const s = String(v);
  return ERROR_LITERALS.has(s) ? { error: s } : s;
}
