// run(input, options) → Results (SPEC §9): the whole method, synchronous and pure.
import { buildCube, type Cube } from "./cube";
import { InputError } from "./errors";
import { standardRates } from "./national";
import { rateRatios } from "./ratios";
import { standardiseAreas } from "./standardise";
import { summarise } from "./summaries";
import type { Results, RunInput, RunOptions } from "./types";
import { VERSION } from "../version";

export const DEFAULT_MULTIPLIER = 10_000;

export function run(input: RunInput, options: RunOptions = {}): Results {
  const k = options.multiplier ?? DEFAULT_MULTIPLIER;
  if (!(Number.isFinite(k) && k > 0))
    throw new InputError(`The multiplier must be a positive number, not ${String(options.multiplier)}.`);
  return resultsFromCube(buildCube(input, options), options);
}

/** Everything after the cube (SPEC §3–§6): also the incremental path's recompute (delta.ts). */
export function resultsFromCube(cube: Cube, options: RunOptions = {}): Results {
  const k = options.multiplier ?? DEFAULT_MULTIPLIER;
  const std = standardRates(cube, k);
  const areas = standardiseAreas(cube, std, k);
  const warnings = cube.warnings.slice();
  const empty = cube.areas.filter((_, a) => areas[a].population <= 0).map((a) => a.area);
  if (empty.length) {
    warnings.push({
      kind: "other",
      table: "population",
      message: `${empty.length} area${empty.length === 1 ? " has" : "s have"} no population, so no rate: ${empty.slice(0, 10).join(", ")}${empty.length > 10 ? ", …" : ""}.`,
      count: empty.length,
    });
  }
  const names = cube.factors.map((f) => f.name);
  const canRatio = ["sex", "age", "imd"].every((f) => names.includes(f));
  const wantRatios = options.ratios ?? canRatio;
  const significance = options.significance ?? "published";
  let ratios: Results["ratios"] = [];
  if (wantRatios && !canRatio) {
    warnings.push({
      kind: "other",
      message: "Rates ratios need sex, age band and IMD as strata; they were not computed.",
    });
  } else if (wantRatios) {
    ratios = rateRatios(cube, k, significance, warnings);
  }
  return {
    multiplier: k,
    measures: cube.measures.slice(),
    national: std.national,
    areas,
    summaries: summarise(cube.measures, areas),
    ratios,
    exclusions: cube.exclusions,
    warnings,
    meta: {
      version: VERSION,
      createdAt: new Date().toISOString(),
      strata: names,
      levels: Object.fromEntries(names.map((n, i) => [n, cube.levels[i].slice()])),
      significance,
      standard: std.external ? "external" : "internal",
      tables: cube.tables,
      areaList: cube.areas.map((a) => ({ ...a })),
      options: { ...options },
    },
  };
}
