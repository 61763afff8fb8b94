// SPEC §3 national (standard) rates: stratum rates r[s,m] and the overall rate R[m].
import type { Cube } from "./cube";
import type { NationalRate } from "./types";

export interface Standard {
  /** r[m·S + s]: events per person (not per k) in each stratum, the standard's. */
  stratumRate: Float64Array;
  /** R[m] per k: the data's own national rate, or the external standard's overall rate. */
  rate: Float64Array;
  national: NationalRate[];
  external: boolean;
}

/** Σ over areas of each stratum: population natPop[s], activity natObs[m·S + s]. */
export function nationalSums(cube: Cube): { natPop: Float64Array; natObs: Float64Array } {
  const { A, S, M, pop, obs } = cube;
  const natPop = new Float64Array(S);
  const natObs = new Float64Array(M * S);
  for (let a = 0; a < A; a++) {
    const row = a * S;
    for (let s = 0; s < S; s++) natPop[s] += pop[row + s];
  }
  for (let m = 0; m < M; m++) {
    const out = m * S;
    for (let a = 0; a < A; a++) {
      const row = (m * A + a) * S;
      for (let s = 0; s < S; s++) natObs[out + s] += obs[row + s];
    }
  }
  return { natPop, natObs };
}

/** The standard: the data's own national rates, or the external reference's. */
export function standardRates(cube: Cube, k: number): Standard {
  const { S, M, measures } = cube;
  const { natPop, natObs } = nationalSums(cube);
  let totalPop = 0;
  for (let s = 0; s < S; s++) totalPop += natPop[s];
  const stratumRate = new Float64Array(M * S);
  const rate = new Float64Array(M);
  const national: NationalRate[] = [];
  const external = cube.refCount !== undefined && cube.refPop !== undefined;
  for (let m = 0; m < M; m++) {
    let observed = 0;
    for (let s = 0; s < S; s++) observed += natObs[m * S + s];
    if (external) {
      let rc = 0;
      let rp = 0;
      for (let s = 0; s < S; s++) {
        const c = cube.refCount![m * S + s];
        const p = cube.refPop![m * S + s];
        rc += c;
        rp += p;
        stratumRate[m * S + s] = p > 0 ? c / p : 0;
      }
      rate[m] = rp > 0 ? (k * rc) / rp : 0;
    } else {
      for (let s = 0; s < S; s++) stratumRate[m * S + s] = natPop[s] > 0 ? natObs[m * S + s] / natPop[s] : 0;
      rate[m] = totalPop > 0 ? (k * observed) / totalPop : 0;
    }
    national.push({ measure: measures[m], observed, population: totalPop, rate: rate[m] });
  }
  return { stratumRate, rate, national, external };
}
