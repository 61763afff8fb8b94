// Issue 11's chart points, on the SVG: the boundary map says what verdict colours mean (not "centred
// on England"); London's five ICBs get an enlarged inset; ranked-chart names are never cut; hex
// labels are at least 10 px where the pane draws them (300 px wide, 1:1).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boundaryMapSvg, type IcbBoundaries } from "../../src/charts/boundary";
import { measureChartData } from "../../src/charts/data";
import { hexMapSvg } from "../../src/charts/hexmap";
import { rankedChartSvg } from "../../src/charts/ranked";
import { textWidth } from "../../src/charts/svg";
import { sampleResults } from "../report/sample";

const results = sampleResults();
const data = measureChartData(results, "X-ray");
const boundaries = JSON.parse(
  readFileSync("assets/data/icb_boundaries_apr2023_bsc.geojson", "utf8"),
) as IcbBoundaries;

/** London's ICBs by ODS code, read from the reference file (nhser_name), not from the code under test. */
const london = readFileSync("assets/data/icb_2024_25_reference.csv", "utf8")
  .trim()
  .split("\n")
  .filter((l) => /,London,/.test(l))
  .map((l) => l.split(",")[1]);

/** The bounding box of an SVG path's absolute coordinates (d3-geo writes M/L/Z with x,y pairs). */
function pathBox(d: string): { w: number; h: number } {
  const nums = [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  const xs = nums.filter((_, i) => i % 2 === 0);
  const ys = nums.filter((_, i) => i % 2 === 1);
  return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}
const subtitle = (svg: string) => /<text[^>]*fill="#595959"[^>]*>([^<]*)<\/text>/.exec(svg)?.[1] ?? "";

describe("map subtitles say what the colours mean", () => {
  for (const [name, draw] of [
    ["boundary", (o: object) => boundaryMapSvg(data, boundaries, o)],
    ["hex", (o: object) => hexMapSvg(data, o)],
  ] as const)
    it(`${name} map: verdict colours named, scale centred on England`, () => {
      const verdict = draw({ width: 480, colouring: "verdict" });
      expect(verdict).not.toMatch(/centred on England/);
      expect(verdict).toMatch(/red higher, blue lower, grey similar to England \(3,670\) at 99\.8%/);
      expect(draw({ width: 480 })).toMatch(/colour centred on England \(3,670\)/);
      expect(subtitle(draw({ width: 480 }))).not.toBe("");
    });
});

describe("boundary map: London inset", () => {
  it("has an inset group with London's five ICBs, each drawn 2.5 times larger than on the map or more", () => {
    expect(london).toHaveLength(5);
    for (const width of [320, 480]) {
      const svg = boundaryMapSvg(data, boundaries, { width });
      const inset = /<g data-inset="London">(.*?)<\/g>/s.exec(svg)?.[1] ?? "";
      const insetPaths = [...inset.matchAll(/<path data-area="([^"]+)" d="([^"]+)"/g)];
      expect(insetPaths.map((m) => m[1]).sort()).toEqual([...london].sort());
      const main = svg.replace(/<g data-inset="London">.*?<\/g>/s, "");
      for (const [, code, d] of insetPaths) {
        const onMap = new RegExp(`<path data-area="${code}" d="([^"]+)"`).exec(main)![1];
        expect(pathBox(d).w / pathBox(onMap).w, code).toBeGreaterThanOrEqual(2.5);
        expect(pathBox(d).w, code).toBeGreaterThanOrEqual(15);
      }
      // The inset lies inside the picture.
      const frame = /<g data-inset="London"><rect x="([\d.]+)" y="([\d.]+)" width="(\d+)"/.exec(svg)!;
      expect(Number(frame[1]) + Number(frame[3])).toBeLessThanOrEqual(width);
    }
  });
  it("draws no inset when the boundaries hold no London ICB", () => {
    const noLondon = {
      ...boundaries,
      features: boundaries.features.filter(
        (f) => !/E5400002[7-9]|E5400003[01]/.test(String(f.properties.ICB23CD)),
      ),
    };
    expect(boundaryMapSvg(data, noLondon, { width: 320 })).not.toContain("data-inset");
  });
});

describe("ranked chart names", () => {
  const longest = [...data.ranked].sort((a, b) => textWidth(b.label, 9) - textWidth(a.label, 9))[0].label;
  it("are whole at every width, wrapping where the longest would not fit, never cut", () => {
    expect(longest).toBe("Bath and North East Somerset, Swindon and Wiltshire");
    for (const width of [300, 320, 480, 640]) {
      const svg = rankedChartSvg(data, { width, noun: "ICB" });
      const labels = [...svg.matchAll(/<text data-label="" x="([\d.]+)"[^>]*>(.*?)<\/text>/g)];
      expect(labels).toHaveLength(42);
      const shown = labels.map((m) => [...m[2].matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]));
      expect(shown.map((l) => l.join(" ").replace(/&amp;/g, "&")).sort()).toEqual(
        data.ranked.map((a) => a.label).sort(),
      );
      expect(svg).not.toContain("…");
      // Right-aligned at x: every line starts inside the picture (its estimated width fits).
      labels.forEach((m, i) => {
        for (const line of shown[i])
          expect(Number(m[1]) - textWidth(line, 9), line).toBeGreaterThanOrEqual(0);
      });
      // Wide enough for the longest on one line at 640 px; at most two names wrap at 480.
      if (width === 640) expect(shown.every((l) => l.length === 1)).toBe(true);
      if (width === 480) expect(shown.filter((l) => l.length > 1).length).toBeLessThanOrEqual(2);
    }
  });
});

describe("hex map labels", () => {
  it("are at least 10 px at the pane's 300 px and wider, squeezed to the hex when too long", () => {
    for (const width of [300, 350, 480]) {
      const svg = hexMapSvg(data, { width });
      const labels = [...svg.matchAll(/<g data-area="[^"]+">.*?<text ([^>]*)>([^<]*)<\/text>/g)];
      expect(labels).toHaveLength(42);
      const hexW = (() => {
        const d = /<path d="([^"]+)"/.exec(svg.slice(svg.indexOf("data-area")))![1];
        return pathBox(d).w;
      })();
      for (const [, attrs, text] of labels) {
        const size = Number(/font-size="([\d.]+)"/.exec(attrs)![1]);
        expect(size, text).toBeGreaterThanOrEqual(10);
        const squeezed = /textLength="([\d.]+)"/.exec(attrs);
        const w = squeezed ? Number(squeezed[1]) : textWidth(text.replace(/&amp;/g, "&"), size);
        expect(w, text).toBeLessThanOrEqual(hexW);
      }
    }
  });
});
