// SPEC §4 confidence limits of a Poisson count O: exact (gamma / chi-square quantiles) for O < 10,
// Byar's approximation from 10 up. Distribution functions come from @stdlib, not hand-written.
import gammaincinv from "@stdlib/math-base-special-gammaincinv";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/** Two-sided levels used in the publication: 95% and 99.8%. */
export const ALPHA_95 = 0.05;
export const ALPHA_998 = 0.002;

/** z = Φ⁻¹(1 − α/2), exactly (1.959963984540054 at α = 0.05, 3.090232306167813 at α = 0.002). */
export function zFor(alpha: number): number {
  return normalQuantile(1 - alpha / 2, 0, 1);
}

export const Z95 = zFor(ALPHA_95);
export const Z998 = zFor(ALPHA_998);

/** Below this count the exact limits are used (the English public-health indicator convention). */
export const EXACT_BELOW = 10;

/** Byar's lower limit of O: O·(1 − 1/(9O) − z/(3√O))³. */
export function byarLower(o: number, z: number): number {
  const t = 1 - 1 / (9 * o) - z / (3 * Math.sqrt(o));
  return o * t * t * t;
}

/** Byar's upper limit of O: (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³. */
export function byarUpper(o: number, z: number): number {
  const o1 = o + 1;
  const t = 1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1));
  return o1 * t * t * t;
}

/** Exact lower limit χ²⁻¹(α/2; 2O)/2, i.e. the α/2 quantile of gamma(O, 1); 0 when O = 0. */
export function exactLower(o: number, alpha: number): number {
  return o <= 0 ? 0 : gammaincinv(alpha / 2, o);
}

/** Exact upper limit χ²⁻¹(1 − α/2; 2O+2)/2, i.e. the upper-tail α/2 point of gamma(O+1, 1). */
export function exactUpper(o: number, alpha: number): number {
  return gammaincinv(alpha / 2, o + 1, true);
}

/** Limits of a count O at two-sided level α (z passed in so the hot loop does not recompute it). */
export function countLimits(o: number, alpha: number, z: number): [number, number] {
  if (o < EXACT_BELOW) return [exactLower(o, alpha), exactUpper(o, alpha)];
  return [byarLower(o, z), byarUpper(o, z)];
}
