// SPEC §4 exact Poisson limits for O < 10 as a small VALUES table, written from the engine's own
// quantile functions, so that no SQL engine needs a χ² or gamma quantile function.
import { ALPHA_95, ALPHA_998, EXACT_BELOW, exactLower, exactUpper } from "../engine/intervals";
import { lit, type Dialect } from "./dialect";

/** A double as SQL: the shortest text that reads back as the same double, cast from a string. */
export function doubleSql(d: Dialect, x: number): string {
  return `CAST(${lit(String(x))} AS ${d.double})`;
}

/** Columns: o (whole counts 0…9) and the count's limits at 95% and 99.8%. */
export const LIMIT_COLUMNS = ["o", "l95", "u95", "l998", "u998"];

export function exactLimitsSql(d: Dialect, alias: string): string {
  const rows: string[][] = [];
  for (let o = 0; o < EXACT_BELOW; o++) {
    rows.push([
      String(o),
      ...[
        exactLower(o, ALPHA_95),
        exactUpper(o, ALPHA_95),
        exactLower(o, ALPHA_998),
        exactUpper(o, ALPHA_998),
      ].map((x) => doubleSql(d, x)),
    ]);
  }
  return d.values(rows, alias, LIMIT_COLUMNS);
}
