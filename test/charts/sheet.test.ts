// The Charts sheet against Results: ranked order, England's line, the funnel's points, and control
// limits that satisfy the Poisson definition (checked here with a Poisson CDF summed term by term).
import { describe, expect, it } from "vitest";
import { FUNNEL_P_2S, FUNNEL_P_3S, funnelRatioLimits } from "../../src/engine/funnel";
import type { Results } from "../../src/engine/types";
import { CHARTS_SHEET_KEY, SHEET_KEYS, buildPlan } from "../../src/report";
import type { ChartSpec, Rect, SheetPlan } from "../../src/report/plan";
import { cellAt } from "../report/plan-cells";
import { makeResults } from "../report/fixture";
import { sampleResults } from "../report/sample";

const results: Results = sampleResults();
const plan = buildPlan(results, { charts: {} });
const sheet = plan.sheets.find((s) => s.key === CHARTS_SHEET_KEY) as SheetPlan;

/** The values of a one-column rectangle of the plan. */
const column = (r: Rect) =>
  Array.from({ length: r.rows }, (_, i) => cellAt(sheet, r.row + i, r.col)?.value ?? null);
const numbers = (r: Rect) => column(r) as number[];

/** ln k!: exact sum below 30, Stirling's series above (error far below 1e-15 relative there). */
function lnFactorial(k: number): number {
  if (k < 30) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  return (
    k * Math.log(k) -
    k +
    0.5 * Math.log(2 * Math.PI * k) +
    1 / (12 * k) -
    1 / (360 * k ** 3) +
    1 / (1260 * k ** 5)
  );
}

/** P(X = i | λ), each term from its own logarithm (no running product to drift at λ ≈ 10⁶). */
const pmf = (i: number, lambda: number) => Math.exp(-lambda + i * Math.log(lambda) - lnFactorial(i));
/** Terms further than 40 s.d. from the mean are below 1e-300: the sums skip them. */
const reach = (lambda: number) => 40 * Math.sqrt(lambda) + 40;

/** P(X ≤ k | λ). */
function poissonCdf(k: number, lambda: number): number {
  let sum = 0;
  for (let i = Math.max(0, Math.floor(lambda - reach(lambda))); i <= k; i++) sum += pmf(i, lambda);
  return sum;
}

/** P(X ≥ n | λ), summed upwards (not 1 − CDF, which loses digits). */
function poissonSf(n: number, lambda: number): number {
  let sum = 0;
  for (let i = Math.max(0, n); i <= lambda + reach(lambda); i++) sum += pmf(i, lambda);
  return sum;
}

describe("Charts sheet in the Plan", () => {
  it("is built only when asked, after Annex B, and is not one of the default sheets", () => {
    expect(buildPlan(results).sheets.map((s) => s.key)).not.toContain("charts");
    expect(SHEET_KEYS).not.toContain("charts");
    expect(plan.sheets.map((s) => s.key).slice(0, 2)).toEqual(["annex-b", "charts"]);
    expect(buildPlan(results, { sheets: ["charts"] }).sheets.map((s) => s.key)).toEqual(["charts"]);
    expect(sheet.images).toEqual([]); // no renderer given: data and native charts only
  });

  it("has a ranked column chart and a funnel scatter per measure", () => {
    const charts = sheet.charts as ChartSpec[];
    expect(charts).toHaveLength(2 * results.measures.length);
    results.measures.forEach((m, i) => {
      expect(charts[2 * i].kind).toBe("columnClustered");
      expect(charts[2 * i].title).toContain(m);
      expect(charts[2 * i + 1].kind).toBe("xyScatter");
      expect(charts[2 * i + 1].title).toContain(m);
    });
  });

  for (const [i, measure] of results.measures.entries()) {
    it(`${measure}: categories sorted by standardised rate, England line, 95% limit series`, () => {
      const ranked = (sheet.charts as ChartSpec[])[2 * i];
      const areas = results.areas.filter((a) => a.measure === measure);
      // Independent sort of the Results: highest rate first.
      const want = [...areas].sort((a, b) => b.rate - a.rate);
      const names = column(ranked.categories!);
      expect(names).toEqual(want.map((a) => a.name));
      const [sr, england, lo95, hi95] = ranked.series;
      expect(numbers(sr.values)).toEqual(want.map((a) => a.rate));
      const r = results.national.find((n) => n.measure === measure)!.rate;
      expect(new Set(numbers(england.values))).toEqual(new Set([r]));
      expect(numbers(lo95.values)).toEqual(want.map((a) => a.lower95));
      expect(numbers(hi95.values)).toEqual(want.map((a) => a.upper95));
      for (let k = 1; k < want.length; k++)
        expect(numbers(sr.values)[k]).toBeLessThanOrEqual(numbers(sr.values)[k - 1]);
    });

    it(`${measure}: funnel points are the areas' E and O/E; limit series are the exact Poisson lines`, () => {
      const funnel = (sheet.charts as ChartSpec[])[2 * i + 1];
      const [points, one, lo95, hi95, lo998, hi998] = funnel.series;
      const areas = results.areas.filter((a) => a.measure === measure);
      const byE = [...areas].sort((a, b) => a.expected - b.expected);
      expect(numbers(points.xValues!)).toEqual(byE.map((a) => a.expected));
      expect(numbers(points.values)).toEqual(byE.map((a) => a.observed / a.expected));
      const xs = numbers(lo95.xValues!);
      expect(xs.length).toBeGreaterThan(10);
      // The lines span the points.
      expect(xs[0]).toBeLessThanOrEqual(byE[0].expected);
      expect(xs[xs.length - 1]).toBeGreaterThanOrEqual(byE[byE.length - 1].expected);
      expect(new Set(numbers(one.values))).toEqual(new Set([1]));
      for (const [s, p, side] of [
        [lo95, FUNNEL_P_2S, 0],
        [hi95, FUNNEL_P_2S, 1],
        [lo998, FUNNEL_P_3S, 0],
        [hi998, FUNNEL_P_3S, 1],
      ] as const) {
        expect(numbers(s.xValues!)).toEqual(xs);
        const ys = numbers(s.values);
        ys.forEach((y, k) => expect(y).toBe(funnelRatioLimits(xs[k], p)[side]));
      }
      // First principles at a few E: the lower line's count O sits where P(X ≤ O | E) crosses p,
      // the upper line's where P(X ≥ O | E) does (continuous O between the integers either side).
      for (const k of [0, Math.floor(xs.length / 2), xs.length - 1]) {
        const e = xs[k];
        for (const [s, p] of [
          [lo95, FUNNEL_P_2S],
          [lo998, FUNNEL_P_3S],
        ] as const) {
          const o = numbers(s.values)[k] * e;
          if (o === 0) continue;
          expect(poissonCdf(Math.floor(o), e)).toBeLessThanOrEqual(p);
          expect(poissonCdf(Math.floor(o) + 1, e)).toBeGreaterThanOrEqual(p);
        }
        for (const [s, p] of [
          [hi95, FUNNEL_P_2S],
          [hi998, FUNNEL_P_3S],
        ] as const) {
          const o = numbers(s.values)[k] * e;
          // P(X ≥ n): at or above p for n = ⌊O⌋, at or below for n = ⌊O⌋ + 1.
          expect(poissonSf(Math.floor(o), e)).toBeGreaterThanOrEqual(p);
          expect(poissonSf(Math.floor(o) + 1, e)).toBeLessThanOrEqual(p);
        }
      }
    });
  }

  it("funnel significance agrees with the engine's verdicts (ratio limits against 1 = SR limits against England)", () => {
    const funnel = (sheet.charts as ChartSpec[])[1];
    const x = funnel.series[0].xValues!;
    const labels = column({ ...x, col: x.col + 2 });
    const areas = results.areas
      .filter((a) => a.measure === results.measures[0])
      .sort((a, b) => a.expected - b.expected);
    areas.forEach((a, k) => {
      const want =
        a.vsNational998 === "higher"
          ? "High (0.001)"
          : a.vsNational998 === "lower"
            ? "Low (0.001)"
            : a.vsNational95 === "higher"
              ? "High (0.025)"
              : a.vsNational95 === "lower"
                ? "Low (0.025)"
                : "Not significant";
      expect(labels[k], a.area).toBe(want);
    });
  });

  it("pictures are placed, three per measure, when a renderer is given", () => {
    const seen: string[] = [];
    const p = buildPlan(results, { charts: { renderPng: (svg) => (seen.push(svg), "iVBORw0KGgo=") } });
    const images = p.sheets.find((s) => s.key === "charts")!.images!;
    expect(images).toHaveLength(3 * results.measures.length);
    expect(seen.every((s) => s.startsWith("<svg"))).toBe(true);
    expect(images.filter((im) => im.anchor.col === 0)).toHaveLength(14);
    expect(images.filter((im) => /hex map/.test(im.title))).toHaveLength(14);
    // Pictures of one measure do not overlap the next measure's.
    const starts = [...new Set(images.map((im) => im.anchor.row))].sort((a, b) => a - b);
    for (const im of images) {
      const next = starts.find((s) => s > im.anchor.row);
      if (next !== undefined) expect(im.anchor.row + im.anchor.rows).toBeLessThanOrEqual(next);
    }
  });

  it("areas that are not ICBs get a ranked chart and a funnel but no map", () => {
    const r = makeResults({ areas: 8, measures: ["A", "B"], rates: [100, 50], codes: (i) => `E${i + 1}` });
    const images = buildPlan(r, { charts: { renderPng: () => "iVBORw0KGgo=" } }).sheets.find(
      (s) => s.key === "charts",
    )!.images!;
    expect(images.map((im) => im.title)).toEqual([
      "A: ranked chart of standardised rates",
      "A: funnel plot",
      "B: ranked chart of standardised rates",
      "B: funnel plot",
    ]);
  });
});
