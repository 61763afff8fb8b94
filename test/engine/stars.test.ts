// Oracle: the 126 significance markers of the publication's section 3, Tables 1–6 (typed from
// reference/did-standardised-icb-rates-2024-25.txt). SPEC §6: SR_base = R / Σ w_l·RR_l, SR_l = RR_l·SR_base,
// X² = (SR_l − SR_base)² / (SR_l + SR_base), p = P(χ²₁ ≥ X²), stars at 0.05 / 0.01 / 0.001.
import { describe, expect, it } from "vitest";
import { chiSquare1Tail, publishedChi2, significanceStars } from "../../src/engine";

const MEASURES = [
  "X-ray",
  "Ultrasound",
  "CT Scan",
  "MRI",
  "Fluoroscopy",
  "Nuclear Medicine",
  "PET Scan",
  "SPECT Scan",
  "Medical Photography",
  "Brain MRI",
  "Chest X-ray",
  "Chest CT",
  "Kidney or Bladder Ultrasound",
  "Abdomen or Pelvis Ultrasound",
];
// Tables 1–2 of section 2.2: national rates per 10,000.
const NATIONAL = [3670, 1789, 1303, 758, 150, 51, 47, 9, 10, 162, 1316, 139, 36, 209];

// Section 3 tables: one row per non-base level, modality columns then EDOC columns.
const SEX = {
  weights: [0.5, 0.5],
  levels: ["Male"],
  rows: ["0.80*** 0.36*** 0.97 0.81*** 1.08 0.90 1.16 0.95 0.91 | 0.79* 1.07 1.13 0.93 0.71***"],
};
const IMD = {
  weights: [0.2, 0.2, 0.2, 0.2, 0.2],
  levels: ["2", "3", "4", "5"],
  rows: [
    "0.91*** 0.93* 0.86*** 0.94 0.91 0.98 0.92 0.89 0.63 | 0.94 0.85*** 0.82 0.95 0.91",
    "0.85*** 0.89*** 0.77*** 0.91 0.87 0.94 0.90 0.82 0.61 | 0.89 0.75*** 0.72** 0.83 0.81*",
    "0.81*** 0.88*** 0.72*** 0.90* 0.82 0.92 0.88 0.80 0.51 | 0.87 0.69*** 0.68*** 0.85 0.78**",
    "0.76*** 0.84*** 0.66*** 0.87** 0.76* 0.88 0.83 0.83 0.50 | 0.83 0.63*** 0.61*** 0.78 0.72***",
  ],
};
const AGE = {
  weights: [0.57, 0.13, 0.13, 0.1, 0.07],
  levels: ["45-<55", "55-<65", "65-<75", "75+"],
  rows: [
    "1.71*** 1.06 2.81*** 2.19*** 2.56*** 2.70*** 4.88*** 2.33 1.27 | 1.90*** 2.10*** 4.59*** 1.38 1.77***",
    "2.46*** 1.10** 4.65*** 2.77*** 4.36*** 4.63*** 10.96*** 4.63** 2.15 | 2.47*** 3.21*** 9.66*** 1.77* 2.08***",
    "3.36*** 1.19*** 7.50*** 3.19*** 6.42*** 7.49*** 19.88*** 8.60*** 3.74** | 3.10*** 4.91*** 17.44*** 2.56*** 2.22***",
    "5.11*** 1.34*** 12.64*** 2.89*** 8.22*** 8.61*** 19.23*** 11.09*** 8.25*** | 3.69*** 8.79*** 22.39*** 3.94*** 2.18***",
  ],
};

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
  for (const [factor, t] of Object.entries({ sex: SEX, imd: IMD, age: AGE })) {
    const parsed = t.rows.map((r) =>
      r
        .replace("|", "")
        .trim()
        .split(/\s+/)
        .map((c) => ({ ratio: Number(c.replace(/\*/g, "")), stars: c.replace(/[^*]/g, "") })),
    );
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
