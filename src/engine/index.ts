// The engine's public surface. Everything here is pure TypeScript (no Office, DOM or Node).
export * from "./types";
export * from "./errors";
export { run, DEFAULT_MULTIPLIER } from "./run";
export { guessMapping, normaliseHeader, type GuessedMapping } from "./headers";
export { parseSex, parseAgeBand, parseImd, parseArea, type CodeResult } from "./codes";
export { significanceStars, publishedChi2, chiSquare1Tail, countsP, BROAD_AGE_BANDS } from "./ratios";
export { Z95, Z998, countLimits } from "./intervals";
