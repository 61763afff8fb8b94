// Reading one count or population cell (SPEC §1): numbers ≥ 0; blank is 0 (warned); text, negatives
// and Excel errors are invalid. Status codes instead of objects keep the 1M-row loops allocation-free.
import type { CellValue } from "./types";

export const NUM_OK = 0;
export const NUM_BLANK = 1;
export const NUM_TEXT = 2;
export const NUM_NEGATIVE = 3;
export const NUM_ERROR = 4;

/** numRead[0] is the value read by the last readNumber call (a typed array: no live-binding cost). */
export const numRead = new Float64Array(1);

// One way to split the digits (no `\d+\.?\d*`, which backtracks quadratically on a long run of
// digits followed by a letter): matching takes time linear in the cell's length (SPEC §1b).
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Reads a count/population cell into numRead[0] and returns its status. Numeric text ("1,234") is a number. */
export function readNumber(v: CellValue | undefined): number {
  if (typeof v === "number") {
    numRead[0] = v;
    if (v >= 0 && v !== Infinity) return NUM_OK;
    return v < 0 ? NUM_NEGATIVE : NUM_TEXT;
  }
  if (v === null || v === undefined) {
    numRead[0] = 0;
    return NUM_BLANK;
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") {
      numRead[0] = 0;
      return NUM_BLANK;
    }
    const u = t.replace(/,(?=\d{3}(?:\D|$))/g, "");
    if (NUMERIC.test(u)) {
      numRead[0] = Number(u);
      return numRead[0] < 0 ? NUM_NEGATIVE : NUM_OK;
    }
    numRead[0] = NaN;
    return NUM_TEXT;
  }
  numRead[0] = NaN;
  return typeof v === "boolean" ? NUM_TEXT : NUM_ERROR;
}

/** The error a reader gives a formula cell with no saved result (SPEC §1b): its value is unknown. */
export const FORMULA_WITHOUT_RESULT = "#NO_SAVED_RESULT";

/** How a bad cell is described in a message. */
export function describeCell(v: CellValue | undefined): string {
  if (v !== null && typeof v === "object" && v.error === FORMULA_WITHOUT_RESULT)
    return "a formula with no saved result (the file was written by a program and never saved by Excel: open it in Excel and save it, so that the results are stored)";
  if (v !== null && typeof v === "object") return `the Excel error ${v.error}`;
  if (typeof v === "string") return `the text "${v.length > 40 ? v.slice(0, 40) + "…" : v}"`;
  if (typeof v === "boolean") return `the value ${v ? "TRUE" : "FALSE"}`;
  return `the value ${String(v)}`;
}
