// SPEC §5 summaries on hand-made area results: sample SD, bounds included, within 10% of crude.
import { describe, expect, it } from "vitest";
import { summarise } from "../../src/engine/summaries";
import type { AreaResult } from "../../src/engine";

const area = (id: string, rate: number, crudeRate: number): AreaResult => ({
  area: id,
  name: null,
  measure: "X",
  observed: 1,
  expected: 1,
  population: 1,
  crudeRate,
  ratio: 1,
  rate,
  lower95: 0,
  upper95: 0,
  lower998: 0,
  upper998: 0,
  vsNational95: "similar",
  vsNational998: "similar",
  lower95OD: 0,
  upper95OD: 0,
  lower998OD: 0,
  upper998OD: 0,
  vsNational95OD: "similar",
  vsNational998OD: "similar",
  suppressed: false,
});

describe("summaries", () => {
  it("mean, sample SD (n − 1), share within one SD with the bounds included", () => {
    // 0, 1, 2: mean 1, SD √((1 + 0 + 1) / 2) = 1, band [0, 2] holds all three.
    const [s] = summarise(["X"], [area("A", 0, 1), area("B", 1, 1), area("C", 2, 1)]);
    expect(s.mean).toBe(1);
    expect(s.sd).toBe(1);
    expect(s.withinOneSd).toBe(1);
    expect(s.lowest).toEqual({ area: "A", rate: 0 });
    expect(s.highest).toEqual({ area: "C", rate: 2 });
  });

  it("1..5: SD √2.5, band [1.42, 4.58] holds 3 of 5", () => {
    const [s] = summarise(
      ["X"],
      [1, 2, 3, 4, 5].map((r, i) => area(`A${i}`, r, r)),
    );
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(s.withinOneSd).toBe(0.6);
    expect(s.withinTenPercentOfCrude).toBe(1);
  });

  it("within 10% of the crude rate includes exactly 10% (110 vs 100, 90 vs 100) and not 11%", () => {
    const [s] = summarise(
      ["X"],
      [area("A", 110, 100), area("B", 90, 100), area("C", 111, 100), area("D", 100, 100)],
    );
    expect(s.withinTenPercentOfCrude).toBe(0.75);
  });

  it("areas without a rate (no population) are left out of the statistics", () => {
    const [s] = summarise(["X"], [area("A", 2, 2), area("B", NaN, NaN), area("C", 4, 4)]);
    expect(s.mean).toBe(3);
    expect(s.withinOneSd).toBe(1);
  });
});
