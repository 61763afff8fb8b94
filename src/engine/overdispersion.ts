// SPEC §4b overdispersion-adjusted limits (Spiegelhalter 2005, additive random effects on the log
// scale as in NHS England's SHMI, z-scores winsorised at 10%). Computed for every measure, always,
// from every area (before any suppression for display, SPEC §12).
import { Z95, Z998 } from "./intervals";
import type { Overdispersion, Verdict } from "./types";

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
  const sd = Math.sqrt(1 / expected + tau2);
  const w95 = Math.exp(Z95 * sd);
  const w998 = Math.exp(Z998 * sd);
  const lower95OD = national / w95;
  const upper95OD = national * w95;
  const lower998OD = national / w998;
  const upper998OD = national * w998;
  return {
    lower95OD,
    upper95OD,
    lower998OD,
    upper998OD,
    vsNational95OD: against(rate, lower95OD, upper95OD),
    vsNational998OD: against(rate, lower998OD, upper998OD),
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
