// run(input, options) → Results (SPEC §9): the whole method, synchronous and pure.
import { buildCube, type Cube } from "./cube";
import { directRates, ESP2013 } from "./direct";
import { InputError } from "./errors";
import { standardRates } from "./national";
import { rateRatios } from "./ratios";
import { standardiseAreas } from "./standardise";
import { summarise } from "./summaries";
import { hideAreaTotals, suppress } from "./suppress";
import type { Results, RunInput, RunOptions } from "./types";
import { VERSION } from "./version";

export const DEFAULT_MULTIPLIER = 10_000;

export function run(input: RunInput, options: RunOptions = {}): Results {
  const k = options.multiplier ?? DEFAULT_MULTIPLIER;
  if (!(Number.isFinite(k) && k > 0))
    throw new InputError(`The multiplier must be a positive number, not ${String(options.multiplier)}.`);
  const n = options.suppressBelow;
  if (n !== undefined && !(Number.isFinite(n) && n >= 0))
    throw new InputError(`The suppression threshold must be 0 or more, not ${String(n)}.`);
  return resultsFromCube(buildCube(input, options), options);
}

/** Everything after the cube (SPEC §3–§6): also the incremental path's recompute (delta.ts). */
export function resultsFromCube(cube: Cube, options: RunOptions = {}): Results {
  const k = options.multiplier ?? DEFAULT_MULTIPLIER;
  const std = standardRates(cube, k);
  // φ and τ² (§4b) from every area, then suppression for display (§12), then summaries of what is shown.
  const od = standardiseAreas(cube, std, k);
  const dir = options.direct ? directRates(cube, options.directStandard ?? ESP2013, k) : undefined;
  const below = options.suppressBelow ?? 0;
  const hidden = suppress(cube.measures, od.areas, below, dir?.direct);
  const areas = hidden.areas;
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
    overdispersion: od.overdispersion,
    ...(dir ? { direct: hidden.direct, directNational: dir.directNational } : {}),
    exclusions: hideAreaTotals(cube.exclusions, areas),
    warnings,
    meta: {
      version: VERSION,
      createdAt: new Date().toISOString(),
      strata: names,
      levels: Object.fromEntries(names.map((n, i) => [n, cube.levels[i].slice()])),
      significance,
      standard: std.external ? "external" : "internal",
      tables: cube.tables,
      verdicts: options.verdicts ?? "poisson",
      suppressBelow: below,
      suppressedRows: hidden.count,
      ...(dir ? { directStandard: (options.directStandard ?? ESP2013).name } : {}),
      areaList: cube.areas.map((a) => ({ ...a })),
      options: { ...options },
    },
  };
}
