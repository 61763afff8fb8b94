// SPEC §12 small-number suppression in the engine's Results: primary (O < N) and secondary, the JSON
// form, and that nothing else moves: England, φ and τ², and every row that is not suppressed.
import { describe, expect, it } from "vitest";
import { run, suppressedRows } from "../../src/engine";
import { sampleResults, sampleInput } from "../report/sample";
import { table } from "./helpers";
import { AREA_FIGURES, OD_FIELDS } from "../support/area-fields";

describe("which rows are suppressed", () => {
  it("nothing when N = 0", () => {
    expect([...suppressedRows([0, 1, 2], 0)]).toEqual([]);
  });
  it("one small area: the next smallest count goes too (first of equals in table order)", () => {
    // England = 3 + 50 + 40 + 40 + 900: with only the 3 hidden, 1033 − (50 + 40 + 40 + 900) gives it back.
    expect([...suppressedRows([50, 3, 40, 40, 900], 5)].sort()).toEqual([1, 2]);
  });
  it("two small areas need no secondary", () => {
    expect([...suppressedRows([50, 3, 4, 900], 5)].sort()).toEqual([1, 2]);
  });
});

describe("suppression in a run", () => {
  const plain = run(sampleInput());
  const N = 1000; // Sample SPECT and PET counts in the hundreds for small ICBs.
  const res = run(sampleInput(), { suppressBelow: N });

  it("every area × measure with O < N is suppressed, plus the secondary ones, and counted in meta", () => {
    for (const m of plain.measures) {
      const before = plain.areas.filter((a) => a.measure === m);
      const after = res.areas.filter((a) => a.measure === m);
      const small = before.filter((a) => a.observed < N).length;
      const hidden = after.filter((a) => a.suppressed).length;
      for (let i = 0; i < before.length; i++)
        if (before[i].observed < N) expect(after[i].suppressed).toBe(true);
      expect(hidden).toBe(small === 1 ? 2 : small);
    }
    expect(res.meta.suppressedRows).toBe(res.areas.filter((a) => a.suppressed).length);
    expect(res.meta.suppressedRows).toBeGreaterThan(0);
  });

  it("the smallest count alone below N: it and the next smallest of its measure, nothing else", () => {
    const min = plain.areas.reduce((a, b) => (b.observed < a.observed ? b : a));
    const r = run(sampleInput(), { suppressBelow: min.observed + 0.5 });
    const hidden = r.areas.filter((a) => a.suppressed);
    expect(hidden.map((a) => a.measure)).toEqual([min.measure, min.measure]);
    const sorted = plain.areas
      .filter((a) => a.measure === min.measure)
      .sort((a, b) => a.observed - b.observed);
    expect(hidden.map((a) => a.area).sort()).toEqual([sorted[0].area, sorted[1].area].sort());
  });

  it("a suppressed row is null in JSON in every figure, overdispersion included, population kept", () => {
    const row = JSON.parse(JSON.stringify(res.areas.find((a) => a.suppressed)));
    for (const f of [...AREA_FIGURES, ...OD_FIELDS]) expect(row[f], f).toBeNull();
    expect(row.suppressed).toBe(true);
    expect(row.population).toBeGreaterThan(0);
  });

  it("rows not suppressed equal the plain run exactly; England, φ and τ² untouched", () => {
    res.areas.forEach((a, i) => {
      if (!a.suppressed) expect(a).toEqual(plain.areas[i]);
    });
    expect(res.national).toEqual(plain.national);
    expect(res.overdispersion).toEqual(plain.overdispersion);
    expect(res.ratios).toEqual(plain.ratios);
  });

  it("Data quality's activity read of an area with a suppressed row is hidden (it would give the count back)", () => {
    const hidden = new Set(res.areas.filter((a) => a.suppressed).map((a) => a.area));
    for (const a of res.exclusions.byArea) {
      const p = plain.exclusions.byArea.find((x) => x.area === a.area)!;
      if (hidden.has(a.area)) expect([a.total, a.share, a.count]).toEqual([NaN, NaN, p.count]);
      else expect(a).toEqual(p);
    }
  });

  it("summaries skip suppressed areas, so no mean or extreme gives one back", () => {
    for (const s of res.summaries) {
      const shown = res.areas.filter((a) => a.measure === s.measure && !a.suppressed);
      const hiddenCodes = res.areas.filter((a) => a.measure === s.measure && a.suppressed).map((a) => a.area);
      expect(hiddenCodes).not.toContain(s.lowest.area);
      expect(hiddenCodes).not.toContain(s.highest.area);
      if (shown.length) expect(s.mean).toBeCloseTo(shown.reduce((t, a) => t + a.rate, 0) / shown.length, 9);
    }
  });

  it("direct rows of a suppressed area × measure are suppressed too; England's DSR is not", () => {
    const d = run(sampleInput(), { suppressBelow: N, direct: true });
    const dp = run(sampleInput(), { direct: true });
    d.direct!.forEach((r, i) => {
      expect(r.suppressed).toBe(d.areas[i].suppressed);
      if (r.suppressed) expect([r.observed, r.rate, r.lower95, r.upper998]).toEqual([null, null, null, null]);
      else expect(r).toEqual(dp.direct![i]);
    });
    expect(d.directNational).toEqual(dp.directNational);
  });

  it("a negative threshold is refused", () => {
    const pop = table(["Area", "Population"], [["A", 10]]);
    const act = table(["Area", "Count"], [["A", 1]]);
    expect(() => run({ population: pop, activity: act }, { suppressBelow: -1 })).toThrow(/0 or more/);
  });

  it("the sample's plain results are what sampleResults gives (no suppression by default)", () => {
    expect(sampleResults().meta.suppressBelow).toBe(0);
    expect(plain.areas.every((a) => !a.suppressed)).toBe(true);
  });
});
