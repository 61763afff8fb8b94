// SPEC §4b overdispersion-adjusted limits (Spiegelhalter 2005, additive random effects on the log
// scale as in NHS England's SHMI, z-scores winsorised at 10%). Computed for every measure, always,
// from every area (before any suppression for display, SPEC §12).
import { Z95, Z998 } from "./intervals";
import type { PoissonArea } from "./standardise";
import type { AreaResult, Overdispersion, Verdict } from "./types";

/** Share winsorised at each end (Spiegelhalter's recommendation). */
export const WINSOR = 0.1;

/** The p-quantile of sorted values by linear interpolation between order statistics (R's type 7). */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** φ and τ² from the observed and expected counts of one measure's areas (those with O, E > 0 count). */
export function dispersion(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): Omit<Overdispersion, "measure"> {
  const z: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < observed.length; i++) {
    const o = observed[i];
    const e = expected[i];
    if (!(o > 0 && e > 0)) continue;
    z.push(Math.sqrt(e) * Math.log(o / e));
    w.push(e);
  }
  const n = z.length;
  if (n === 0) return { phi: NaN, tau2: 0, n };
  const sorted = Float64Array.from(z).sort();
  const lo = quantile7(sorted, WINSOR);
  const hi = quantile7(sorted, 1 - WINSOR);
  let ss = 0;
  for (const v of z) {
    const zw = Math.min(hi, Math.max(lo, v));
    ss += zw * zw;
  }
  const phi = ss / n;
  let sw = 0;
  let sw2 = 0;
  for (const e of w) {
    sw += e;
    sw2 += e * e;
  }
  const denom = sw - sw2 / sw;
  // One area (denominator 0) cannot show between-area variance: τ² = 0 (choice).
  const tau2 = n * phi < n - 1 || !(denom > 0) ? 0 : Math.max(0, (n * phi - (n - 1)) / denom);
  return { phi, tau2, n };
}

export interface AdjustedLimits {
  lower95OD: number;
  upper95OD: number;
  lower998OD: number;
  upper998OD: number;
  vsNational95OD: Verdict;
  vsNational998OD: Verdict;
}

/**
 * SPEC §4b: the adjusted limits are the funnel's control limits at the area's E in SR units,
 * R · exp(∓ z·√(1/E + τ²)) (they depend on E only); the verdict compares the area's SR with them.
 */
export function adjustedLimits(
  rate: number,
  expected: number,
  tau2: number,
  national: number,
): AdjustedLimits {
  const [l95, u95] = adjustedRatioLimits(expected, tau2, Z95);
  const [l998, u998] = adjustedRatioLimits(expected, tau2, Z998);
  const at = (lower: number, upper: number) => ({ lower: lower * national, upper: upper * national });
  const c95 = at(l95, u95);
  const c998 = at(l998, u998);
  return {
    lower95OD: c95.lower,
    upper95OD: c95.upper,
    lower998OD: c998.lower,
    upper998OD: c998.upper,
    vsNational95OD: against(rate, c95.lower, c95.upper),
    vsNational998OD: against(rate, c998.lower, c998.upper),
  };
}

/** An SR above the upper control limit is higher, below the lower one lower (NaN: similar, as §4's verdict). */
function against(rate: number, lower: number, upper: number): Verdict {
  if (rate > upper) return "higher";
  if (rate < lower) return "lower";
  return "similar";
}

/** Funnel control limits of the ratio O/E at expected count E: exp(± z·√(1/E + τ²)). */
export function adjustedRatioLimits(expected: number, tau2: number, z: number): [number, number] {
  const w = Math.exp(z * Math.sqrt(1 / expected + tau2));
  return [1 / w, w];
}

/**
 * Adds the adjusted limits and verdicts to each area (measures outer, as standardiseAreas orders
 * them) and returns φ, τ², n per measure.
 */
export function overdisperse(
  measures: string[],
  areas: PoissonArea[],
  rates: ArrayLike<number>,
): { areas: AreaResult[]; overdispersion: Overdispersion[] } {
  const A = measures.length ? areas.length / measures.length : 0;
  const out: AreaResult[] = [];
  const overdispersion: Overdispersion[] = [];
  for (let m = 0; m < measures.length; m++) {
    const rows = areas.slice(m * A, (m + 1) * A);
    const d = dispersion(
      rows.map((r) => r.observed),
      rows.map((r) => r.expected),
    );
    overdispersion.push({ measure: measures[m], ...d });
    for (const r of rows)
      out.push({ ...r, ...adjustedLimits(r.rate, r.expected, d.tau2, rates[m]), suppressed: false });
  }
  return { areas: out, overdispersion };
}
