// What every picture of one measure shows, taken from Results once so that the SVG charts, the
// Charts sheet's cells and Excel's native charts cannot disagree: areas ranked by standardised rate
// with their limits, England's rate, and the funnel's points and control lines. Pure.
import {
  type FunnelLimitRow,
  type FunnelSignificance,
  funnelLimitRows,
  funnelSignificance,
} from "../engine/funnel";
import { adjustedRatioLimits } from "../engine/overdispersion";
import { Z95, Z998 } from "../engine/intervals";
import type { AreaResult, Results, Verdict } from "../engine/types";

/** An area's figures as Results has them, with its rank, a short label and the two verdicts. */
export interface RankedArea extends Pick<
  AreaResult,
  | "area"
  | "name"
  | "observed"
  | "expected"
  | "ratio"
  | "rate"
  | "lower95"
  | "upper95"
  | "lower998"
  | "upper998"
> {
  /** 1 = highest standardised rate. */
  rank: number;
  /** Short label for axes: "Cheshire and Merseyside" for "NHS Cheshire and Merseyside ICB". */
  label: string;
  vs95: Verdict;
  vs998: Verdict;
  vs998OD: Verdict;
}

export interface FunnelPoint {
  area: string;
  label: string;
  observed: number;
  expected: number;
  ratio: number;
  significance: FunnelSignificance;
  /** Against the overdispersion-adjusted 99.8% limits (SPEC §4b). */
  vs998OD: Verdict;
}

export interface MeasureChartData {
  measure: string;
  multiplier: number;
  /** England's (the standard's) rate per multiplier: the ranked chart's line and the maps' centre. */
  england: number;
  /** Areas with a rate, highest first (ties by code, so the order is stable). */
  ranked: RankedArea[];
  /** Areas listed without a rate (no population or no expected count). */
  noRate: { area: string; name: string | null }[];
  /** Areas suppressed for small numbers (SPEC §12): shown as `*`, never as a point or bar. */
  suppressed: { area: string; name: string | null }[];
  /** Which verdicts colour the ranked chart and maps (SPEC §4b). */
  verdicts: Results["meta"]["verdicts"];
  /**
   * Exact Poisson control limits, and the overdispersion-adjusted ones exp(±z·√(1/E + τ²)) (SPEC §4b)
   * on the same expected counts; τ² = 0 gives the Poisson-normal limits.
   */
  funnel: { points: FunnelPoint[]; limits: FunnelLimitRow[]; adjusted: FunnelLimitRow[]; tau2: number };
}

/** "NHS Cheshire and Merseyside ICB" → "Cheshire and Merseyside"; other names unchanged; the code when no name. */
export function shortName(name: string | null, area: string): string {
  if (!name) return area;
  const s = name
    .replace(/^NHS\s+/i, "")
    .replace(/\s+(Integrated Care Board|ICB)$/i, "")
    .trim();
  return s || name;
}

const finite = (a: AreaResult) =>
  !a.suppressed && Number.isFinite(a.rate) && Number.isFinite(a.ratio) && a.expected > 0;

/** Number of points on each funnel control line. */
export const FUNNEL_LINE_POINTS = 40;

export function measureChartData(results: Results, measure: string): MeasureChartData {
  const national = results.national.find((n) => n.measure === measure);
  if (!national) throw new Error(`No measure "${measure}" in the results.`);
  const areas = results.areas.filter((a) => a.measure === measure);
  const rated = areas.filter(finite);
  const verdicts = results.meta.verdicts;
  const od = verdicts === "overdispersed";
  const tau2 = results.overdispersion.find((x) => x.measure === measure)?.tau2 ?? 0;
  const ranked = [...rated]
    .sort((a, b) => b.rate - a.rate || (a.area < b.area ? -1 : a.area > b.area ? 1 : 0))
    .map((a, i): RankedArea => ({
      rank: i + 1,
      area: a.area,
      name: a.name,
      label: shortName(a.name, a.area),
      observed: a.observed,
      expected: a.expected,
      ratio: a.ratio,
      rate: a.rate,
      lower95: a.lower95,
      upper95: a.upper95,
      lower998: a.lower998,
      upper998: a.upper998,
      // Ranked areas are rated (E > 0) and never suppressed, so their verdicts are set.
      vs95: (od ? a.vsNational95OD : a.vsNational95) as Verdict,
      vs998: (od ? a.vsNational998OD : a.vsNational998) as Verdict,
      vs998OD: a.vsNational998OD as Verdict,
    }));
  const points = [...ranked]
    .sort((a, b) => a.expected - b.expected)
    .map((a) => ({
      area: a.area,
      label: a.label,
      observed: a.observed,
      expected: a.expected,
      ratio: a.ratio,
      significance: funnelSignificance(a.observed, a.expected),
      vs998OD: a.vs998OD,
    }));
  // Lines from half the smallest expected count to a little past the largest, where the points are.
  const eMin = points.length ? points[0].expected : 1;
  const eMax = points.length ? points[points.length - 1].expected : 10;
  const limits = funnelLimitRows(eMin / 2, eMax * 1.05, FUNNEL_LINE_POINTS);
  const adjusted = limits.map(({ expected }) => {
    const [lower95, upper95] = adjustedRatioLimits(expected, tau2, Z95);
    const [lower998, upper998] = adjustedRatioLimits(expected, tau2, Z998);
    return { expected, lower998, lower95, upper95, upper998 };
  });
  return {
    measure,
    multiplier: results.multiplier,
    england: national.rate,
    ranked,
    noRate: areas.filter((a) => !finite(a) && !a.suppressed).map((a) => ({ area: a.area, name: a.name })),
    suppressed: areas.filter((a) => a.suppressed).map((a) => ({ area: a.area, name: a.name })),
    verdicts,
    funnel: { points, limits, adjusted, tau2 },
  };
}
