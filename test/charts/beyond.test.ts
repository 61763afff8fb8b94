// The pictures under SPEC §4b and §12, from real Results (the shipped sample): the funnel plot draws the
// overdispersion-adjusted limits exp(±z·√(1/E + τ²)) as well as the Poisson ones, labelled; suppressed
// areas are never a point or a bar, and the maps and ranked chart mark them `*`.
import { sampleInput } from "../report/sample";
import { describe, expect, it } from "vitest";
import { measureChartData } from "../../src/charts/data";
import { funnelPlotSvg } from "../../src/charts/funnel";
import { hexMapSvg } from "../../src/charts/hexmap";
import { rankedChartSvg } from "../../src/charts/ranked";
import { run } from "../../src/engine";
import { Z998 } from "../../src/engine/intervals";

describe("funnel plot with overdispersion", () => {
  const r = run(sampleInput());
  const d = measureChartData(r, "X-ray");
  const tau2 = r.overdispersion.find((o) => o.measure === "X-ray")!.tau2;

  it("adjusted control limits on the same expected counts, from τ², wider than the Poisson ones", () => {
    expect(d.funnel.tau2).toBe(tau2);
    d.funnel.adjusted.forEach((l, i) => {
      expect(l.expected).toBe(d.funnel.limits[i].expected);
      expect(l.upper998).toBeCloseTo(Math.exp(Z998 * Math.sqrt(1 / l.expected + tau2)), 12);
      expect(l.lower998 * l.upper998).toBeCloseTo(1, 12);
      // τ² > 0 on the sample: the adjusted funnel is wider than the exact Poisson one.
      expect(l.upper998).toBeGreaterThan(d.funnel.limits[i].upper998);
      expect(l.lower998).toBeLessThan(d.funnel.limits[i].lower998);
    });
  });

  it("the SVG draws four adjusted lines, labels them, and says how many points remain outside", () => {
    const svg = funnelPlotSvg(d, { width: 480 });
    const g = /<g data-limits="overdispersed">(.*?)<\/g>/.exec(svg)![1];
    expect(g.match(/<polyline/g)).toHaveLength(4);
    expect(svg).toMatch(/Overdispersed 99\.8% and 95% \(dashed\) limits, τ² = /);
    const outside = d.funnel.points.filter((p) => p.vs998OD !== "similar").length;
    expect(svg).toContain(`${outside} outside the overdispersed 99.8% limits`);
    expect(outside).toBeLessThan(d.funnel.points.filter((p) => p.significance !== "Not significant").length);
  });
});

describe("suppressed areas in the pictures", () => {
  const r = run(sampleInput(), { suppressBelow: 200 });
  const d = measureChartData(r, "Medical Photography");
  it("are listed as suppressed, never ranked or plotted", () => {
    expect(d.suppressed).toHaveLength(3);
    const codes = new Set(d.suppressed.map((a) => a.area));
    expect(d.ranked.some((a) => codes.has(a.area))).toBe(false);
    expect(d.funnel.points.some((p) => codes.has(p.area))).toBe(false);
    expect(d.noRate).toEqual([]);
  });
  it("the hex map's tooltip and label say *, the ranked chart names them under *", () => {
    const hex = hexMapSvg(d, { width: 480 });
    expect(hex.match(/\* \(suppressed: small numbers\)/g)).toHaveLength(3);
    expect(rankedChartSvg(d, { width: 480 })).toMatch(/\* Suppressed \(small numbers\): /);
  });
});
