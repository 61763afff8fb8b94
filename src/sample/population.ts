// Population by ICB × sex × five-year age band × IMD quintile. ONS publishes no table with all
// four, so each ICB × sex × age count (mid-2022) is split over the quintiles in the proportions of
// that ICB × age band's persons by IMD 2015 quintile (mid-2020). Largest-remainder rounding keeps
// every ICB × sex × age total exactly, hence the England total of 57,106,398.
import type { SampleInputs } from "./inputs";

export const AGES = 19;
export const SEX_LEVELS = 2;
export const IMD_LEVELS = 5;
/** Strata per area: sex × age × imd, index `(sex * AGES + age) * IMD_LEVELS + imd`. */
export const STRATA = SEX_LEVELS * AGES * IMD_LEVELS;

export const stratumIndex = (sex: number, age: number, imd: number): number =>
  (sex * AGES + age) * IMD_LEVELS + imd;

/** Splits a non-negative integer `total` in proportion to `weights`, keeping the sum exactly. */
export function apportion(total: number, weights: ArrayLike<number>): number[] {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  if (sum <= 0) throw new Error("apportion: weights sum to zero");
  const out = new Array<number>(n);
  const rem: { i: number; r: number }[] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (total * weights[i]) / sum;
    out[i] = Math.floor(exact);
    given += out[i];
    rem.push({ i, r: exact - out[i] });
  }
  // Largest remainders first; ties go to the earlier index, so the result is deterministic.
  rem.sort((x, y) => y.r - x.r || x.i - y.i);
  for (let k = 0; k < total - given; k++) out[rem[k].i]++;
  return out;
}

/** Population as a dense array, area-major: `pop[a * STRATA + s]`. */
export function buildPopulation(inputs: SampleInputs): Float64Array {
  const areas = inputs.icbs.length;
  const pop = new Float64Array(areas * STRATA);
  const weights = new Array<number>(IMD_LEVELS);
  for (let a = 0; a < areas; a++) {
    for (let age = 0; age < AGES; age++) {
      for (let q = 0; q < IMD_LEVELS; q++) weights[q] = inputs.imdAge[a][q * AGES + age];
      for (let sex = 0; sex < SEX_LEVELS; sex++) {
        const split = apportion(inputs.sexAge[a][sex * AGES + age], weights);
        for (let q = 0; q < IMD_LEVELS; q++) pop[a * STRATA + stratumIndex(sex, age, q)] = split[q];
      }
    }
  }
  return pop;
}
