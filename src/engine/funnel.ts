// Funnel plots of the standardised ratio O/E against the expected count E, as English public-health
// funnel plots draw them (PHEindicatormethods calculate_funnel_limits / assign_funnel_significance,
// statistic "ratio"). Control limits are exact Poisson limits for every O; a point's significance
// uses the same limits as the rest of the engine (SPEC §4: Byar from O = 10, exact below).
//
// Large counts: @stdlib's gammainc / gammaincinv 0.3 are wrong for shape a above a few hundred (Q(1000,
// 1050) = 0.05946 against the true 0.05867; Q(4862, 5000) 0.02481 against 0.02468, mpmath and a summed
// Poisson CDF agree on the latter), which would bend the funnel at DID-scale expected counts. So from
// a = 100 the regularised incomplete gamma is computed here: the power series (x < a + 1) or Lentz's
// continued fraction, with the prefactor xᵃe⁻ˣ/Γ(a+1) taken in the stable form
// exp(a·(ln(1+μ) − μ)) / (√(2πa)·e^S(a)), μ = (x − a)/a, S Stirling's series. Below 100 @stdlib is exact.
import gammainc from "@stdlib/math-base-special-gammainc";
import { ALPHA_95, ALPHA_998, countLimits, exactLower, exactUpper, Z95, Z998 } from "./intervals";

/** Shape from which the incomplete gamma is computed here rather than by @stdlib. */
const OWN_FROM = 100;

/** ln of xᵃe⁻ˣ/Γ(a+1) for a ≥ 100, without the cancellation of a·ln x − x − lnΓ(a+1). */
function logPrefactor(a: number, x: number): number {
  const mu = (x - a) / a;
  const stirling = 1 / (12 * a) - 1 / (360 * a ** 3) + 1 / (1260 * a ** 5);
  return a * (Math.log1p(mu) - mu) - 0.5 * Math.log(2 * Math.PI * a) - stirling;
}

/** Regularised lower (P) and upper (Q) incomplete gamma at a ≥ 100. */
function gammaPQ(a: number, x: number): [number, number] {
  if (x <= 0) return [0, 1];
  const pre = Math.exp(logPrefactor(a, x));
  if (x < a + 1) {
    // P = pre · Σ xⁿ / ((a+1)…(a+n)).
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 1e7; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    const p = pre * sum;
    return [p, 1 - p];
  }
  // Q = pre · (a / x) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)) (modified Lentz); pre·a/x = xᵃ⁻¹e⁻ˣ/Γ(a)·… scaled.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1e7; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  // xᵃe⁻ˣ/Γ(a) = pre · a.
  const q = pre * a * h;
  return [1 - q, q];
}

/** Regularised incomplete gamma: lower P(a, x) or upper Q(a, x). */
export function regGamma(a: number, x: number, upper: boolean): number {
  if (a < OWN_FROM) return gammainc(x, a, true, upper);
  const [p, q] = gammaPQ(a, x);
  return upper ? q : p;
}

/** x with regGamma(a, x, upper) = target, by bisection (monotone in x). */
function invRegGamma(target: number, a: number, upper: boolean): number {
  let lo = 0;
  let hi = a + 60 * Math.sqrt(a) + 60;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    // P rises with x, Q falls.
    if (regGamma(a, mid, upper) > target === upper) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** One-sided tail probabilities of the two funnel limits: 2 s.d. (95%) and 3 s.d. (99.8%). */
export const FUNNEL_P_2S = ALPHA_95 / 2;
export const FUNNEL_P_3S = ALPHA_998 / 2;

/**
 * The expected count E at which an observed count O sits exactly on a control limit with one-sided
 * tail probability p (PHE's `lower_/upper_…_exp_events`). Lower limit: P(X ≤ O | E) = p, which is the
 * exact upper confidence limit of O; upper limit: P(X ≥ O | E) = p, the exact lower limit of O.
 */
export function funnelExpectedAtLimit(o: number, p: number, side: "lower" | "upper"): number {
  if (side === "lower") return o + 1 < OWN_FROM ? exactUpper(o, 2 * p) : invRegGamma(p, o + 1, true);
  if (o <= 0) return 0;
  return o < OWN_FROM ? exactLower(o, 2 * p) : invRegGamma(p, o, false);
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
 * Root of a monotone f between lo and hi, where fLo = f(lo) and fHi = f(hi) differ in sign: the
 * Illinois variant of regula falsi (superlinear: ~6 evaluations where bisection took ~38; the
 * funnel lines' 3,400 roots were most of drawing the pictures' data), to a step of 1e-13 of the root.
 */
function illinois(f: (x: number) => number, lo: number, hi: number, fLo: number, fHi: number): number {
  let x = lo;
  let last = 0;
  for (let i = 0; i < 100; i++) {
    const next = (lo * fHi - hi * fLo) / (fHi - fLo);
    const step = Math.abs(next - x);
    x = next;
    const fx = f(x);
    if (fx === 0 || step <= 1e-13 * Math.max(1, Math.abs(x))) return x;
    // Keep the bracket; halve the stale end's value when the same end moves twice (Illinois).
    if (fx > 0 === fHi > 0) {
      hi = x;
      fHi = fx;
      if (last === 1) fLo /= 2;
      last = 1;
    } else {
      lo = x;
      fLo = fx;
      if (last === -1) fHi /= 2;
      last = -1;
    }
    if (hi - lo <= 1e-13 * Math.max(1, Math.abs(hi))) return (lo + hi) / 2;
  }
  return bisect(f, lo, hi);
}

/** The root from a bracket of ±(2 + 1% of the guess) around `guess`, widened to [lo, hi] if it misses. */
function bisectNear(f: (x: number) => number, guess: number, lo: number, hi: number): number {
  const w = 2 + 0.01 * Math.abs(guess);
  const a = Math.max(lo, guess - w);
  const b = Math.min(hi, guess + w);
  const fa = f(a);
  const fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 !== fb > 0) return illinois(f, a, b, fa, fb);
  const fLo = f(lo);
  const fHi = f(hi);
  return fLo > 0 !== fHi > 0 ? illinois(f, lo, hi, fLo, fHi) : bisect(f, lo, hi);
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
  const q = (o: number) => regGamma(o + 1, e, true) - p;
  const pl = (o: number) => regGamma(o, e, false) - p;
  // Start near the normal-theory answer: a bracket of a few counts halves the bisection steps at large E.
  const z = p >= 0.01 ? 1.96 : 3.09;
  const lower = q(0) >= 0 ? 0 : bisectNear(q, e - z * Math.sqrt(e), 0, hi);
  const upper = bisectNear(pl, e + z * Math.sqrt(e), 1e-12, hi);
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
