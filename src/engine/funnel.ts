// Funnel plots of the standardised ratio O/E against the expected count E, as English public-health
// funnel plots draw them (PHEindicatormethods calculate_funnel_limits / assign_funnel_significance,
// statistic "ratio"). Control limits are exact Poisson limits for every O; a point's significance
// uses the same limits as the rest of the engine (SPEC §4: Byar from O = 10, exact below).
import gammainc from "@stdlib/math-base-special-gammainc";
import { ALPHA_95, ALPHA_998, countLimits, exactLower, exactUpper, Z95, Z998 } from "./intervals";

/** One-sided tail probabilities of the two funnel limits: 2 s.d. (95%) and 3 s.d. (99.8%). */
export const FUNNEL_P_2S = ALPHA_95 / 2;
export const FUNNEL_P_3S = ALPHA_998 / 2;

/**
 * The expected count E at which an observed count O sits exactly on a control limit with one-sided
 * tail probability p (PHE's `lower_/upper_…_exp_events`). Lower limit: P(X ≤ O | E) = p, which is the
 * exact upper confidence limit of O; upper limit: P(X ≥ O | E) = p, the exact lower limit of O.
 */
export function funnelExpectedAtLimit(o: number, p: number, side: "lower" | "upper"): number {
  return side === "lower" ? exactUpper(o, 2 * p) : exactLower(o, 2 * p);
}

/** Bisection of a monotone f on [lo, hi] for f(x) = 0, to a relative width of 1e-12. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  const increasing = f(hi) > f(lo);
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0 === increasing) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The observed counts (continuous) on the control limits at expected E: the inverse of
 * funnelExpectedAtLimit in O, so the lines pass through PHE's points. Lower: Q(O+1, E) = p (O ≥ 0;
 * 0 while E is too small for any count to be low); upper: P(O, E) = p, with P and Q the regularised
 * lower and upper incomplete gamma functions.
 */
export function funnelCountLimits(e: number, p: number): [number, number] {
  if (!(e > 0)) return [0, Number.POSITIVE_INFINITY];
  // Bracket: the limits lie within 40 Poisson s.d. (far beyond p = 1e-3) plus a margin for small E.
  const hi = e + 40 * Math.sqrt(e) + 40;
  const q = (o: number) => gammainc(e, o + 1, true, true) - p;
  const lower = q(0) >= 0 ? 0 : bisect(q, 0, hi);
  const upper = bisect((o) => gammainc(e, o, true, false) - p, 1e-12, hi);
  return [lower, upper];
}

/** Ratio (O/E) control limits at expected E for one-sided tail p. */
export function funnelRatioLimits(e: number, p: number): [number, number] {
  const [lo, hi] = funnelCountLimits(e, p);
  return [lo / e, hi / e];
}

/** PHE's funnel significance labels, one-sided p of the limit crossed. */
export type FunnelSignificance =
  "High (0.001)" | "High (0.025)" | "Low (0.001)" | "Low (0.025)" | "Not significant";

/** Where a point O, E lies against the 95% and 99.8% limits of the ratio 1 (assign_funnel_significance). */
export function funnelSignificance(o: number, e: number): FunnelSignificance {
  const [lo998, hi998] = countLimits(o, ALPHA_998, Z998);
  if (lo998 / e > 1) return "High (0.001)";
  if (hi998 / e < 1) return "Low (0.001)";
  const [lo95, hi95] = countLimits(o, ALPHA_95, Z95);
  if (lo95 / e > 1) return "High (0.025)";
  if (hi95 / e < 1) return "Low (0.025)";
  return "Not significant";
}

export interface FunnelLimitRow {
  expected: number;
  lower998: number;
  lower95: number;
  upper95: number;
  upper998: number;
}

/**
 * The four control-limit lines on `n` expected counts from `from` to `to`, spaced evenly in √E so the
 * curve is smooth where it bends (small E) and the points still reach the largest area.
 */
export function funnelLimitRows(from: number, to: number, n = 60): FunnelLimitRow[] {
  const a = Math.sqrt(Math.max(from, 1e-9));
  const b = Math.sqrt(Math.max(to, from * 1.0001, 1e-9));
  const rows: FunnelLimitRow[] = [];
  for (let i = 0; i < n; i++) {
    const s = a + ((b - a) * i) / (n - 1);
    const e = s * s;
    const [lower95, upper95] = funnelRatioLimits(e, FUNNEL_P_2S);
    const [lower998, upper998] = funnelRatioLimits(e, FUNNEL_P_3S);
    rows.push({ expected: e, lower998, lower95, upper95, upper998 });
  }
  return rows;
}
