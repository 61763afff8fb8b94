// SPEC §13: SPEC §3–§4 as one SQL query of CTEs (no procedural code), generated from one
// description for every dialect. It returns one row per area × measure with the `areas` fields of
// SPEC §9 as columns, equal to the engine's run() (src/engine) to 1e-9.
//
// The steps mirror the engine's cube (src/engine/cube.ts): codes parsed (codes.ts), rows with a
// missing or unreadable area or stratum excluded, activity of areas not in the population table
// and of strata nobody lives in excluded, repeated strata summed; then national stratum rates,
// expected counts, and the limits of O (exact VALUES table below 10, Byar's from 10).
import type { FactorSpec } from "../engine/mapping";
import { ageBoundsSql, ageTextSql, areaSql, genericSql, imdSql, OPEN, sexSql, validBandSql } from "./codes";
import { lit, type Dialect } from "./dialect";
import { EXACT_BELOW, Z95, Z998 } from "../engine/intervals";
import { doubleSql, exactLimitsSql } from "./limits";

/** How the activity table holds its counts. */
export type ActivityShape =
  /** One row per stratum and measure: a count column, and a measure column (or one measure named `measureName`). */
  | { kind: "long"; count: string; measure?: string; measureName?: string }
  /** One count column per measure, named after it. */
  | { kind: "wide"; columns: string[] }
  /** One row per test (SPEC §13 --records): the query counts the rows. */
  | { kind: "records"; measure?: string; measureName?: string };

/** Everything the query needs: table names, columns (header text as it appears) and the method's options. */
export interface QuerySpec {
  tables: { population: string; activity: string };
  factors: FactorSpec[];
  population: { area: string; name?: string; population: string; strata: string[] };
  activity: { area: string; strata: string[]; shape: ActivityShape };
  multiplier: number;
}

/** The measure of a long or record table without a measure column (the engine names it after the count column). */
export const RECORDS_MEASURE = "Count";

/** The SPEC §9 `areas` fields, in order, as the query's columns. */
export const AREA_COLUMNS = [
  "area",
  "name",
  "measure",
  "observed",
  "expected",
  "population",
  "crudeRate",
  "ratio",
  "rate",
  "lower95",
  "upper95",
  "lower998",
  "upper998",
  "vsNational95",
  "vsNational998",
] as const;

/** A table name as given, each dot-separated part quoted (`schema.table`). */
function tableSql(d: Dialect, name: string): string {
  return name
    .split(".")
    .map((p) => d.id(p))
    .join(".");
}

/** Key columns of the strata: age is two (its bounds), the others one. */
function keyColumns(factors: FactorSpec[]): string[] {
  return factors.flatMap((f, i) => (f.kind === "age" ? [`f${i}_lo`, `f${i}_hi`] : [`f${i}`]));
}

/** Stage 1 of a table: codes parsed, age as normalised text (bounds come in stage 2). */
function codedFactors(d: Dialect, factors: FactorSpec[], cols: string[]): string[] {
  return factors.map((f, i) => {
    const c = cols[i];
    switch (f.kind) {
      case "sex":
        return `${sexSql(d, c)} AS f${i}`;
      case "imd":
        return `${imdSql(d, c)} AS f${i}`;
      case "age":
        return `${ageTextSql(d, c)} AS f${i}_t`;
      default:
        return `${genericSql(d, c)} AS f${i}`;
    }
  });
}

/** Stage 2: raw age bounds from the normalised text; other factors carried over. */
function boundedFactors(d: Dialect, factors: FactorSpec[]): string[] {
  return factors.flatMap((f, i) => {
    if (f.kind !== "age") return [`f${i}`];
    const b = ageBoundsSql(d, `f${i}_t`);
    return [`${b.lo} AS f${i}_b0`, `${b.hi} AS f${i}_b1`];
  });
}

/** Stage 3: a readable band, with bands at or above the common open top band folded into it (levels.ts finalise). */
function finalFactors(factors: FactorSpec[]): string[] {
  return factors.flatMap((f, i) => {
    if (f.kind !== "age") return [`x.f${i}`];
    const [lo, hi] = [`x.f${i}_b0`, `x.f${i}_b1`];
    const ok = validBandSql(lo, hi);
    return [
      `CASE WHEN ${ok} THEN (CASE WHEN ${lo} >= t.top THEN t.top ELSE ${lo} END) END AS f${i}_lo`,
      `CASE WHEN ${ok} THEN (CASE WHEN ${lo} >= t.top THEN ${OPEN} ELSE ${hi} END) END AS f${i}_hi`,
    ];
  });
}

const on = (keys: string[], a: string, b: string) => keys.map((k) => `${a}.${k} = ${b}.${k}`).join(" AND ");

export function buildQuery(d: Dialect, spec: QuerySpec): string {
  const { factors } = spec;
  const keys = keyColumns(factors);
  const keysOf = (alias: string) => keys.map((k) => `${alias}.${k}`).join(", ");
  const notNull = (alias: string) => keys.map((k) => `${alias}.${k} IS NOT NULL`).join(" AND ");
  const age = factors.findIndex((f) => f.kind === "age");
  const pop = spec.population;
  const act = spec.activity;
  const shape = act.shape;
  const q = (c: string) => d.id(c);
  const dbl = (e: string) => `CAST(${e} AS ${d.double})`;
  const k = doubleSql(d, spec.multiplier);
  const popT = tableSql(d, spec.tables.population);
  const actT = tableSql(d, spec.tables.activity);
  const ctes: [string, string][] = [];
  const cte = (name: string, body: string) => ctes.push([name, body]);

  cte("exact_limits", `SELECT * FROM ${exactLimitsSql(d, "v")}`);

  // Population: area, name, codes, population (blank → 0).
  cte(
    "pop_in",
    `SELECT ${areaSql(d, q(pop.area))} AS area, ${pop.name ? areaSql(d, q(pop.name)) : "NULL"} AS name, ${codedFactors(d, factors, pop.strata.map(q)).join(", ")}${factors.length ? ", " : ""}COALESCE(${dbl(q(pop.population))}, 0) AS p FROM ${popT}`,
  );

  // Activity: area, codes, measure, count. Records are first counted by their raw values, so the
  // codes are parsed once per distinct combination rather than once per test.
  const measureLit = (shape.kind !== "wide" && shape.measureName) || RECORDS_MEASURE;
  const factorCols = (cols: string[]) =>
    codedFactors(d, factors, cols).join(", ") + (factors.length ? ", " : "");
  if (shape.kind === "records") {
    const raw = [act.area, ...act.strata, ...(shape.measure ? [shape.measure] : [])].map(q);
    const named = raw.map((c, i) => `${c} AS r${i}`).join(", ");
    cte("act_raw", `SELECT ${named}, COUNT(*) AS n FROM ${actT} GROUP BY ${raw.join(", ")}`);
    const rs = act.strata.map((_, i) => `r${i + 1}`);
    const measure = shape.measure ? areaSql(d, `r${act.strata.length + 1}`) : lit(measureLit);
    cte(
      "act_in",
      `SELECT ${areaSql(d, "r0")} AS area, ${factorCols(rs)}${measure} AS measure, ${dbl("n")} AS c FROM act_raw`,
    );
  } else if (shape.kind === "long") {
    const measure = shape.measure ? areaSql(d, q(shape.measure)) : lit(shape.measureName ?? shape.count);
    cte(
      "act_in",
      `SELECT ${areaSql(d, q(act.area))} AS area, ${factorCols(act.strata.map(q))}${measure} AS measure, COALESCE(${dbl(q(shape.count))}, 0) AS c FROM ${actT}`,
    );
  } else {
    const one = (col: string) =>
      `SELECT ${areaSql(d, q(act.area))} AS area, ${factorCols(act.strata.map(q))}${lit(col.trim())} AS measure, COALESCE(${dbl(q(col))}, 0) AS c FROM ${actT}`;
    cte("act_in", shape.columns.map(one).join(" UNION ALL "));
  }

  const stage2 = (src: string, extra: string[]) =>
    `SELECT ${[...extra, ...boundedFactors(d, factors)].join(", ")} FROM ${src}`;
  cte("pop_b", stage2("pop_in", ["area", "name", "p"]));
  cte("act_b", stage2("act_in", ["area", "measure", "c"]));
  // The open top band common to both tables ("85+" absorbs "85-89" and "90+"), NULL when none.
  if (age >= 0) {
    const [lo, hi] = [`f${age}_b0`, `f${age}_b1`];
    const valid = `${hi} = ${OPEN} AND ${validBandSql(lo, hi)}`;
    cte(
      "top_band",
      `SELECT MIN(lo) AS top FROM (SELECT ${lo} AS lo FROM pop_b WHERE ${valid} UNION ALL SELECT ${lo} AS lo FROM act_b WHERE ${valid}) u`,
    );
  } else {
    cte("top_band", `SELECT ${OPEN} AS top`);
  }
  const stage3 = (src: string, extra: string[]) =>
    `SELECT ${[...extra.map((c) => `x.${c}`), ...finalFactors(factors)].join(", ")} FROM ${src} x CROSS JOIN top_band t`;
  cte("pop_f", stage3("pop_b", ["area", "name", "p"]));
  cte("act_f", stage3("act_b", ["area", "measure", "c"]));

  const keyListOf = (alias: string) => (keys.length ? `, ${keysOf(alias)}` : "");
  const andNotNull = (alias: string) => (keys.length ? ` AND ${notNull(alias)}` : "");
  const joinKeys = (a: string, b: string) => (keys.length ? on(keys, a, b) : "1 = 1");

  // SPEC §1: the areas are the population table's; rows with a missing stratum are left out.
  cte("areas", "SELECT area, MIN(name) AS name FROM pop_f WHERE area IS NOT NULL GROUP BY area");
  cte(
    "pop_s",
    `SELECT x.area${keyListOf("x")}, SUM(x.p) AS p FROM pop_f x WHERE x.area IS NOT NULL${andNotNull("x")} GROUP BY x.area${keyListOf("x")}`,
  );
  cte(
    "nat_pop",
    `SELECT ${keys.length ? keys.join(", ") + ", " : ""}SUM(p) AS np FROM pop_s${keys.length ? ` GROUP BY ${keys.join(", ")}` : ""}`,
  );
  cte("measures", "SELECT DISTINCT measure FROM act_f WHERE measure IS NOT NULL");
  // SPEC §1b: activity where its own area has no population in that stratum (or an area not in the
  // population table) cannot be rated: it never enters the standard (which also covers §3's
  // stratum with no national population).
  cte(
    "act_ok",
    `SELECT x.area, x.measure${keyListOf("x")}, x.c FROM act_f x JOIN pop_s s ON s.area = x.area${keys.length ? ` AND ${on(keys, "s", "x")}` : ""} WHERE x.measure IS NOT NULL AND s.p > 0${andNotNull("x")}`,
  );
  // SPEC §3: stratum rates r[s,m] = Σa O / Σa P; national rate R[m] = k·ΣO/ΣP.
  cte(
    "srate",
    `SELECT x.measure${keyListOf("x")}, SUM(x.c) / MIN(n.np) AS r FROM act_ok x JOIN nat_pop n ON ${joinKeys("n", "x")} GROUP BY x.measure${keyListOf("x")}`,
  );
  cte("total_pop", "SELECT SUM(np) AS tp FROM nat_pop");
  cte(
    "nat",
    `SELECT m.measure, ${k} * COALESCE(SUM(x.c), 0) / NULLIF(MIN(t.tp), 0) AS nrate FROM measures m CROSS JOIN total_pop t LEFT JOIN act_ok x ON x.measure = m.measure GROUP BY m.measure`,
  );
  // SPEC §4: E[a,m] = Σs r[s,m]·P[a,s]; O[a,m] = Σs O[a,s,m].
  cte(
    "expd",
    `SELECT p.area, r.measure, SUM(r.r * p.p) AS e FROM pop_s p JOIN srate r ON ${joinKeys("r", "p")} GROUP BY p.area, r.measure`,
  );
  cte("obs", "SELECT area, measure, SUM(c) AS o FROM act_ok GROUP BY area, measure");
  cte(
    "area_pop",
    "SELECT a.area, a.name, COALESCE(SUM(p.p), 0) AS pop FROM areas a LEFT JOIN pop_s p ON p.area = a.area GROUP BY a.area, a.name",
  );
  // Every area of the population table for every measure, O = 0 where it has no activity (SPEC §5).
  cte(
    "base",
    `SELECT ap.area, ap.name, m.measure, COALESCE(o.o, 0) AS o, COALESCE(e.e, 0) AS e, ap.pop, n.nrate FROM area_pop ap CROSS JOIN measures m JOIN nat n ON n.measure = m.measure LEFT JOIN obs o ON o.area = ap.area AND o.measure = m.measure LEFT JOIN expd e ON e.area = ap.area AND e.measure = m.measure`,
  );
  // Limits of O: the exact table below 10 (whole counts only: a fractional count below 10 has no
  // exact limit here and gets NULL limits and verdicts, never a different number); Byar's from 10.
  const byarT = (z: number, sign: "-" | "+", o: string) =>
    `(1 - 1 / (9 * ${o}) ${sign} ${doubleSql(d, z)} / (3 * SQRT(${o})))`;
  const o1 = "(b.o + 1)";
  const big = `b.o >= ${EXACT_BELOW}`;
  cte(
    "byar",
    `SELECT b.*, ${[
      [Z95, "-", "b.o", "t_l95"],
      [Z95, "+", o1, "t_u95"],
      [Z998, "-", "b.o", "t_l998"],
      [Z998, "+", o1, "t_u998"],
    ]
      .map(
        ([z, s, o, name]) =>
          `CASE WHEN ${big} THEN ${byarT(z as number, s as "-" | "+", o as string)} END AS ${name}`,
      )
      .join(", ")} FROM base b`,
  );
  const lim = (name: string, o: string) =>
    `CASE WHEN ${big} THEN ${o} * b.t_${name} * b.t_${name} * b.t_${name} ELSE x.${name} END AS o_${name}`;
  cte(
    "counts",
    `SELECT b.area, b.name, b.measure, b.o, b.e, b.pop, b.nrate, ${[
      lim("l95", "b.o"),
      lim("u95", o1),
      lim("l998", "b.o"),
      lim("u998", o1),
    ].join(
      ", ",
    )}, b.nrate / NULLIF(b.e, 0) AS scale FROM byar b LEFT JOIN exact_limits x ON b.o < ${EXACT_BELOW} AND x.o = b.o`,
  );
  const limits = ["l95", "u95", "l998", "u998"].map((n) => `c.o_${n} * c.scale AS ${n}`);
  cte(
    "sr",
    `SELECT c.area, c.name, c.measure, c.o, c.e, c.pop, c.nrate, ${limits.join(", ")}, c.o_l95 IS NULL AS no_limits FROM counts c`,
  );
  // Verdicts as the engine's verdict() with IEEE arithmetic: E = 0 makes the limits infinite.
  const verdict = (lo: string, up: string) =>
    `CASE WHEN s.e = 0 THEN NULL WHEN s.no_limits THEN NULL WHEN s.${lo} > s.nrate THEN 'higher' WHEN s.${up} < s.nrate THEN 'lower' ELSE 'similar' END`;
  const select = [
    `s.area AS ${q("area")}`,
    `s.name AS ${q("name")}`,
    `s.measure AS ${q("measure")}`,
    `s.o AS ${q("observed")}`,
    `s.e AS ${q("expected")}`,
    `s.pop AS ${q("population")}`,
    `CASE WHEN s.pop > 0 THEN ${k} * s.o / s.pop END AS ${q("crudeRate")}`,
    `s.o / NULLIF(s.e, 0) AS ${q("ratio")}`,
    `s.o / NULLIF(s.e, 0) * s.nrate AS ${q("rate")}`,
    `s.l95 AS ${q("lower95")}`,
    `s.u95 AS ${q("upper95")}`,
    `s.l998 AS ${q("lower998")}`,
    `s.u998 AS ${q("upper998")}`,
    `${verdict("l95", "u95")} AS ${q("vsNational95")}`,
    `${verdict("l998", "u998")} AS ${q("vsNational998")}`,
  ];
  return [
    `-- stdrates: indirectly standardised rates (SPEC §3–§4), ${d.name} dialect, multiplier ${spec.multiplier}.`,
    `-- Tables: ${spec.tables.population} (population), ${spec.tables.activity} (activity${shape.kind === "records" ? ", one row per test" : ""}).`,
    "WITH",
    ctes.map(([n, b]) => `${n} AS (\n  ${b}\n)`).join(",\n"),
    `SELECT ${select.join(",\n  ")}\nFROM sr s\nORDER BY s.measure, s.area`,
  ].join("\n");
}
