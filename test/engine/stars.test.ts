// Oracle: the 126 significance markers of the publication's section 3, Tables 1–6 (typed from
// reference/did-standardised-icb-rates-2024-25.txt into test/support/publication.ts). SPEC §6: SR_base = R / Σ w_l·RR_l, SR_l = RR_l·SR_base,
// X² = (SR_l − SR_base)² / (SR_l + SR_base), p = P(χ²₁ ≥ X²), stars at 0.05 / 0.01 / 0.001.
import { describe, expect, it } from "vitest";
import { chiSquare1Tail, publishedChi2, significanceStars } from "../../src/engine";
import { MEASURES, NATIONAL_RATES as NATIONAL, SECTION3, parseRatioRow } from "../support/publication";

interface Cell {
  factor: string;
  level: string;
  measure: string;
  rate: number;
  ratio: number;
  stars: string;
  srBase: number;
  srLevel: number;
}

function cells(): Cell[] {
  const out: Cell[] = [];
  for (const [factor, t] of Object.entries(SECTION3)) {
    const parsed = t.rows.map(parseRatioRow);
    for (let m = 0; m < MEASURES.length; m++) {
      const ratios = [1, ...parsed.map((row) => row[m].ratio)];
      const denom = ratios.reduce((acc, rr, l) => acc + t.weights[l] * rr, 0);
      const srBase = NATIONAL[m] / denom;
      parsed.forEach((row, l) => {
        out.push({
          factor,
          level: t.levels[l],
          measure: MEASURES[m],
          rate: NATIONAL[m],
          ratio: row[m].ratio,
          stars: row[m].stars,
          srBase,
          srLevel: row[m].ratio * srBase,
        });
      });
    }
  }
  return out;
}

describe("published significance stars (section 3, Tables 1–6)", () => {
  const all = cells();

  it("has 126 published cells", () => {
    expect(all.length).toBe(126);
    // Counted by hand from the text: sex 5, IMD 15 + 10, age 32 + 19 cells carry stars.
    expect(all.filter((c) => c.stars !== "").length).toBe(81);
  });

  it("reproduces every one of the 126 markers", () => {
    const wrong = all
      .map((c) => ({ ...c, got: significanceStars(chiSquare1Tail(publishedChi2(c.srLevel, c.srBase))) }))
      .filter((c) => c.got !== c.stars)
      .map((c) => `${c.factor} ${c.level} ${c.measure}: published "${c.stars}", got "${c.got}"`);
    expect(wrong).toEqual([]);
  });

  it("hand check: X-ray sex, Female 4,027 and Male 3,202 per 10,000 → ratio 0.80, X² = 825²/7,229", () => {
    const x2 = publishedChi2(3202, 4027);
    expect(x2).toBeCloseTo((825 * 825) / 7229, 12);
    expect(3202 / 4027).toBeCloseTo(0.795, 3);
    expect(significanceStars(chiSquare1Tail(x2))).toBe("***");
  });

  it("star thresholds are strict inequalities", () => {
    expect(significanceStars(0.05)).toBe("");
    expect(significanceStars(0.0499999)).toBe("*");
    expect(significanceStars(0.01)).toBe("*");
    expect(significanceStars(0.00999)).toBe("**");
    expect(significanceStars(0.001)).toBe("**");
    expect(significanceStars(0.000999)).toBe("***");
    expect(significanceStars(1)).toBe("");
    expect(significanceStars(NaN)).toBe("");
  });

  it("χ²₁ tail equals known quantiles: 3.841459 → 0.05, 6.634897 → 0.01, 10.827566 → 0.001, and does not underflow", () => {
    expect(chiSquare1Tail(3.841458820694124)).toBeCloseTo(0.05, 12);
    expect(chiSquare1Tail(6.6348966010212145)).toBeCloseTo(0.01, 12);
    expect(chiSquare1Tail(10.827566170662733)).toBeCloseTo(0.001, 12);
    // P(χ²₁ ≥ 100) = erfc(√50) ≈ 1.523971e-23: 1 − cdf would give 0.
    expect(chiSquare1Tail(100) / 1.5239706048321e-23).toBeCloseTo(1, 9);
    expect(chiSquare1Tail(0)).toBe(1);
  });
});
