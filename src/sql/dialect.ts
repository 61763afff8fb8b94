// The small differences between the SQL engines the method runs on (SPEC §13): identifier
// quoting, type names, regular-expression functions and the inline VALUES table. Everything else
// in the query is standard SQL shared by all three.
export type DialectName = "duckdb" | "postgres" | "spark";

export interface Dialect {
  name: DialectName;
  /** A quoted identifier (table or column name as given). */
  id: (name: string) => string;
  /** Type names for casts. */
  text: string;
  double: string;
  /** Text of digits → integer; NULL (never an error) for anything else, whatever order the engine evaluates in. */
  toInt: (s: string) => string;
  /** Boolean: does text `s` match the regular expression `re`? */
  matches: (s: string, re: string) => string;
  /** Group `g` (1-based) of the first match of `re` in `s`; only used where `matches` holds. */
  group: (s: string, re: string, g: number) => string;
  /** Replace every match of `re` in `s` by `by` (backreferences written with `ref`). */
  replaceAll: (s: string, re: string, by: string) => string;
  /** A backreference to group n inside a replacement. */
  ref: (n: number) => string;
  /** An inline table: `rows` of SQL literals with column names `cols`, usable after FROM. */
  values: (rows: string[][], alias: string, cols: string[]) => string;
}

/** A string literal: single quotes doubled. Patterns avoid backslashes, which Spark would unescape. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const quoted = (q: string) => (name: string) => `${q}${name.split(q).join(q + q)}${q}`;

const standardValues = (rows: string[][], alias: string, cols: string[]) =>
  `(VALUES ${rows.map((r) => `(${r.join(", ")})`).join(", ")}) AS ${alias}(${cols.join(", ")})`;

export const DIALECTS: Record<DialectName, Dialect> = {
  duckdb: {
    name: "duckdb",
    id: quoted('"'),
    text: "VARCHAR",
    double: "DOUBLE",
    toInt: (s) => `TRY_CAST(${s} AS INTEGER)`,
    matches: (s, re) => `regexp_matches(${s}, ${lit(re)})`,
    group: (s, re, g) => `regexp_extract(${s}, ${lit(re)}, ${g})`,
    replaceAll: (s, re, by) => `regexp_replace(${s}, ${lit(re)}, ${lit(by)}, 'g')`,
    ref: (n) => `\\${n}`,
    values: standardValues,
  },
  postgres: {
    name: "postgres",
    id: quoted('"'),
    text: "TEXT",
    double: "DOUBLE PRECISION",
    // regexp_match gives NULL, not '', when nothing matches.
    toInt: (s) => `CAST(${s} AS INTEGER)`,
    matches: (s, re) => `(${s} ~ ${lit(re)})`,
    group: (s, re, g) => `(regexp_match(${s}, ${lit(re)}))[${g}]`,
    replaceAll: (s, re, by) => `regexp_replace(${s}, ${lit(re)}, ${lit(by)}, 'g')`,
    ref: (n) => `\\${n}`,
    values: standardValues,
  },
  spark: {
    name: "spark",
    id: quoted("`"),
    text: "STRING",
    double: "DOUBLE",
    toInt: (s) => `TRY_CAST(${s} AS INT)`,
    matches: (s, re) => `(${s} RLIKE ${lit(re)})`,
    group: (s, re, g) => `regexp_extract(${s}, ${lit(re)}, ${g})`,
    replaceAll: (s, re, by) => `regexp_replace(${s}, ${lit(re)}, ${lit(by)})`,
    // Java's replacement syntax.
    ref: (n) => `$${n}`,
    values: (rows, alias, cols) =>
      `VALUES ${rows.map((r) => `(${r.join(", ")})`).join(", ")} AS ${alias}(${cols.join(", ")})`,
  },
};

export function dialectOf(name: string): Dialect {
  const d = (DIALECTS as Record<string, Dialect | undefined>)[name.toLowerCase()];
  if (!d) throw new Error(`Unknown SQL dialect "${name}": use spark, duckdb or postgres.`);
  return d;
}
