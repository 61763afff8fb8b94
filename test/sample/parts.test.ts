// The generator's building blocks: the population split (hand arithmetic and properties) and the
// seeded random numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { interpolate } from "../../src/sample/calibrate";
import { broadAge } from "../../src/sample/model";
import { apportion, buildPopulation } from "../../src/sample/population";
import { createRng } from "../../src/sample/random";
import { sampleInputs } from "../../src/sample/inputs";

describe("apportion (largest remainder)", () => {
  it("splits by hand-worked examples", () => {
    // 10 × 1/3 = 3.33 each: floors 3, 3, 3; one left, ties go to the first.
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 7 × (0.5, 0.3, 0.2) = 3.5, 2.1, 1.4: floors 3, 2, 1; the one left goes to the largest remainder (0.5).
    expect(apportion(7, [5, 3, 2])).toEqual([4, 2, 1]);
    // 100 × (0.6, 0.4) is exact.
    expect(apportion(100, [60, 40])).toEqual([60, 40]);
    expect(apportion(0, [3, 4])).toEqual([0, 0]);
    expect(apportion(5, [0, 2, 0])).toEqual([0, 5, 0]);
  });

  it("keeps the total and stays within 1 of the exact share", () => {
    fc.assert(
      fc.property(fc.nat(1e7), fc.array(fc.nat(1e6), { minLength: 1, maxLength: 8 }), (total, w) => {
        fc.pre(w.some((x) => x > 0));
        const out = apportion(total, w);
        const sum = w.reduce((a, b) => a + b, 0);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        out.forEach((v, i) => {
          expect(Number.isInteger(v)).toBe(true);
          expect(Math.abs(v - (total * w[i]) / sum)).toBeLessThan(1);
        });
      }),
    );
  });
});

describe("population array", () => {
  it("has 42 × 190 cells totalling 57,106,398", () => {
    const pop = buildPopulation(sampleInputs);
    expect(pop.length).toBe(42 * 190);
    expect(pop.reduce((a, b) => a + b, 0)).toBe(57_106_398);
  });
});

describe("broad age bands", () => {
  it("maps the 19 five-year bands to 0-<45, 45-<55, 55-<65, 65-<75, 75+", () => {
    expect(Array.from({ length: 19 }, (_, i) => broadAge(i))).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4,
    ]);
  });
});

describe("seeded random numbers", () => {
  it("repeat for a seed and differ between seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it("are uniform and normal in distribution (moments over 100,000 draws)", () => {
    const r = createRng(1);
    let s = 0;
    let s2 = 0;
    let z = 0;
    let z2 = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
      const g = r.normal();
      z += g;
      z2 += g * g;
    }
    expect(outside).toBe(0);
    // Uniform: mean 1/2, variance 1/12; normal: mean 0, variance 1 (SE ≈ 0.001, 0.003, 0.005).
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.003);
    expect(Math.abs(z / n)).toBeLessThan(0.015);
    expect(Math.abs(z2 / n - 1)).toBeLessThan(0.02);
  });

  it("pick() draws in proportion to the weights and never a zero weight", () => {
    const r = createRng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.pick([1, 0, 3, 0])]++;
    expect(counts[1] + counts[3]).toBe(0);
    expect(Math.abs(counts[2] / 40_000 - 0.75)).toBeLessThan(0.015);
  });
});

describe("interpolate", () => {
  it("is piecewise linear through the points and flat outside", () => {
    const xs = [40, 50, 60];
    const ys = [0, 1, 3];
    expect(interpolate(xs, ys, 10)).toBe(0);
    expect(interpolate(xs, ys, 45)).toBe(0.5);
    expect(interpolate(xs, ys, 57.5)).toBe(2.5);
    expect(interpolate(xs, ys, 60)).toBe(3);
    expect(interpolate(xs, ys, 92.5)).toBe(3);
  });
});

describe("browser safety", () => {
  it("src/sample imports no Node built-ins and fetches nothing (the task pane lazy-loads it)", () => {
    const dir = join(__dirname, "..", "..", "src", "sample");
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), "utf8");
      expect(text, f).not.toMatch(/from "node:|from "(fs|path|os|url)"|require\(|fetch\(|XMLHttpRequest/);
    }
  });
});
