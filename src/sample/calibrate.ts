// Fits one measure's expected counts so that the statistics the engine computes from them
// (SPEC §3 national rate, §6 rates ratios, §4 standardised rates of named ICBs, §5 SD of the
// ICBs' rates) equal the published values. The model is multiplicative:
//   μ[a,s] = P[a,s] · base · sex · imd · age(age) · shape(sex, age) · area[a] · noise[a,s]
// where age() is a smooth correction with one parameter per broad band. Area effects and cell
// noise confound the margins a little, so a fixed-point iteration rescales each parameter by
// target / achieved until they agree (the statistics are computed here from the expected counts
// directly, independently of src/engine, which the tests then run on the result).
import { MeasureModel, broadAge } from "./model";
import { AGES, IMD_LEVELS, SEX_LEVELS, STRATA } from "./population";

export interface FitInput {
  model: MeasureModel;
  /** `pop[a * STRATA + s]`. */
  pop: Float64Array;
  areas: number;
  /** Area codes, to find the pinned ones. */
  codes: string[];
  /** Rate shape by sex × five-year age band, `shape[sex * AGES + age]`. */
  shape: Float64Array;
  /** Log-scale area deviations (scaled by a fitted factor when the model gives an SD). */
  dev: Float64Array;
  /** Area multipliers kept as they are (data shortfalls). */
  fixed: Float64Array;
  /** Multiplicative cell noise, mean 1. */
  noise: Float64Array;
  multiplier: number;
}

export interface FitResult {
  /** Expected counts, `mu[a * STRATA + s]`. */
  mu: Float64Array;
  iterations: number;
  /** Largest relative gap between a statistic and its target at the end. */
  maxError: number;
}

const sexOf = (s: number): number => Math.floor(s / (AGES * IMD_LEVELS));
const ageOf = (s: number): number => Math.floor(s / IMD_LEVELS) % AGES;
const imdOf = (s: number): number => s % IMD_LEVELS;

/** Ages at which the age curve is corrected: the edges of the broad bands, and the 75+ band. */
export const AGE_ANCHORS = [40, 50, 60, 70, 82];

/** Midpoint of five-year band `age` (0 … 18; 90+ taken as 90–95). */
export const bandMidpoint = (age: number): number => age * 5 + 2.5;

/** Piecewise-linear through (xs[k], ys[k]), flat outside. */
export function interpolate(xs: number[], ys: number[], x: number): number {
  if (x <= xs[0]) return ys[0];
  for (let k = 1; k < xs.length; k++)
    if (x <= xs[k]) return ys[k - 1] + ((ys[k] - ys[k - 1]) * (x - xs[k - 1])) / (xs[k] - xs[k - 1]);
  return ys[ys.length - 1];
}

/** Indirectly standardised ratios (SPEC §6) of the levels of one factor, base level 0. */
function ratios(
  N: Float64Array,
  D: Float64Array,
  levels: number,
  level: (s: number) => number,
  others: number,
  other: (s: number) => number,
): number[] {
  const Nt = new Float64Array(others);
  const Dt = new Float64Array(others);
  const O = new Float64Array(levels);
  const E = new Float64Array(levels);
  for (let s = 0; s < STRATA; s++) {
    Nt[other(s)] += N[s];
    Dt[other(s)] += D[s];
    O[level(s)] += N[s];
  }
  for (let s = 0; s < STRATA; s++) {
    const t = other(s);
    if (Dt[t] > 0) E[level(s)] += (Nt[t] / Dt[t]) * D[s];
  }
  const base = O[0] / E[0];
  return Array.from(O, (o, l) => o / E[l] / base);
}

export function fitMeasure(input: FitInput): FitResult {
  const { model, pop, areas, shape, dev, fixed, noise, multiplier } = input;
  const n = areas * STRATA;
  const mu = new Float64Array(n);
  const D = new Float64Array(STRATA);
  const popArea = new Float64Array(areas);
  for (let a = 0; a < areas; a++)
    for (let s = 0; s < STRATA; s++) {
      D[s] += pop[a * STRATA + s];
      popArea[a] += pop[a * STRATA + s];
    }
  let popTotal = 0;
  for (let s = 0; s < STRATA; s++) popTotal += D[s];

  const pins = Object.entries(model.pins ?? {}).map(([code, rate]) => {
    const a = input.codes.indexOf(code);
    if (a < 0) throw new Error(`pinned ICB ${code} is not in the population`);
    return { a, rate };
  });
  const pinned = new Uint8Array(areas);
  for (const p of pins) pinned[p.a] = 1;

  let base = model.rate / multiplier;
  const sexF = [1, model.male];
  const imdF = [1, ...model.imd];
  // Log corrections to the age curve at ages 40, 50, 60, 70 and 82 (the shape already carries
  // the targets; these correct it), interpolated over the five-year bands so that the curve stays
  // smooth across the broad bands' edges. The first is 0: the base level's rate is `base`.
  const ageC = [0, 0, 0, 0, 0];
  const ageCurve = new Float64Array(AGES);
  const pinF = new Float64Array(areas).fill(1);
  let lambda = 1;
  const areaF = new Float64Array(areas);
  const N = new Float64Array(STRATA);
  const O = new Float64Array(areas);
  const E = new Float64Array(areas);
  const SR = new Float64Array(areas);

  // Per-stratum factor levels, precomputed: the loop below runs ~8,000 cells × dozens of times.
  const S = STRATA;
  const sexIdx = Int32Array.from({ length: S }, (_, s) => sexOf(s));
  const imdIdx = Int32Array.from({ length: S }, (_, s) => imdOf(s));
  const shapeIdx = Int32Array.from({ length: S }, (_, s) => sexOf(s) * AGES + ageOf(s));
  const ageIdx = Int32Array.from({ length: S }, (_, s) => ageOf(s));
  const cellF = new Float64Array(S);

  let maxError = Infinity;
  let iterations = 0;
  for (; iterations < 1000 && maxError > 1e-12; iterations++) {
    for (let a = 0; a < areas; a++) areaF[a] = Math.exp(lambda * dev[a]) * fixed[a] * pinF[a];
    for (let age = 0; age < AGES; age++)
      ageCurve[age] = Math.exp(interpolate(AGE_ANCHORS, ageC, bandMidpoint(age)));
    N.fill(0);
    O.fill(0);
    for (let s = 0; s < S; s++)
      cellF[s] = base * sexF[sexIdx[s]] * imdF[imdIdx[s]] * ageCurve[ageIdx[s]] * shape[shapeIdx[s]];
    for (let a = 0; a < areas; a++) {
      const f = areaF[a];
      let o = 0;
      for (let s = 0, i = a * S; s < S; s++, i++) {
        const v = pop[i] * cellF[s] * f * noise[i];
        mu[i] = v;
        N[s] += v;
        o += v;
      }
      O[a] = o;
    }
    let total = 0;
    for (let s = 0; s < STRATA; s++) total += N[s];
    const R = (multiplier * total) / popTotal;

    const sexRR = ratios(N, D, SEX_LEVELS, sexOf, AGES * IMD_LEVELS, (s) => s % (AGES * IMD_LEVELS));
    const imdRR = ratios(N, D, IMD_LEVELS, imdOf, SEX_LEVELS * AGES, (s) => Math.floor(s / IMD_LEVELS));
    const ageRR = ratios(
      N,
      D,
      5,
      (s) => broadAge(ageOf(s)),
      SEX_LEVELS * IMD_LEVELS,
      (s) => sexOf(s) * IMD_LEVELS + imdOf(s),
    );

    E.fill(0);
    for (let a = 0; a < areas; a++) {
      let e = 0;
      for (let s = 0, i = a * S; s < S; s++, i++) if (D[s] > 0) e += (N[s] / D[s]) * pop[i];
      E[a] = e;
      SR[a] = (O[a] / E[a]) * R;
    }

    const gaps: number[] = [];
    // Area-level targets (pins, SD) interact with the margins: half steps avoid a 2-cycle.
    const step = (target: number, achieved: number, damping = 1): number => {
      gaps.push(Math.abs(achieved / target - 1));
      return (target / achieved) ** damping;
    };
    base *= step(model.rate, R);
    sexF[1] *= step(model.male, sexRR[1]);
    for (let q = 1; q < IMD_LEVELS; q++) imdF[q] *= step(model.imd[q - 1], imdRR[q]);
    for (let g = 1; g < 5; g++) ageC[g] += Math.log(step(model.age[g - 1], ageRR[g]));
    for (const p of pins) pinF[p.a] *= step(p.rate, SR[p.a], 0.5);
    if (model.sd !== undefined) {
      let mean = 0;
      for (let a = 0; a < areas; a++) mean += SR[a] / areas;
      let ss = 0;
      for (let a = 0; a < areas; a++) ss += (SR[a] - mean) ** 2;
      lambda *= step(model.sd, Math.sqrt(ss / (areas - 1)), 0.5);
    }
    maxError = Math.max(...gaps);
  }
  if (!(maxError < 1e-9))
    throw new Error(`${model.name}: the sample model did not converge (gap ${maxError})`);
  return { mu, iterations, maxError };
}
