// SPEC §6 rates ratios: for sex, IMD and broad age bands, each standardised for the other two
// factors (on the five-year bands), with the publication's χ² stars and a count-based p-value.
import gammainc from "@stdlib/math-base-special-gammainc";
import { ageBandOf } from "./codes";
import type { Cube } from "./cube";
import { nationalSums } from "./national";
import type { Factor, RatioResult, RunWarning } from "./types";

/** "***" p < 0.001, "**" p < 0.01, "*" p < 0.05, else "". */
export function significanceStars(p: number): string {
  if (!(p < 0.05)) return "";
  return p < 0.001 ? "***" : p < 0.01 ? "**" : "*";
}

/** P(χ²₁ ≥ x): the regularised upper incomplete gamma Q(1/2, x/2), exact in the far tail (never 1 − cdf). */
export function chiSquare1Tail(x: number): number {
  if (!(x > 0)) return 1;
  return gammainc(x / 2, 0.5, true, true);
}

/** The publication's statistic: two standardised rates per k as observed cells with a common expected value. */
export function publishedChi2(srLevel: number, srBase: number): number {
  const d = srLevel - srBase;
  const t = srLevel + srBase;
  return t > 0 ? (d * d) / t : 0;
}

/** Two-sided p of the log-ratio test on counts: ln(RR) / √(1/O_l + 1/O_base) against N(0, 1). */
export function countsP(ratio: number, oLevel: number, oBase: number): number {
  if (!(oLevel > 0 && oBase > 0 && ratio > 0)) return NaN;
  const z2 = (Math.log(ratio) * Math.log(ratio)) / (1 / oLevel + 1 / oBase);
  return chiSquare1Tail(z2);
}

export const BROAD_AGE_BANDS: { label: string; lo: number; hi: number }[] = [
  { label: "0-<45", lo: 0, hi: 45 },
  { label: "45-<55", lo: 45, hi: 55 },
  { label: "55-<65", lo: 55, hi: 65 },
  { label: "65-<75", lo: 65, hi: 75 },
  { label: "75+", lo: 75, hi: Infinity },
];

const BASE: Record<Factor, string> = { sex: "Female", imd: "1", age: "0-<45" };

/**
 * Rates ratios for every factor of sex, imd and age that is a stratum. `rate` is the data's own
 * national rate per k (the ratio does not depend on it; the published χ² does, through k).
 */
export function rateRatios(
  cube: Cube,
  k: number,
  significance: "published" | "counts",
  warnings: RunWarning[],
): RatioResult[] {
  const { natPop, natObs } = nationalSums(cube);
  const { S, M, measures } = cube;
  let totalPop = 0;
  for (let s = 0; s < S; s++) totalPop += natPop[s];
  const out: RatioResult[] = [];
  for (const factor of ["sex", "imd", "age"] as Factor[]) {
    const f = cube.factors.findIndex((x) => x.name === factor);
    if (f < 0) continue;
    const levels = cube.levels[f];
    const stride = cube.strides[f];
    const n = levels.length;
    // Group of each level of F: itself, or its broad age band.
    let groups: string[];
    let groupOf: number[];
    if (factor === "age") {
      groups = BROAD_AGE_BANDS.map((b) => b.label);
      groupOf = levels.map((l) => {
        const b = ageBandOf(l);
        return b ? BROAD_AGE_BANDS.findIndex((g) => b.lo >= g.lo && b.hi <= g.hi) : -1;
      });
      const bad = levels.filter((_, i) => groupOf[i] < 0 && levelPop(natPop, S, stride, n, i) > 0);
      if (bad.length) {
        warnings.push({
          kind: "other",
          message: `Age rates ratios were not computed: the age band${bad.length > 1 ? "s" : ""} ${bad.join(", ")} cross${bad.length > 1 ? "" : "es"} the broad bands 0-<45, 45-<55, 55-<65, 65-<75, 75+.`,
        });
        continue;
      }
    } else {
      groups = levels.slice();
      groupOf = levels.map((_, i) => i);
    }
    const G = groups.length;
    const baseG = groups.indexOf(BASE[factor]);
    const O = new Float64Array(G);
    const E = new Float64Array(G);
    const P = new Float64Array(G);
    const tObs = new Float64Array(S);
    const tPop = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      const t = s - (Math.floor(s / stride) % n) * stride;
      tPop[t] += natPop[s];
    }
    for (let s = 0; s < S; s++) {
      const g = groupOf[Math.floor(s / stride) % n];
      if (g >= 0) P[g] += natPop[s];
    }
    if (baseG < 0 || !(P[baseG] > 0)) {
      warnings.push({
        kind: "other",
        message: `${cap(factor)} rates ratios were not computed: the data have no population at the base level ${BASE[factor]}.`,
      });
      continue;
    }
    for (let m = 0; m < M; m++) {
      tObs.fill(0);
      O.fill(0);
      E.fill(0);
      let observed = 0;
      for (let s = 0; s < S; s++) {
        const t = s - (Math.floor(s / stride) % n) * stride;
        tObs[t] += natObs[m * S + s];
        observed += natObs[m * S + s];
      }
      const R = totalPop > 0 ? (k * observed) / totalPop : 0;
      for (let s = 0; s < S; s++) {
        const g = groupOf[Math.floor(s / stride) % n];
        if (g < 0) continue;
        const t = s - (Math.floor(s / stride) % n) * stride;
        O[g] += natObs[m * S + s];
        if (tPop[t] > 0) E[g] += (tObs[t] / tPop[t]) * natPop[s];
      }
      const srBase = (O[baseG] / E[baseG]) * R;
      for (let g = 0; g < G; g++) {
        if (!(P[g] > 0)) continue;
        const sr = (O[g] / E[g]) * R;
        const isBase = g === baseG;
        const ratio = isBase ? 1 : sr / srBase;
        const chi2 = isBase ? 0 : publishedChi2(sr, srBase);
        const p = isBase ? 1 : chiSquare1Tail(chi2);
        const pCounts = isBase ? 1 : countsP(ratio, O[g], O[baseG]);
        out.push({
          factor,
          level: groups[g],
          base: BASE[factor],
          measure: measures[m],
          observed: O[g],
          expected: E[g],
          rate: sr,
          ratio,
          chi2,
          p,
          stars: isBase ? "" : significanceStars(significance === "counts" ? pCounts : p),
          pCounts,
        });
      }
    }
  }
  return out;
}

function levelPop(natPop: Float64Array, S: number, stride: number, n: number, level: number): number {
  let t = 0;
  for (let s = 0; s < S; s++) if (Math.floor(s / stride) % n === level) t += natPop[s];
  return t;
}

function cap(s: string): string {
  return s === "imd" ? "IMD" : s.charAt(0).toUpperCase() + s.slice(1);
}
