// Oracle: PHEindicatormethods testdata_Byars_Wilson.xlsx sheet testdata_B_W (byars_lower/upper, Byar's at
// every x), and the O = 9 (exact) / O = 895 (Byar's) limits implied by testresults_ISR rows 1 and 3.
import { describe, expect, it } from "vitest";
import {
  byarLower,
  byarUpper,
  countLimits,
  exactLower,
  exactUpper,
  Z95,
  Z998,
  ALPHA_95,
  ALPHA_998,
} from "../../src/engine/intervals";
import { verdict } from "../../src/engine/standardise";
import { relDiff } from "./helpers";

// x, lower, upper, confidence — rows 1–7 and 13 of testdata_B_W.
const BYARS: [number, number | null, number, number][] = [
  [65, 50.163187710459454, 82.84913854593984, 0.95],
  [1045, 982.5932018073325, 1110.33121298565, 0.95],
  [1, 0.01307213290150435, 5.5637555824752605, 0.95],
  [65, 42.8802614714802, 94.00029084431802, 0.998],
  [1045, 947.9407035610374, 1148.806160988033, 0.998],
  [10, 2.916318374695686, 24.193724927880535, 0.998],
  [1, null, 9.362180217908362, 0.998], // lower is negative in Byar's formula; R sets it to NA
];

describe("confidence limits of a count", () => {
  it("z is Φ⁻¹(1 − α/2) exactly, not 1.96 / 3.09", () => {
    expect(Z95).toBeCloseTo(1.959963984540054, 14);
    expect(Z998).toBeCloseTo(3.090232306167813, 14);
  });

  it.each(BYARS)("Byar's at x = %d matches PHEindicatormethods", (x, lower, upper, conf) => {
    const z = conf === 0.95 ? Z95 : Z998;
    if (lower !== null) expect(relDiff(byarLower(x, z), lower)).toBeLessThan(1e-12);
    else expect(byarLower(x, z)).toBeLessThan(0);
    expect(relDiff(byarUpper(x, z), upper)).toBeLessThan(1e-12);
  });

  it("O = 895 (Byar's) and O = 9 (exact) give testresults_ISR's limits (rate limit × E / R)", () => {
    const eOverR = 835.88356123117433 / 9349.8830922110192;
    const want895 = [9365.91600297888, 10689.097582910616, 9008.7578618655007, 11089.02718538338].map(
      (v) => v * eOverR,
    );
    const want9 = [46.033035133078933, 191.10426659054028, 27.431908625542341, 253.43696352192359].map(
      (v) => v * eOverR,
    );
    const got = (o: number) => [...countLimits(o, ALPHA_95, Z95), ...countLimits(o, ALPHA_998, Z998)];
    got(895).forEach((v, i) => expect(relDiff(v, want895[i])).toBeLessThan(1e-12));
    got(9).forEach((v, i) => expect(relDiff(v, want9[i])).toBeLessThan(1e-12));
  });

  it("exact limits in closed form: O = 0 upper −ln(α/2); O = 1 lower −ln(1 − α/2); O = 0 lower 0", () => {
    expect(exactLower(0, ALPHA_95)).toBe(0);
    expect(relDiff(exactUpper(0, ALPHA_95), -Math.log(0.025))).toBeLessThan(1e-13);
    expect(relDiff(exactUpper(0, ALPHA_998), -Math.log(0.001))).toBeLessThan(1e-13);
    expect(relDiff(exactLower(1, ALPHA_95), -Math.log(0.975))).toBeLessThan(1e-13);
    // O = 2: lower solves 1 − e^(−x)(1 + x) = 0.025; check the defining equation.
    const l2 = exactLower(2, ALPHA_95);
    expect(Math.abs(1 - Math.exp(-l2) * (1 + l2) - 0.025)).toBeLessThan(1e-14);
    const u2 = exactUpper(2, ALPHA_95);
    expect(Math.abs(Math.exp(-u2) * (1 + u2 + (u2 * u2) / 2) - 0.025)).toBeLessThan(1e-14);
  });

  it("switches from exact to Byar's at 10", () => {
    expect(countLimits(9.999, ALPHA_95, Z95)[0]).toBe(exactLower(9.999, ALPHA_95));
    expect(countLimits(10, ALPHA_95, Z95)).toEqual([byarLower(10, Z95), byarUpper(10, Z95)]);
  });

  it("verdicts: higher when lower > R, lower when upper < R, similar otherwise (ties similar)", () => {
    expect(verdict(101, 120, 100)).toBe("higher");
    expect(verdict(80, 99, 100)).toBe("lower");
    expect(verdict(100, 120, 100)).toBe("similar");
    expect(verdict(80, 100, 100)).toBe("similar");
  });
});
