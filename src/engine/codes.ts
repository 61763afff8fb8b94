// SPEC §1 "Codes that must be understood": sex, age band and IMD readers.
// Each reader says whether a value is missing (a known "not stated" code or blank) or
// unreadable, because the exclusions report names the two differently.
import type { CellValue } from "./types";

/**
 * `total`: a totals or subtotals row (SPEC §1b), left out of the data rather than excluded.
 * `fromDate`: an age band read back from the date Excel made of it (warned). `serial`: a bare
 * number that can only be a date serial in an age column (an error).
 */
export type CodeResult =
  | { ok: true; value: string; fromDate?: boolean }
  | { ok: false; missing: boolean; total?: boolean; serial?: boolean };

const MISSING: CodeResult = { ok: false, missing: true };
const UNKNOWN: CodeResult = { ok: false, missing: false };
const TOTAL: CodeResult = { ok: false, missing: false, total: true };
const ok = (value: string): CodeResult => ({ ok: true, value });

// SPEC §1b totals: words that name a total of a column rather than one of its values.
const TOTAL_WORDS = new Set(["total", "totals", "grand total", "all", "overall"]);
const SEX_TOTALS = new Set(["persons", "all persons", "people", "both", "both sexes", "all sexes"]);
const AGE_TOTALS = new Set(["all ages", "all age", "total all ages", "all ages total"]);
const IMD_TOTALS = new Set(["all quintiles", "all deciles", "all imd"]);
const AREA_TOTALS = new Set([
  "england",
  "e92000001",
  "all areas",
  "all icbs",
  "england total",
  "total england",
  "national",
]);

/** Whether a trimmed lower-case stratum value names a total. */
function isTotalWord(t: string, extra?: Set<string>): boolean {
  return TOTAL_WORDS.has(t) || (extra !== undefined && extra.has(t));
}

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
  if (isTotalWord(t, SEX_TOTALS)) return TOTAL;
  const s = SEX[t];
  if (s === undefined) return UNKNOWN;
  return s === null ? MISSING : ok(s);
}

/** IMD quintile 1 (most deprived) … 5; text such as `1 Most deprived` is read by its leading digit. */
export function parseImd(v: CellValue): CodeResult {
  const n = imdNumber(v);
  if (typeof n !== "number") return n;
  return n >= 1 && n <= 5 ? ok(String(n)) : UNKNOWN;
}

/**
 * A column of IMD deciles (SPEC §1b: it holds 6–10): decile d is quintile ⌈d/2⌉. Whether a column
 * is one is decided over the whole column (levels.ts), since 1–5 alone reads either way.
 */
export function parseImdDecile(v: CellValue): CodeResult {
  const n = imdNumber(v);
  if (typeof n !== "number") return n;
  return n >= 1 && n <= 10 ? ok(String(Math.ceil(n / 2))) : UNKNOWN;
}

/** The whole number an IMD cell holds ("1", "1 Most deprived", "Q1", "Decile 10"), or why there is none. */
export function imdNumber(v: CellValue): number | CodeResult {
  if (typeof v === "number") return Number.isInteger(v) ? v : UNKNOWN;
  if (isErrorCell(v)) return UNKNOWN;
  const t = text(v);
  if (t === null) return UNKNOWN;
  if (NOT_STATED.has(t)) return MISSING;
  if (isTotalWord(t, IMD_TOTALS)) return TOTAL;
  // "1", "1 Most deprived", "1 - most deprived", "Q1", "Quintile 1", "IMD 1"; not "1.5".
  // Bounded prefix and digit run: linear in the cell's length.
  const m = /^(?:q|d|quintile|decile|imd|imd quintile|imd decile)?\s*([0-9]{1,3})(?![0-9.])/.exec(t);
  return m ? Number(m[1]) : UNKNOWN;
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
/** The largest serial Excel shows as a date (31 Dec 9999). */
const MAX_SERIAL = 2958465;

/** A single-year age: its five-year band, marked so that two ages of one band are not "repeats". */
export interface SingleAge extends AgeBand {
  single: number;
}

/**
 * Reads an age band or a single-year age into [lo, hi); null when unreadable, "missing" when not
 * stated, "total" for All ages, "serial" for a bare number that can only be a date serial, and a
 * band with `fromDate` for a date Excel made of a band (SPEC §1b).
 */
export function readAgeBand(
  v: CellValue,
): AgeBand | SingleAge | (AgeBand & { fromDate: true }) | "missing" | "total" | "serial" | null {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 0 && v <= MAX_AGE) return { ...fiveYearBand(v), single: v };
    return v > MAX_AGE && v <= MAX_SERIAL ? "serial" : null;
  }
  if (isErrorCell(v)) return null;
  let t = text(v);
  if (t === null) return null;
  if (NOT_STATED.has(t)) return "missing";
  if (isTotalWord(t, AGE_TOTALS)) return "total";
  const date = ageFromDateText(t);
  if (date) return { ...date, fromDate: true };
  t = t
    .replace(/[\u2010-\u2015\u2212]/g, "-") // en/em dashes and minus signs
    .replace(/\u2264/g, "<=")
    .replace(/\u2265/g, ">=")
    .replace(/^(?:age band|age group|aged|age)\s*:?\s*/, "")
    .replace(/\b(?:years?|yrs?)(?: old)?\b/g, " ") // "90 years and over", "0 to 4 years"
    .replace(/\s+/g, " ")
    .trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,3})$/.exec(t))) {
    const a = Number(m[1]);
    return a <= MAX_AGE ? { ...fiveYearBand(a), single: a } : null;
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

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * The band a date stands for, when Excel made the date of a band typed as `5-9` (5 Sep, or 9 May
 * in a US locale) or `10-14` (Oct 2014). The cell reaches us as ISO text (the .xlsx readers), or as
 * Excel's display text in a re-saved CSV ("05-Sep", "Oct-14", "05/09/2026"). Of the readings
 * (day-month, month-day, month-year), exactly one must be a five-year band or 1-4; else null.
 */
export function ageFromDateText(t: string): AgeBand | null {
  let m: RegExpExecArray | null;
  let y = -1;
  let mo = -1;
  let d = -1;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:t00:00(?::00)?(?:\.000)?z?)?$/.exec(t))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return bandFromParts([[d, mo], [mo, d], ...(d === 1 ? [[mo, y % 100] as [number, number]] : [])]);
  }
  if ((m = /^(\d{1,2})[- /]([a-z]{3})[a-z]*(?:[- /](\d{2}|\d{4}))?$/.exec(t))) {
    mo = MONTHS.indexOf(m[2]) + 1;
    d = Number(m[1]);
    return mo > 0
      ? bandFromParts([
          [d, mo],
          [mo, d],
        ])
      : null;
  }
  if ((m = /^([a-z]{3})[a-z]*[- /](\d{1,2}|\d{4})$/.exec(t))) {
    mo = MONTHS.indexOf(m[1]) + 1;
    return mo > 0 ? bandFromParts([[mo, Number(m[2]) % 100]]) : null;
  }
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t))) {
    const [a, b, yy] = [Number(m[1]), Number(m[2]), Number(m[3]) % 100];
    return bandFromParts([
      [a, b],
      [b, a],
      ...(a === 1 ? [[b, yy] as [number, number]] : []),
      ...(b === 1 ? [[a, yy] as [number, number]] : []),
    ]);
  }
  return null;
}

function bandFromParts(parts: [number, number][]): AgeBand | null {
  const fits = new Set(
    parts.filter(([lo, hi]) => (lo === 1 && hi === 4) || (lo % 5 === 0 && hi === lo + 4)).map(([lo]) => lo),
  );
  if (fits.size !== 1) return null;
  const lo = [...fits][0];
  return { lo, hi: lo === 1 ? 5 : lo + 5 };
}

/** Age band → canonical label ("0-4" … "85-89", "90+", or the table's own top band such as "85+"). */
export function parseAgeBand(v: CellValue): CodeResult {
  const r = parseAgeCode(v);
  return r.ok && r.value.endsWith("y") ? ok(ageLabel(ageBandOf(r.value)!)) : r;
}

/**
 * parseAgeBand as the level registry reads it: a single-year age is labelled "37y" until levels.ts
 * puts it in its five-year band, so that ages 37 and 38 are not taken for a repeated stratum.
 */
export function parseAgeCode(v: CellValue): CodeResult {
  const b = readAgeBand(v);
  if (b === "missing") return MISSING;
  if (b === "total") return TOTAL;
  if (b === "serial") return { ok: false, missing: false, serial: true };
  if (b === null) return UNKNOWN;
  if ("single" in b) return ok(`${b.single}y`);
  return "fromDate" in b ? { ok: true, value: ageLabel(b), fromDate: true } : ok(ageLabel(b));
}

/** Reads a label made by parseAgeBand back into its interval (a single year "37y" is its five-year band). */
export function ageBandOf(label: string): AgeBand | null {
  const y = /^(\d{1,3})y$/.exec(label);
  if (y) return fiveYearBand(Number(y[1]));
  const b = readAgeBand(label);
  return b === null || typeof b === "string" ? null : { lo: b.lo, hi: b.hi };
}

/** Area code: text or number, trimmed; blank → missing; Total, England, `QYG Total` → a total (SPEC §1b). */
export function parseArea(v: CellValue): CodeResult {
  if (typeof v === "number") return Number.isFinite(v) ? ok(String(v)) : UNKNOWN;
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return MISSING;
    const low = t.toLowerCase();
    if (isTotalWord(low, AREA_TOTALS) || low.endsWith(" total") || low.startsWith("total ")) return TOTAL;
    return ok(t);
  }
  if (v === null || v === undefined) return MISSING;
  return UNKNOWN;
}

/** The key area codes are matched by: case and surrounding spaces do not count (SPEC §1b). */
export function areaKey(code: string): string {
  return code.toUpperCase();
}

/** A generic stratum factor (any shared column): its text, trimmed; blank or "unknown" → missing. */
export function parseGeneric(v: CellValue): CodeResult {
  if (typeof v === "number") return Number.isFinite(v) ? ok(String(v)) : UNKNOWN;
  if (typeof v === "boolean") return ok(v ? "TRUE" : "FALSE");
  if (typeof v === "string") {
    const t = v.trim();
    const low = t.toLowerCase();
    if (NOT_STATED.has(low)) return MISSING;
    return low === "total" || low === "grand total" ? TOTAL : ok(t);
  }
  if (v === null || v === undefined) return MISSING;
  return UNKNOWN;
}
