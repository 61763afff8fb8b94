// SPEC §4b overdispersion: a five-area case worked by hand, invariants and property tests, and the
// sample at DID scale (where Poisson limits call almost every ICB different from England).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustedLimits, adjustedRatioLimits, dispersion, quantile7 } from "../../src/engine/overdispersion";
import { Z95, Z998 } from "../../src/engine/intervals";
import { sampleResults } from "../report/sample";

describe("φ and τ² by hand (five areas)", () => {
  // O, E: z = √E·ln(O/E) = 1.8232, −1.0536, 3.5234, −4.2038, 0.
  const O = [120, 90, 200, 50, 100];
  const E = [100, 100, 150, 80, 100];
  // Sorted z: D, B, E, A, C. Type 7: p10 at h = 0.4 between D and B, p90 at h = 3.6 between A and C.
  const zA = 10 * Math.log(1.2);
  const zB = 10 * Math.log(0.9);
  const zC = Math.sqrt(150) * Math.log(200 / 150);
  const zD = Math.sqrt(80) * Math.log(50 / 80);
  const p10 = zD + 0.4 * (zB - zD);
  const p90 = zA + 0.6 * (zC - zA);
  // D and C are winsorised to p10 and p90; B, E (0) and A stay.
  const phi = (p10 ** 2 + zB ** 2 + 0 + zA ** 2 + p90 ** 2) / 5;
  // Σw = 530, Σw² = 58,900.
  const tau2 = (5 * phi - 4) / (530 - 58_900 / 530);

  it("winsorised z, φ and τ² agree with the formulas", () => {
    expect(p10).toBeCloseTo(-2.9437462178274805, 12);
    expect(p90).toBeCloseTo(2.843309084135551, 12);
    const d = dispersion(O, E);
    expect(d.n).toBe(5);
    expect(d.phi).toBeCloseTo(4.236849435209353, 12);
    expect(d.phi).toBeCloseTo(phi, 13);
    expect(d.tau2).toBeCloseTo(0.041025454969841384, 14);
    expect(d.tau2).toBeCloseTo(tau2, 14);
  });

  it("an area with O = 0 is left out of φ and τ² but still gets limits and a verdict", () => {
    const d = dispersion([...O, 0], [...E, 400]);
    expect(d).toEqual(dispersion(O, E));
    const R = 50;
    const lim = adjustedLimits(0, 400, d.tau2, R);
    const w = Math.exp(Z95 * Math.sqrt(1 / 400 + tau2));
    expect(lim.lower95OD).toBeCloseTo(R / w, 12);
    expect(lim.upper95OD).toBeCloseTo(R * w, 12);
    expect(lim.vsNational95OD).toBe("lower");
    expect(lim.vsNational998OD).toBe("lower");
  });

  it("type-7 quantiles as R computes them", () => {
    // quantile(c(1, 2, 4, 8), c(0.1, 0.9), type = 7) = 1.3, 6.8
    expect(quantile7([1, 2, 4, 8], 0.1)).toBeCloseTo(1.3, 14);
    expect(quantile7([1, 2, 4, 8], 0.9)).toBeCloseTo(6.8, 14);
  });
});

const expectedArb = fc.double({ min: 10, max: 1e6, noNaN: true });

describe("invariants", () => {
  it("Poisson-consistent areas (|z| ≤ 0.9, n ≥ 6): φ ≤ 1 and τ² = 0, limits the Poisson-normal ones", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(expectedArb, fc.double({ min: -0.9, max: 0.9, noNaN: true })), {
          minLength: 6,
          maxLength: 60,
        }),
        (rows) => {
          const E = rows.map(([e]) => e);
          const O = rows.map(([e, z]) => e * Math.exp(z / Math.sqrt(e)));
          const d = dispersion(O, E);
          expect(d.phi).toBeLessThanOrEqual(1);
          expect(d.tau2).toBe(0);
          const [lo, hi] = adjustedRatioLimits(E[0], d.tau2, Z998);
          expect(lo).toBeCloseTo(Math.exp(-Z998 / Math.sqrt(E[0])), 14);
          expect(hi).toBeCloseTo(Math.exp(Z998 / Math.sqrt(E[0])), 12);
        },
      ),
    );
  });

  it("adjusted limits always contain the Poisson-normal ones (τ² ≥ 0)", () => {
    fc.assert(
      fc.property(expectedArb, fc.double({ min: 0, max: 1, noNaN: true }), (e, t2) => {
        for (const z of [Z95, Z998]) {
          const [lo, hi] = adjustedRatioLimits(e, t2, z);
          const [lo0, hi0] = adjustedRatioLimits(e, 0, z);
          expect(lo).toBeLessThanOrEqual(lo0);
          expect(hi).toBeGreaterThanOrEqual(hi0);
          expect(lo0).toBeCloseTo(Math.exp(-z / Math.sqrt(e)), 12);
        }
      }),
    );
  });

  it("scaling every count by c leaves a perfectly average area (O = E) similar", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(expectedArb, fc.double({ min: 0.5, max: 2, noNaN: true })), {
          minLength: 3,
          maxLength: 40,
        }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        (rows, c) => {
          const E = [...rows.map(([e]) => e * c), 500 * c];
          const O = [...rows.map(([e, r]) => e * r * c), 500 * c];
          const { tau2 } = dispersion(O, E);
          const R = 3670;
          const lim = adjustedLimits(R, 500 * c, tau2, R);
          expect(lim.vsNational95OD).toBe("similar");
          expect(lim.vsNational998OD).toBe("similar");
        },
      ),
    );
  });
});

describe("the sample at DID scale", () => {
  const res = sampleResults();
  it("every measure has φ, τ², n over all 42 ICBs; adjusted limits contain the Poisson ones there", () => {
    expect(res.overdispersion.map((o) => o.measure)).toEqual(res.measures);
    for (const o of res.overdispersion) {
      expect(o.n).toBeLessThanOrEqual(42);
      expect(o.tau2).toBeGreaterThanOrEqual(0);
    }
    const xray = res.overdispersion.find((o) => o.measure === "X-ray")!;
    expect(xray.n).toBe(42);
    expect(xray.phi).toBeGreaterThan(10); // far beyond Poisson
    expect(xray.tau2).toBeGreaterThan(0);
    for (const a of res.areas) {
      const R = res.national.find((n) => n.measure === a.measure)!.rate;
      // At these counts the Poisson interval around SR is narrower than the adjusted one around England.
      if (a.observed < 1000) continue;
      expect(a.upper998OD - a.lower998OD).toBeGreaterThan(a.upper998 - a.lower998);
      expect(a.lower998OD).toBeLessThan(R);
      expect(a.upper998OD).toBeGreaterThan(R);
    }
  });

  it("fewer X-ray ICBs are outside the adjusted 99.8% limits than outside the Poisson ones", () => {
    const x = res.areas.filter((a) => a.measure === "X-ray");
    const poisson = x.filter((a) => a.vsNational998 !== "similar").length;
    const adjusted = x.filter((a) => a.vsNational998OD !== "similar").length;
    expect(poisson).toBeGreaterThanOrEqual(35);
    expect(adjusted).toBeLessThan(poisson);
    expect(adjusted).toBeLessThanOrEqual(10);
  });
});
