// SPEC §1 "Codes that must be understood": sex, age band and IMD readers.
// Each reader says whether a value is missing (a known "not stated" code or blank) or
// unreadable, because the exclusions report names the two differently.
import type { CellValue } from "./types";

export type CodeResult = { ok: true; value: string } | { ok: false; missing: boolean };

const MISSING: CodeResult = { ok: false, missing: true };
const UNKNOWN: CodeResult = { ok: false, missing: false };
const ok = (value: string): CodeResult => ({ ok: true, value });

function isErrorCell(v: CellValue): boolean {
  return typeof v === "object" && v !== null;
}

/** Trimmed, lower-case text of a cell; "" for blank; null for Excel errors and booleans. */
function text(v: CellValue): string | null {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim().toLowerCase();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
  return null;
}

// Words that mean "not stated" in any stratum column.
export const NOT_STATED = new Set([
  "",
  "unknown",
  "not known",
  "not stated",
  "not specified",
  "na",
  "n/a",
  "null",
  "none",
  "-",
]);

// NHS Data Dictionary person stated gender: 1 male, 2 female, 9 indeterminate, X/0 not known.
export const SEX: Record<string, "Female" | "Male" | null> = {
  f: "Female",
  female: "Female",
  females: "Female",
  woman: "Female",
  women: "Female",
  "2": "Female",
  m: "Male",
  male: "Male",
  males: "Male",
  man: "Male",
  men: "Male",
  "1": "Male",
  "0": null,
  "9": null,
  x: null,
  u: null,
  i: null,
  indeterminate: null,
};

/** Sex: `F`/`Female`/`2` → Female, `M`/`Male`/`1` → Male; `0`, `9`, `X`, `U`, `Unknown`, blank → missing. */
export function parseSex(v: CellValue): CodeResult {
  if (isErrorCell(v)) return UNKNOWN;
  const t = text(v);
  if (t === null) return UNKNOWN;
  if (NOT_STATED.has(t)) return MISSING;
  const s = SEX[t];
  if (s === undefined) return UNKNOWN;
  return s === null ? MISSING : ok(s);
}

/** IMD quintile 1 (most deprived) … 5; text such as `1 Most deprived` is read by its leading digit. */
export function parseImd(v: CellValue): CodeResult {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= 5 ? ok(String(v)) : UNKNOWN;
  if (isErrorCell(v)) return UNKNOWN;
  const t = text(v);
  if (t === null) return UNKNOWN;
  if (NOT_STATED.has(t)) return MISSING;
  // "1", "1 Most deprived", "1 - most deprived", "Q1", "Quintile 1", "IMD 1"; not "10" or "1.5".
  const m = /^(?:q|quintile|imd|imd quintile)?\s*([0-9]+)(?![0-9.])/.exec(t);
  if (!m) return UNKNOWN;
  const n = Number(m[1]);
  return n >= 1 && n <= 5 ? ok(String(n)) : UNKNOWN;
}

/** An age band as a half-open interval [lo, hi) of whole years; hi = Infinity for a top band. */
export interface AgeBand {
  lo: number;
  hi: number;
}

/** Canonical label: "0-4", "85-89", "90+". */
export function ageLabel(b: AgeBand): string {
  return b.hi === Infinity ? `${b.lo}+` : `${b.lo}-${b.hi - 1}`;
}

/** The five-year band of a single-year age; 90 and over is the top band "90+". */
export function fiveYearBand(age: number): AgeBand {
  if (age >= 90) return { lo: 90, hi: Infinity };
  const lo = age - (age % 5);
  return { lo, hi: lo + 5 };
}

export const MAX_AGE = 130;

/** Reads an age band or a single-year age into [lo, hi); null when unreadable, "missing" when not stated. */
export function readAgeBand(v: CellValue): AgeBand | "missing" | null {
  if (typeof v === "number") {
    return Number.isInteger(v) && v >= 0 && v <= MAX_AGE ? fiveYearBand(v) : null;
  }
  if (isErrorCell(v)) return null;
  let t = text(v);
  if (t === null) return null;
  if (NOT_STATED.has(t)) return "missing";
  t = t
    .replace(/[\u2010-\u2015\u2212]/g, "-") // en/em dashes and minus signs
    .replace(/\u2264/g, "<=")
    .replace(/\u2265/g, ">=")
    .replace(/^(?:age band|age group|aged|age)\s*:?\s*/, "")
    .replace(/\b(?:years?|yrs?)(?: old)?\b/g, " ") // "90 years and over", "0 to 4 years"
    .replace(/\s+/g, " ")
    .trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)$/.exec(t))) {
    const a = Number(m[1]);
    return a <= MAX_AGE ? fiveYearBand(a) : null;
  }
  // "0-<5", "0 - <45", "0 to <5": upper bound exclusive.
  if ((m = /^(\d+)\s*(?:-|to)\s*<\s*(\d+)$/.exec(t))) return band(Number(m[1]), Number(m[2]));
  // "0-4", "00-04", "0 to 4": upper bound inclusive.
  if ((m = /^(\d+)\s*(?:-|to)\s*(\d+)$/.exec(t))) return band(Number(m[1]), Number(m[2]) + 1);
  // "90+", "90-", "90 and over", "90 or older", ">=90".
  if ((m = /^(\d+)\s*(?:\+|-|and over|and above|or over|or more|or older|plus)$/.exec(t)))
    return band(Number(m[1]), Infinity);
  if ((m = /^>=\s*(\d+)$/.exec(t))) return band(Number(m[1]), Infinity);
  // "under 5", "<5".
  if ((m = /^(?:under|<)\s*(\d+)$/.exec(t))) return band(0, Number(m[1]));
  return null;
}

function band(lo: number, hi: number): AgeBand | null {
  return lo < hi && lo <= MAX_AGE ? { lo, hi } : null;
}

/** Age band → canonical label ("0-4" … "85-89", "90+", or the table's own top band such as "85+"). */
export function parseAgeBand(v: CellValue): CodeResult {
  const b = readAgeBand(v);
  if (b === "missing") return MISSING;
  return b === null ? UNKNOWN : ok(ageLabel(b));
}

/** Reads a canonical label back into its interval (labels made by ageLabel). */
export function ageBandOf(label: string): AgeBand | null {
  const b = readAgeBand(label);
  return b === "missing" ? null : b;
}

/** Area code: text or number, trimmed; blank → missing. */
export function parseArea(v: CellValue): CodeResult {
  if (typeof v === "number") return Number.isFinite(v) ? ok(String(v)) : UNKNOWN;
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? MISSING : ok(t);
  }
  if (v === null || v === undefined) return MISSING;
  return UNKNOWN;
}

/** A generic stratum factor (any shared column): its text, trimmed; blank or "unknown" → missing. */
export function parseGeneric(v: CellValue): CodeResult {
  if (typeof v === "number") return Number.isFinite(v) ? ok(String(v)) : UNKNOWN;
  if (typeof v === "boolean") return ok(v ? "TRUE" : "FALSE");
  if (typeof v === "string") {
    const t = v.trim();
    return NOT_STATED.has(t.toLowerCase()) ? MISSING : ok(t);
  }
  if (v === null || v === undefined) return MISSING;
  return UNKNOWN;
}
