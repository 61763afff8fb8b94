// The shipped sample, run through the real engine, against the publication's own numbers
// (DID Standardised ICB rates 2024/25: Tables 1–2 of section 2.2, Tables 1–6 of section 3,
// section 2.2's text and Annex A), typed from the publication's text here and in test/support/publication.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { run, type Results } from "../../src/engine";
import { MEASURES, NATIONAL_RATES, SECTION3, parseRatioRow } from "../support/publication";
import { readSampleTable } from "./load";

// Section 2.2, Tables 1 and 2: national rates per 10,000.
const NATIONAL: Record<string, number> = Object.fromEntries(MEASURES.map((m, i) => [m, NATIONAL_RATES[i]]));

// Section 3, Tables 1–6: rates ratios (base levels Female, 1 Most deprived, 0 - <45 are 1.00).
// Columns: Male | IMD 2, 3, 4, 5 | age 45-<55, 55-<65, 65-<75, 75+.
const PRINTED_ROWS = [...SECTION3.sex.rows, ...SECTION3.imd.rows, ...SECTION3.age.rows].map(parseRatioRow);
const RATIOS: Record<string, number[]> = Object.fromEntries(
  MEASURES.map((m, i) => [m, PRINTED_ROWS.map((row) => row[i].ratio)]),
);
const LEVELS: [string, string][] = [
  ["sex", "Male"],
  ["imd", "2"],
  ["imd", "3"],
  ["imd", "4"],
  ["imd", "5"],
  ["age", "45-<55"],
  ["age", "55-<65"],
  ["age", "65-<75"],
  ["age", "75+"],
];

let results: Results;
beforeAll(() => {
  results = run({ population: readSampleTable("population.csv"), activity: readSampleTable("activity.csv") });
});

describe("national rates of the sample (Tables 1–2)", () => {
  it("has exactly the 14 measures of the publication, in its order", () => {
    expect(results.measures).toEqual(Object.keys(NATIONAL));
  });

  it.each(Object.entries(NATIONAL))(
    "%s is within ±1 per 10,000 of %d, and rounds to it",
    (measure, published) => {
      const rate = results.national.find((n) => n.measure === measure)!.rate;
      expect(Math.abs(rate - published)).toBeLessThanOrEqual(1);
      expect(Math.round(rate)).toBe(published);
    },
  );

  it("divides by the whole ONS mid-2022 population of England", () => {
    for (const n of results.national) expect(n.population).toBe(57_106_398);
  });
});

describe("rates ratios of the sample (section 3, Tables 1–6)", () => {
  const cases = Object.entries(RATIOS).flatMap(([measure, values]) =>
    LEVELS.map(([factor, level], j) => ({ measure, factor, level, published: values[j] })),
  );

  it.each(cases)(
    "$measure $factor $level is within ±0.03 of $published, and rounds to it",
    ({ measure, factor, level, published }) => {
      const r = results.ratios.find(
        (x) => x.measure === measure && x.factor === factor && x.level === level,
      )!;
      expect(r).toBeDefined();
      expect(Math.abs(r.ratio - published)).toBeLessThanOrEqual(0.03);
      expect(Math.abs(r.ratio - published)).toBeLessThan(0.005);
    },
  );

  it("reproduces the worked example: X-ray, Female 4,027 and Male 3,202 per 10,000 give 0.80", () => {
    const female = results.ratios.find((x) => x.measure === "X-ray" && x.level === "Female")!;
    const male = results.ratios.find((x) => x.measure === "X-ray" && x.level === "Male")!;
    expect(male.rate / female.rate).toBeCloseTo(0.8, 3);
    // The sample's population is ONS, not the Master Patient Index, so the levels differ a
    // little from 4,027 / 3,202; the ratio is what the publication fixes.
    expect(Math.abs(female.rate - 4027) / 4027).toBeLessThan(0.05);
    expect(Math.abs(male.rate - 3202) / 3202).toBeLessThan(0.05);
  });
});

describe("exclusions of the sample (section 2.1, Annex A)", () => {
  it("excludes about 1.3% of activity, like the publication's 641,000 (1.3%)", () => {
    expect(results.exclusions.share).toBeGreaterThan(0.0125);
    expect(results.exclusions.share).toBeLessThan(0.0135);
  });

  it("excludes for missing IMD most, then sex, then a handful for age", () => {
    const by = Object.fromEntries(results.exclusions.byReason.map((r) => [r.reason, r.count]));
    const imd = by["missing-imd"] ?? 0;
    const sex = by["missing-sex"] ?? 0;
    const age = by["missing-age"] ?? 0;
    expect(imd).toBeGreaterThan(sex);
    expect(sex).toBeGreaterThan(age);
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThan(1000);
    // Annex A: 224,000 with no IMD against 86,000 with no sex — about 72% : 28%.
    expect(imd / (imd + sex)).toBeGreaterThan(0.6);
    expect(imd / (imd + sex)).toBeLessThan(0.8);
  });

  it("has South East London (QKK) worst, at 3.3%, with missing LSOA (IMD) most common (Table A.3)", () => {
    const worst = [...results.exclusions.byArea].sort((a, b) => b.share - a.share)[0];
    expect(worst.area).toBe("QKK");
    expect(worst.share).toBeCloseTo(0.033, 3);
    expect(worst.mostCommonReason).toBe("missing-imd");
    const qhl = results.exclusions.byArea.find((a) => a.area === "QHL")!;
    expect(qhl.mostCommonReason).toBe("missing-sex");
  });

  it("gives the ICBs of Table A.3 their published shares, and no other ICB over both 1% and 10,000", () => {
    // Table A.3: ICBs with more than 1% and 10,000 imaging tests with no age, sex or LSOA.
    const tableA3: Record<string, [number, string]> = {
      QKK: [0.033, "missing-imd"],
      QMF: [0.024, "missing-imd"],
      QYG: [0.017, "missing-imd"],
      QRV: [0.02, "missing-imd"],
      QHL: [0.027, "missing-sex"],
      QNX: [0.015, "missing-sex"],
      QMM: [0.021, "missing-imd"],
      QXU: [0.021, "missing-sex"],
      QWE: [0.01, "missing-imd"],
      QU9: [0.01, "missing-imd"],
      QNC: [0.011, "missing-imd"],
      QSL: [0.02, "missing-sex"],
    };
    for (const a of results.exclusions.byArea) {
      const listed = tableA3[a.area];
      if (listed) {
        expect(a.share, a.area).toBeCloseTo(listed[0], 3);
        expect(a.mostCommonReason, a.area).toBe(listed[1]);
        expect(a.count, a.area).toBeGreaterThan(10_000);
      } else {
        expect(a.share > 0.0105 && a.count > 10_000, a.area).toBe(false);
      }
    }
  });
});

describe("variation between ICBs (section 2.2's text)", () => {
  const summary = (m: string) => results.summaries.find((s) => s.measure === m)!;
  const rate = (area: string, m: string) =>
    results.areas.find((a) => a.area === area && a.measure === m)!.rate;

  it("Fluoroscopy ranges from 78 in Leicester, Leicestershire and Rutland to 225 in Cornwall", () => {
    const s = summary("Fluoroscopy");
    expect(s.lowest.area).toBe("QK1");
    expect(Math.round(s.lowest.rate)).toBe(78);
    expect(s.highest.area).toBe("QT6");
    expect(Math.round(s.highest.rate)).toBe(225);
  });

  it("Nuclear Medicine is highest in Cornwall at 102; Abdomen or Pelvis Ultrasound in South Yorkshire at 284", () => {
    expect(summary("Nuclear Medicine").highest.area).toBe("QT6");
    expect(Math.round(summary("Nuclear Medicine").highest.rate)).toBe(102);
    expect(summary("Abdomen or Pelvis Ultrasound").highest.area).toBe("QF7");
    expect(Math.round(summary("Abdomen or Pelvis Ultrasound").highest.rate)).toBe(284);
  });

  it("SPECT in Surrey Heartlands, North Central London and LLR is over double the national rate", () => {
    for (const icb of ["QXU", "QMJ", "QK1"]) expect(rate(icb, "SPECT Scan")).toBeGreaterThan(2 * 9);
  });

  it.each([
    ["X-ray", 3422, 3899],
    ["CT Scan", 1169, 1411],
    ["Nuclear Medicine", 37, 64],
    ["PET Scan", 31, 64],
    ["SPECT Scan", 4, 15],
    ["Chest CT", 109, 159],
  ])("%s has the SD of the published one-SD band %d–%d", (m, lo, hi) => {
    expect(summary(m as string).sd).toBeCloseTo(((hi as number) - (lo as number)) / 2, 1);
  });

  it.each([
    ["X-ray", 76],
    ["CT Scan", 62],
    ["Nuclear Medicine", 86],
    ["PET Scan", 67],
    ["SPECT Scan", 62],
    ["Chest CT", 81],
  ])("%s has the published share of ICBs within one SD of the mean (%d%), to one ICB", (m, percent) => {
    const within = summary(m as string).withinOneSd * 42;
    expect(Math.abs(within - ((percent as number) / 100) * 42)).toBeLessThanOrEqual(1);
  });

  it("South West ICBs have lower CT and MRI rates than the rest of England on average", () => {
    const regionOf = new Map(results.meta.areaList.map((a) => [a.area, a.region]));
    for (const m of ["CT Scan", "MRI"]) {
      const sw: number[] = [];
      const rest: number[] = [];
      for (const a of results.areas.filter((x) => x.measure === m))
        (regionOf.get(a.area) === "South West" ? sw : rest).push(a.rate);
      const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
      expect(mean(sw)).toBeLessThan(mean(rest));
    }
  });
});
