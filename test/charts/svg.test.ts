// The SVG pictures drawn from real Results (the shipped sample): every ICB is on the hex map and
// joined, a missing ICB is drawn as "no data", tooltips carry name, rate and limits, the funnel shows
// every area, and each picture is well-formed enough for a real renderer (resvg) at 320 px.
import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { boundaryMapSvg, type IcbBoundaries } from "../../src/charts/boundary";
import { measureChartData, shortName } from "../../src/charts/data";
import { funnelPlotSvg } from "../../src/charts/funnel";
import { hexCentre, hexMapSvg } from "../../src/charts/hexmap";
import { ICB_HEXES } from "../../src/charts/icb-hexes";
import { hasIcbAreas, joinIcbs } from "../../src/charts/map-common";
import { rankedChartSvg } from "../../src/charts/ranked";
import type { Results } from "../../src/engine/types";
import { sampleResults } from "../report/sample";

const results: Results = sampleResults();
const measure = "Fluoroscopy";
const data = measureChartData(results, measure);
const boundaries = JSON.parse(
  readFileSync("assets/data/icb_boundaries_apr2023_bsc.geojson", "utf8"),
) as IcbBoundaries;

/** The <g data-area="…"> groups of a map, with their tooltip text. */
function mapAreas(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/data-area="([^"]+)"[^>]*>(?:<title>([^<]*)<\/title>)?/g))
    out.set(m[1], m[2] ?? "");
  return out;
}

/** Renders with resvg: throws on malformed SVG; returns the PNG's pixel width. */
function renderWidth(svg: string): number {
  const img = new Resvg(svg).render();
  expect(img.asPng().length).toBeGreaterThan(1000);
  return img.width;
}

describe("hex map", () => {
  it("has 42 hexes, one per ICB of the hexjson, and joins every ICB of the sample", () => {
    const svg = hexMapSvg(data);
    const areas = mapAreas(svg);
    expect(areas.size).toBe(42);
    expect([...areas.keys()].sort()).toEqual(ICB_HEXES.map((h) => h.code).sort());
    expect((svg.match(/<path d="M[^"]+Z" fill=/g) ?? []).length).toBeGreaterThanOrEqual(42);
    const join = joinIcbs(data);
    expect(join.byIcb.size).toBe(42);
    expect(join.offMap).toEqual([]);
    expect(svg).not.toContain("no data");
    expect(svg).not.toContain("No data");
  });

  it("tooltips give name, standardised rate and limits (checked against Results)", () => {
    const areas = mapAreas(hexMapSvg(data));
    for (const a of results.areas.filter((x) => x.measure === measure)) {
      const tip = areas.get(a.area)!;
      expect(tip).toContain(a.name!);
      expect(tip).toContain(`standardised rate ${Math.round(a.rate).toLocaleString("en-GB")}`);
      expect(tip).toContain(
        `95% limits ${Math.round(a.lower95).toLocaleString("en-GB")} to ${Math.round(a.upper95).toLocaleString("en-GB")}`,
      );
      expect(tip).toContain(`${a.vsNational998} than England`.replace("similar than", "similar to"));
    }
  });

  it('an ICB missing from the data is hatched as "no data", with a legend entry', () => {
    const dropped = "QT6"; // Cornwall
    const partial = { ...data, ranked: data.ranked.filter((a) => a.area !== dropped) };
    const svg = hexMapSvg(partial);
    const areas = mapAreas(svg);
    expect(areas.size).toBe(42);
    expect(areas.get(dropped)).toMatch(/Cornwall.*no data/);
    expect(svg).toMatch(
      new RegExp(
        `data-area="${dropped}"><title>[^<]*</title><path d="[^"]+" fill="url\\(#stdrates-no-data\\)"`,
      ),
    );
    expect(svg).toContain(">No data</text>");
    expect(svg).toContain('<pattern id="stdrates-no-data"');
  });

  it("areas that are not ICBs are listed under the map, and a data set of no ICBs has no map", () => {
    const extra = {
      ...data,
      ranked: [...data.ranked, { ...data.ranked[0], area: "X99", label: "Elsewhere" }],
    };
    expect(hexMapSvg(extra)).toContain("Not on the map (not an ICB code): X99");
    expect(hasIcbAreas(["E1", "E2"])).toBe(false);
    expect(hasIcbAreas(["qt6"])).toBe(true);
    expect(hasIcbAreas(["E54000036"])).toBe(true); // ONS code of Cornwall
  });

  it("marks higher/lower ICBs with a glyph, not colour alone", () => {
    const svg = hexMapSvg(data);
    const higher = data.ranked.filter((a) => a.vs998 === "higher").length;
    const lower = data.ranked.filter((a) => a.vs998 === "lower").length;
    // Glyph triangles are 3-point paths: M x y L x y L x y Z.
    const triangles = (svg.match(/<path d="M[\d.-]+ [\d.-]+L[\d.-]+ [\d.-]+L[\d.-]+ [\d.-]+Z"/g) ?? [])
      .length;
    expect(triangles).toBe(higher + lower + 2); // + the two legend keys
    expect(higher + lower).toBeGreaterThan(0);
    expect(hexMapSvg(data, { colouring: "verdict" })).toContain(">Similar</text>");
  });

  it("odd-r layout: neighbours in a row are one hex width apart, odd rows shifted half a hex", () => {
    const w = Math.sqrt(3) * 10;
    expect(hexCentre({ q: 2, r: 2 }, 10, 9)[0] - hexCentre({ q: 1, r: 2 }, 10, 9)[0]).toBeCloseTo(w, 12);
    expect(hexCentre({ q: 1, r: 1 }, 10, 9)[0] - hexCentre({ q: 1, r: 2 }, 10, 9)[0]).toBeCloseTo(w / 2, 12);
    // North up: a higher r is drawn higher (smaller y).
    expect(hexCentre({ q: 1, r: 9 }, 10, 9)[1]).toBeLessThan(hexCentre({ q: 1, r: 1 }, 10, 9)[1]);
  });
});

describe("boundary map", () => {
  it("draws the 42 ICB boundaries, joined through their ONS codes", () => {
    const svg = boundaryMapSvg(data, boundaries, { width: 320 });
    const areas = mapAreas(svg);
    expect(areas.size).toBe(42);
    expect([...areas.values()].every((t) => /standardised rate/.test(t))).toBe(true);
    expect(renderWidth(svg)).toBe(320);
  });
});

describe("ranked chart and funnel plot", () => {
  it("ranked rows run from the highest rate to the lowest, with England's rate in the title line", () => {
    const svg = rankedChartSvg(data, { noun: "ICB" });
    const labels = [...svg.matchAll(/<g><title>([^(]+) \(/g)].map((m) => m[1]);
    const want = [...results.areas.filter((a) => a.measure === measure)]
      .sort((a, b) => b.rate - a.rate)
      .map((a) => a.name);
    expect(labels).toEqual(want);
    const england = results.national.find((n) => n.measure === measure)!.rate;
    expect(svg).toContain(`England ${Math.round(england)}`);
  });

  it("the funnel shows every area, each with a tooltip", () => {
    const svg = funnelPlotSvg(data, { noun: "ICB" });
    expect(
      (svg.match(/<g><title>[^<]*observed [\d,]+, expected [\d,]+, ratio \d\.\d\d;/g) ?? []).length,
    ).toBe(42);
  });

  it("short names drop the NHS … ICB wrapper", () => {
    expect(shortName("NHS Cheshire and Merseyside ICB", "QYG")).toBe("Cheshire and Merseyside");
    expect(shortName(null, "E1")).toBe("E1");
  });
});

describe("legible in the narrow pane", () => {
  for (const [name, draw] of [
    ["ranked", () => rankedChartSvg(data, { width: 320 })],
    ["funnel", () => funnelPlotSvg(data, { width: 320 })],
    ["hex map", () => hexMapSvg(data, { width: 320 })],
  ] as const) {
    it(`${name} at 320 px: renders at that width, no text under 7 px, no text past the right edge`, () => {
      const svg = draw();
      expect(renderWidth(svg)).toBe(320);
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(7);
      // Start-anchored text starts inside the frame.
      for (const m of svg.matchAll(/<text x="([\d.-]+)"/g)) expect(Number(m[1])).toBeLessThanOrEqual(320);
    });
  }
});
