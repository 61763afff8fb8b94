// SPEC §1 codes as SQL expressions, mirroring src/engine/codes.ts rule for rule: the same code
// lists (imported from the engine, not copied) and the same patterns. Patterns avoid backslashes
// and look-arounds so that RE2 (DuckDB), Java (Spark) and PostgreSQL read them alike.
import { MAX_AGE, NOT_STATED, SEX } from "../engine/codes";
import { lit, type Dialect } from "./dialect";

/** The open top band's upper bound ("90+" is [90, OPEN)): a number, so that keys join with `=`. */
export const OPEN = 1000;

// A tab inside the class: JavaScript writes the character itself into the SQL text.
const WS = "[ \t\r\n]";

/**
 * A cell as the engine sees its text: trimmed; a whole number stored as a double (1.0, which
 * DuckDB and Spark print with its ".0") reads as "1", as the engine's String(1) does.
 */
export function cellText(d: Dialect, col: string): string {
  const t = `TRIM(CAST(${col} AS ${d.text}))`;
  return `CASE WHEN ${d.matches(t, "^-?[0-9]+[.]0+$")} THEN ${d.group(t, "^(-?[0-9]+)[.]0+$", 1)} ELSE ${t} END`;
}

const notStated = (t: string) => `(${t} IS NULL OR LOWER(${t}) IN (${[...NOT_STATED].map(lit).join(", ")}))`;

/** Area code or measure name: trimmed text, NULL when blank. */
export function areaSql(d: Dialect, col: string): string {
  const t = cellText(d, col);
  return `NULLIF(${t}, '')`;
}

/** A generic stratum factor: its trimmed text, NULL when not stated. */
export function genericSql(d: Dialect, col: string): string {
  const t = cellText(d, col);
  return `CASE WHEN ${notStated(t)} THEN NULL ELSE ${t} END`;
}

/** Sex → 'Female' | 'Male' | NULL. */
export function sexSql(d: Dialect, col: string): string {
  const t = `LOWER(${cellText(d, col)})`;
  const of = (v: "Female" | "Male") =>
    Object.entries(SEX)
      .filter(([, s]) => s === v)
      .map(([k]) => lit(k))
      .join(", ");
  return `CASE WHEN ${t} IN (${of("Female")}) THEN 'Female' WHEN ${t} IN (${of("Male")}) THEN 'Male' END`;
}

/** IMD quintile 1…5 or NULL; text such as "1 Most deprived" by its leading digit. */
export function imdSql(d: Dialect, col: string): string {
  const t = `LOWER(${cellText(d, col)})`;
  // The engine's /^(?:q|quintile|imd|imd quintile)?\s*([0-9]+)(?![0-9.])/ restricted to 1…5.
  const re = `^(?:q|quintile|imd|imd quintile)?${WS}*0*([1-5])([^0-9.].*)?$`;
  return `CASE WHEN ${d.matches(t, re)} THEN ${d.toInt(d.group(t, re, 1))} END`;
}

/**
 * Age band as [lo, hi) of whole years, as two expressions over the normalised text `t`
 * (see ageTextSql): single years go into their five-year band, 90 and over into [90, OPEN).
 * Check the result with validBandSql.
 */
export function ageBoundsSql(d: Dialect, t: string): { lo: string; hi: string } {
  const n = (re: string, g: number) => d.toInt(d.group(t, re, g));
  const single = "^([0-9]{1,6})$";
  const halfOpen = "^([0-9]{1,6}) ?(?:-|to) ?< ?([0-9]{1,6})$";
  const closed = "^([0-9]{1,6}) ?(?:-|to) ?([0-9]{1,6})$";
  const top = "^([0-9]{1,6}) ?(?:[+]|-|and over|and above|or over|or more|or older|plus)$";
  const atLeast = "^>= ?([0-9]{1,6})$";
  const under = "^(?:under|<) ?([0-9]{1,6})$";
  const a = n(single, 1);
  const cases: [string, string, string][] = [
    [
      single,
      `CASE WHEN ${a} > ${MAX_AGE} THEN NULL WHEN ${a} >= 90 THEN 90 ELSE ${a} - ${a} % 5 END`,
      `CASE WHEN ${a} >= 90 THEN ${OPEN} ELSE ${a} - ${a} % 5 + 5 END`,
    ],
    [halfOpen, n(halfOpen, 1), n(halfOpen, 2)],
    [closed, n(closed, 1), `${n(closed, 2)} + 1`],
    [top, n(top, 1), String(OPEN)],
    [atLeast, n(atLeast, 1), String(OPEN)],
    [under, "0", n(under, 1)],
  ];
  const pick = (k: 1 | 2) =>
    `CASE ${cases.map((c) => `WHEN ${d.matches(t, c[0])} THEN ${c[k]}`).join(" ")} END`;
  return { lo: pick(1), hi: pick(2) };
}

/** The engine's band(lo, hi): a band is readable when lo < hi and lo ≤ MAX_AGE (over columns of bounds). */
export function validBandSql(lo: string, hi: string): string {
  return `(${lo} < ${hi} AND ${lo} <= ${MAX_AGE})`;
}

/** The engine's readAgeBand normalisation: dashes, ≤/≥, an "age" prefix and "years" dropped, spaces collapsed. */
export function ageTextSql(d: Dialect, col: string): string {
  let t = `LOWER(${cellText(d, col)})`;
  t = `CASE WHEN ${notStated(t)} THEN NULL ELSE ${t} END`;
  t = d.replaceAll(t, "[\u2010-\u2015\u2212]", "-");
  t = d.replaceAll(t, "\u2264", "<=");
  t = d.replaceAll(t, "\u2265", ">=");
  t = d.replaceAll(t, `^(?:age band|age group|aged|age)${WS}*:?${WS}*`, "");
  t = d.replaceAll(t, `(^|[^a-z])(?:years|year|yrs|yr)(?: old)?([^a-z]|$)`, `${d.ref(1)} ${d.ref(2)}`);
  t = d.replaceAll(t, `${WS}+`, " ");
  return `TRIM(${t})`;
}
