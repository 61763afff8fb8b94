// Hand-worked case: 2 areas × 4 strata (sex F/M × age 40-44/75-79 × IMD 1), multiplier 10,000.
// Every expected value below is arithmetic written out from the SPEC formulas, not engine output.
import { describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import { table } from "./helpers";

const population = table(
  ["ICB code", "ICB name", "Region", "Sex", "Age band", "IMD quintile", "Population"],
  [
    ["A", "Area A", "North", "F", "40-44", 1, 1000],
    ["A", "Area A", "North", "F", "75-79", 1, 500],
    ["A", "Area A", "North", "M", "40-44", 1, 1000],
    ["A", "Area A", "North", "M", "75-79", 1, 400],
    ["B", "Area B", "South", "F", "40-44", 1, 2000],
    ["B", "Area B", "South", "F", "75-79", 1, 200],
    ["B", "Area B", "South", "M", "40-44", 1, 1800],
    ["B", "Area B", "South", "M", "75-79", 1, 100],
  ],
  { file: "pop.csv" },
);
// Measure X: A 10, 40, 5, 30 (O = 85); B 30, 20, 20, 9 (O = 79). Measure Y: A has 1 (F 75-79), B none.
const activity = table(
  ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"],
  [
    ["A", "F", "40-44", 1, "X", 10],
    ["A", "F", "75-79", 1, "X", 40],
    ["A", "M", "40-44", 1, "X", 5],
    ["A", "M", "75-79", 1, "X", 30],
    ["B", "F", "40-44", 1, "X", 30],
    ["B", "F", "75-79", 1, "X", 20],
    ["B", "M", "40-44", 1, "X", 20],
    ["B", "M", "75-79", 1, "X", 9],
    ["A", "F", "75-79", 1, "Y", 1],
  ],
  { file: "act.csv" },
);

const Z95 = 1.959963984540054;
const Z998 = 3.090232306167813;
const byarL = (o: number, z: number) => o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
const byarU = (o: number, z: number) => (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;

// erfc by its Taylor series (fine for the small arguments here): the oracle for P(χ²₁ ≥ x) = erfc(√(x/2)).
function erfc(z: number): number {
  let sum = 0;
  let term = z;
  for (let n = 0; n < 200; n++) {
    sum += term / (2 * n + 1);
    term *= (-z * z) / (n + 1);
  }
  return 1 - (2 / Math.sqrt(Math.PI)) * sum;
}

const res = run({ population, activity });
const area = (a: string, m: string) => res.areas.find((r) => r.area === a && r.measure === m)!;
const close = (got: number, want: number, rel = 1e-12) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want) + 1e-15);

describe("hand-worked 2 areas × 4 strata", () => {
  it("national rates: R_X = 10,000 × 164 / 7,000; R_Y = 10,000 × 1 / 7,000", () => {
    expect(res.measures).toEqual(["X", "Y"]);
    expect(res.national.map((n) => n.observed)).toEqual([164, 1]);
    expect(res.national.map((n) => n.population)).toEqual([7000, 7000]);
    close(res.national[0].rate, 1640 / 7);
    close(res.national[1].rate, 10 / 7);
  });

  it("expected, SR, crude rate (stratum rates 40/3000, 60/700, 25/2800, 39/500)", () => {
    const a = area("A", "X");
    const b = area("B", "X");
    close(a.expected, 20227 / 210); // 40/3 + 300/7 + 125/14 + 156/5
    close(b.expected, 14213 / 210); // 80/3 + 120/7 + 225/14 + 39/5
    close(a.expected + b.expected, 164); // ΣE = ΣO
    expect(a.observed).toBe(85);
    expect(b.observed).toBe(79);
    close(a.ratio, (85 * 210) / 20227);
    close(a.rate, 4182000 / 20227); // 85·210/20227 · 1640/7
    close(b.rate, 3886800 / 14213);
    close(a.crudeRate, (10000 * 85) / 2900);
    close(b.crudeRate, (10000 * 79) / 4100);
    expect(a.population).toBe(2900);
    expect(a.name).toBe("Area A");
  });

  it("Byar limits for O = 85 and O = 79", () => {
    const a = area("A", "X");
    const scale = 1640 / 7 / (20227 / 210);
    close(a.lower95, byarL(85, Z95) * scale, 1e-12);
    close(a.upper95, byarU(85, Z95) * scale, 1e-12);
    close(a.lower998, byarL(85, Z998) * scale, 1e-12);
    close(a.upper998, byarU(85, Z998) * scale, 1e-12);
    // Both areas' 95% intervals contain R = 234.3 (A: 206.8, B: 273.5 with lower limit ≈ 216.5).
    const b = area("B", "X");
    const scaleB = 1640 / 7 / (14213 / 210);
    close(b.lower95, byarL(79, Z95) * scaleB, 1e-12);
    close(b.upper998, byarU(79, Z998) * scaleB, 1e-12);
    expect(byarL(79, Z95) * scaleB).toBeLessThan(1640 / 7);
    expect(a.vsNational95).toBe("similar");
    expect(b.vsNational95).toBe("similar");
  });

  it("exact limits: O = 1 lower −ln(0.975), O = 0 upper −ln(α/2), O = 1 upper 5.5716434", () => {
    const a = area("A", "Y");
    const b = area("B", "Y");
    // Y: r = 1/700 in F 75-79 only; E_A = 500/700, E_B = 200/700; R_Y = 10/7; so SR = O / E · 10/7.
    close(a.rate, 2);
    expect(b.rate).toBe(0);
    close(a.lower95, -Math.log(0.975) * 2, 1e-10);
    close(a.lower998, -Math.log(0.999) * 2, 1e-10);
    close(a.upper95, 5.571643390938 * 2, 1e-9);
    expect(b.lower95).toBe(0);
    close(b.upper95, -Math.log(0.025) * 5, 1e-10);
    close(b.upper998, -Math.log(0.001) * 5, 1e-10);
    expect(a.vsNational95).toBe("similar");
    expect(b.vsNational95).toBe("similar");
  });

  it("rates ratios standardised for the other factors, with published χ² and count p-values", () => {
    const R = 1640 / 7;
    // Sex: t = age × imd; r[t] = 65/5800 (40-44), 99/1200 (75-79).
    const eF = (3000 * 65) / 5800 + (700 * 99) / 1200;
    const eM = (2800 * 65) / 5800 + (500 * 99) / 1200;
    const srF = (100 / eF) * R;
    const srM = (64 / eM) * R;
    const male = res.ratios.find((r) => r.factor === "sex" && r.level === "Male" && r.measure === "X")!;
    const female = res.ratios.find((r) => r.factor === "sex" && r.level === "Female" && r.measure === "X")!;
    close(male.expected, eM);
    expect(male.observed).toBe(64);
    close(male.rate, srM);
    close(male.ratio, srM / srF);
    const x2 = (srM - srF) ** 2 / (srM + srF);
    close(male.chi2, x2);
    close(male.p, erfc(Math.sqrt(x2 / 2)), 1e-10);
    const z = Math.log(srM / srF) / Math.sqrt(1 / 64 + 1 / 100);
    close(male.pCounts, erfc(Math.abs(z) / Math.SQRT2), 1e-10);
    expect(female).toMatchObject({ ratio: 1, chi2: 0, p: 1, stars: "", base: "Female" });

    // Age: broad bands 0-<45 (40-44) and 75+ (75-79); t = sex × imd; r[t] = 100/3700 (F), 64/3300 (M).
    const eYoung = (3000 * 100) / 3700 + (2800 * 64) / 3300;
    const eOld = (700 * 100) / 3700 + (500 * 64) / 3300;
    const old = res.ratios.find((r) => r.factor === "age" && r.level === "75+" && r.measure === "X")!;
    close(old.ratio, 99 / eOld / (65 / eYoung));
    close(old.rate, (99 / eOld) * R);
    const x2a = ((99 / eOld) * R - (65 / eYoung) * R) ** 2 / ((99 / eOld) * R + (65 / eYoung) * R);
    close(old.chi2, x2a);
    expect(old.stars).toBe("***"); // X² ≈ 98: p far below 0.001
    expect(res.ratios.filter((r) => r.factor === "age" && r.measure === "X").map((r) => r.level)).toEqual([
      "0-<45",
      "75+",
    ]);
    // IMD has a single level: only the base row.
    expect(res.ratios.filter((r) => r.factor === "imd" && r.measure === "X")).toMatchObject([
      { level: "1", ratio: 1, chi2: 0, p: 1, stars: "", pCounts: 1 },
    ]);
  });

  it("summaries: mean, SD (n − 1), shares, lowest and highest", () => {
    const sA = 4182000 / 20227;
    const sB = 3886800 / 14213;
    const s = res.summaries.find((x) => x.measure === "X")!;
    close(s.mean, (sA + sB) / 2);
    close(s.sd, Math.abs(sA - sB) / Math.SQRT2);
    expect(s.withinOneSd).toBe(1);
    expect(s.withinTenPercentOfCrude).toBe(0); // 206.8 / 293.1 and 273.5 / 192.7
    expect(s.lowest.area).toBe("A");
    close(s.lowest.rate, sA);
    expect(s.highest.area).toBe("B");
  });

  it("meta: strata, levels, area list with names and regions, table hashes", () => {
    expect(res.meta.strata).toEqual(["sex", "age", "imd"]);
    expect(res.meta.levels).toEqual({ sex: ["Female", "Male"], age: ["40-44", "75-79"], imd: ["1"] });
    expect(res.meta.areaList).toEqual([
      { area: "A", name: "Area A", region: "North" },
      { area: "B", name: "Area B", region: "South" },
    ]);
    expect(res.meta.tables.map((t) => t.hash)).toHaveLength(2);
    expect(res.meta.tables[0].hash).toMatch(/^[0-9a-f]{8}$/);
    expect(res.exclusions.activityRows).toBe(0);
    expect(res.warnings).toEqual([]);
  });
});
