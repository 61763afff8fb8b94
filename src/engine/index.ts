// The engine's public surface. Everything here is pure TypeScript (no Office, DOM or Node).
// Layout, by SPEC section: codes.ts + headers.ts + mapping.ts (§1 reading), levels.ts + readers.ts +
// population.ts + activity.ts + reference.ts + cube.ts (§1 dense cubes, exclusions in tally.ts,
// warnings.ts), national.ts (§3), standardise.ts + intervals.ts (§4), summaries.ts (§5), ratios.ts (§6),
// run.ts (§9 Results), hash.ts (content hash in meta.tables).
export * from "./types";
export * from "./errors";
export { run, DEFAULT_MULTIPLIER } from "./run";
export { guessMapping, normaliseHeader, type GuessedMapping } from "./headers";
export { parseSex, parseAgeBand, parseImd, parseArea, type CodeResult } from "./codes";
export { significanceStars, publishedChi2, chiSquare1Tail, countsP, BROAD_AGE_BANDS } from "./ratios";
export { Z95, Z998, countLimits } from "./intervals";
export { dispersion, adjustedRatioLimits, quantile7 } from "./overdispersion";
export { dsr, ESP2013, standardFromTable, DSR_MIN_EVENTS } from "./direct";
export { suppressedRows } from "./suppress";
