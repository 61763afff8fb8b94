// Funnel-plot limits and significance against independent oracles: PHEindicatormethods' own fixtures
// (test/fixtures/funnel) and exact Poisson quantiles found here from a Poisson CDF summed term by term.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FUNNEL_P_2S,
  FUNNEL_P_3S,
  funnelCountLimits,
  funnelExpectedAtLimit,
  funnelLimitRows,
  funnelRatioLimits,
  funnelSignificance,
  regGamma,
} from "../../src/engine/funnel";

const fixture = (name: string) =>
  readFileSync(join(__dirname, "..", "fixtures", "funnel", name), "utf8")
    .replace(/^\uFEFF/, "")
    .replace(/"Observed_events\r?\n"/, "Observed_events")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));

/** P(X ≤ k | λ), summed in the test from the Poisson probabilities (log space: no overflow at k = 500). */
function poissonCdf(k: number, lambda: number): number {
  let logTerm = -lambda; // log P(X = 0)
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    sum += Math.exp(logTerm);
  }
  return sum;
}

/** λ with f(λ) = target for f monotone in λ, by plain bisection. */
function solveLambda(f: (l: number) => number, target: number, hi: number): number {
  let lo = 0;
  const dec = f(hi) < f(lo);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target === dec) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("funnel limits against PHEindicatormethods (calculate_funnel_limits, ratio)", () => {
  const [header, ...rows] = fixture("testdata_funnel_ratio_outputs.csv");
  const col = (name: string) => header.indexOf(name);

  it("reproduces the 4 × 101 `_exp_events` columns", () => {
    expect(rows).toHaveLength(100); // O = 1 … 716 (the README counts the split header line)
    const cases: [string, number, "lower" | "upper"][] = [
      ["lower_2s_exp_events", FUNNEL_P_2S, "lower"],
      ["upper_2s_exp_events", FUNNEL_P_2S, "upper"],
      ["lower_3s_exp_events", FUNNEL_P_3S, "lower"],
      ["upper_3s_exp_events", FUNNEL_P_3S, "upper"],
    ];
    for (const r of rows) {
      const o = Number(r[col("Observed_events")]);
      for (const [name, p, side] of cases) {
        const want = Number(r[col(name)]);
        // R iterates to a tolerance: about 2e-7 relative, and 5e-8 absolute at O = 1, where the exact
        // upper values are −ln 0.975 = 0.0253178080 and −ln 0.999 = 0.0010005003 (fixture 0.025317898, 0.001000547).
        expect(Math.abs(funnelExpectedAtLimit(o, p, side) - want), `${name} O=${o}`).toBeLessThan(
          1e-7 + 1e-6 * want,
        );
      }
    }
  });

  it("the lines through expected E return the fixture's O (the inverse the plot draws)", () => {
    for (const r of rows) {
      const o = Number(r[col("Observed_events")]);
      const [lo95] = funnelCountLimits(Number(r[col("lower_2s_exp_events")]), FUNNEL_P_2S);
      const [, hi95] = funnelCountLimits(Number(r[col("upper_2s_exp_events")]), FUNNEL_P_2S);
      const [lo998] = funnelCountLimits(Number(r[col("lower_3s_exp_events")]), FUNNEL_P_3S);
      const [, hi998] = funnelCountLimits(Number(r[col("upper_3s_exp_events")]), FUNNEL_P_3S);
      // The fixture's E carry R's iteration error (~1e-7), which O at the smallest E magnifies.
      for (const got of [lo95, hi95, lo998, hi998])
        expect(Math.abs(got / o - 1), `O=${o}`).toBeLessThan(2e-5);
      // Through our own forward values the inverse is exact.
      for (const [p, side, i] of [
        [FUNNEL_P_2S, "lower", 0],
        [FUNNEL_P_2S, "upper", 1],
        [FUNNEL_P_3S, "lower", 0],
        [FUNNEL_P_3S, "upper", 1],
      ] as const)
        expect(funnelCountLimits(funnelExpectedAtLimit(o, p, side), p)[i] / o - 1).toBeCloseTo(0, 9);
    }
  });

  it("ratio lines equal the fixture's `_isr` columns (ratio × 100) at the fixture's E", () => {
    for (const r of rows.slice(0, 20)) {
      const e = Number(r[col("lower_2s_exp_events")]);
      expect(funnelRatioLimits(e, FUNNEL_P_2S)[0] * 100).toBeCloseTo(Number(r[col("lower_2s_isr")]), 4);
    }
  });
});

describe("funnel significance against PHEindicatormethods (assign_funnel_significance, ratio)", () => {
  it("gives all 300 labels", () => {
    const [, ...rows] = fixture("testdata_funnel_ratio_inputs.csv");
    expect(rows).toHaveLength(300);
    const got = rows.map(([o, e]) => funnelSignificance(Number(o), Number(e)));
    expect(got).toEqual(rows.map((r) => r[2]));
  });
});

describe("exact Poisson limits from first principles", () => {
  for (const o of [5, 50, 500]) {
    it(`O = ${o}: P(X ≤ O | E) = p on the lower line and P(X ≥ O | E) = p on the upper`, () => {
      for (const p of [FUNNEL_P_2S, FUNNEL_P_3S]) {
        const eLow = solveLambda((l) => poissonCdf(o, l), p, 4 * o + 50);
        const eHigh = solveLambda((l) => 1 - poissonCdf(o - 1, l), p, 4 * o + 50);
        expect(funnelExpectedAtLimit(o, p, "lower") / eLow - 1).toBeCloseTo(0, 9);
        expect(funnelExpectedAtLimit(o, p, "upper") / eHigh - 1).toBeCloseTo(0, 9);
      }
    });
  }

  it("hand value at O = 1: the upper line's E is −ln(1 − p)", () => {
    // P(X ≥ 1 | E) = 1 − e^(−E) = p.
    expect(funnelExpectedAtLimit(1, 0.025, "upper")).toBeCloseTo(-Math.log(0.975), 14);
  });

  it("the lower line starts at E = −ln p (no count can be low before then)", () => {
    // Q(1, E) = e^(−E) = p at O = 0.
    const e0 = -Math.log(FUNNEL_P_2S);
    expect(funnelCountLimits(e0 * 0.999, FUNNEL_P_2S)[0]).toBe(0);
    expect(funnelCountLimits(e0 * 1.01, FUNNEL_P_2S)[0]).toBeGreaterThan(0);
  });
});

describe("large counts (DID-scale expected counts)", () => {
  it("the incomplete gamma matches mpmath where @stdlib 0.3 is off (a ≥ 1000)", () => {
    // mpmath.gammainc(a, x, inf, regularized=True) at 50 digits, printed to 15.
    expect(regGamma(4862, 5000, true)).toBeCloseTo(0.0246801472598329, 13);
    expect(regGamma(1000, 1050, true)).toBeCloseTo(0.0586711113773181, 13);
    expect(regGamma(100, 90, true)).toBeCloseTo(0.84177901081357, 13);
    expect(regGamma(1001961, 1e6, true)).toBeCloseTo(0.975003655928631, 11);
  });

  for (const o of [5000, 50000]) {
    it(`O = ${o}: the lines' expected counts solve the summed Poisson tail equations`, () => {
      for (const p of [FUNNEL_P_2S, FUNNEL_P_3S]) {
        const eLow = funnelExpectedAtLimit(o, p, "lower");
        const eHigh = funnelExpectedAtLimit(o, p, "upper");
        expect(poissonCdf(o, eLow)).toBeCloseTo(p, 8);
        expect(1 - poissonCdf(o - 1, eHigh)).toBeCloseTo(p, 8);
      }
    });
  }
});

describe("funnel line properties", () => {
  it("the limits bracket 1, the 99.8% lines outside the 95% lines, and narrow as E grows", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1e6, noNaN: true }),
        fc.double({ min: 1.01, max: 10, noNaN: true }),
        (e, k) => {
          const [l95, u95] = funnelRatioLimits(e, FUNNEL_P_2S);
          const [l998, u998] = funnelRatioLimits(e, FUNNEL_P_3S);
          expect(l998).toBeLessThanOrEqual(l95);
          expect(l95).toBeLessThan(1);
          expect(u95).toBeGreaterThan(1);
          expect(u998).toBeGreaterThan(u95);
          const [, u95k] = funnelRatioLimits(e * k, FUNNEL_P_2S);
          expect(u95k).toBeLessThan(u95);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rows run from the first E to the last, increasing", () => {
    const rows = funnelLimitRows(10, 1000, 30);
    expect(rows).toHaveLength(30);
    expect(rows[0].expected).toBeCloseTo(10, 9);
    expect(rows[29].expected).toBeCloseTo(1000, 9);
    for (let i = 1; i < rows.length; i++) expect(rows[i].expected).toBeGreaterThan(rows[i - 1].expected);
  });
});
