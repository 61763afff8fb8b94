// Oracle: PHEindicatormethods' own ISR fixtures (testresults_ISR rows 1–12): age-only strata,
// an external reference, multipliers 100,000 and 1,000, exact limits at O = 9, Byar's at 91 and 895.
import { describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import { fixture, relDiff, tableFromCsv } from "./helpers";

const population = tableFromCsv(fixture("phe", "population.csv"), "population.csv");
const activity = tableFromCsv(fixture("phe", "activity.csv"), "activity.csv");
const reference = tableFromCsv(fixture("phe", "reference.csv"), "reference.csv");
const expected = fixture("phe", "expected.csv")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(","));

const num = (s: string) => Number(s);
const TOL = 1e-9;

describe("ISR against PHEindicatormethods fixtures", () => {
  for (const [rows, k] of [
    [[0, 1, 2], 100_000],
    [[3, 4, 5], 1_000],
  ] as [number[], number][]) {
    it(`ISRate per ${k} (rows ${rows.map((r) => r + 1).join(", ")})`, () => {
      const res = run({ population, activity, reference }, { multiplier: k });
      expect(res.meta.strata).toEqual(["age"]);
      expect(res.meta.standard).toBe("external");
      expect(res.measures).toEqual(["Count"]);
      for (const r of rows) {
        const e = expected[r];
        const got = res.areas.find((a) => a.area === e[0])!;
        expect(got.observed).toBe(num(e[1]));
        expect(relDiff(got.expected, num(e[2]))).toBeLessThan(TOL);
        expect(relDiff(res.national[0].rate, num(e[3]))).toBeLessThan(TOL);
        expect(relDiff(got.rate, num(e[4]))).toBeLessThan(TOL);
        expect(relDiff(got.lower95, num(e[5]))).toBeLessThan(TOL);
        expect(relDiff(got.upper95, num(e[6]))).toBeLessThan(TOL);
        expect(relDiff(got.lower998, num(e[7]))).toBeLessThan(TOL);
        expect(relDiff(got.upper998, num(e[8]))).toBeLessThan(TOL);
      }
    });
  }

  it("ISRatio x 1 and x 100 (rows 7–12): O/E and its limits", () => {
    const res = run({ population, activity, reference });
    const R = res.national[0].rate;
    for (const r of [6, 7, 8, 9, 10, 11]) {
      const e = expected[r];
      const scale = e[9].endsWith("x 100") ? 100 : 1;
      const got = res.areas.find((a) => a.area === e[0])!;
      expect(relDiff(got.ratio * scale, num(e[4]))).toBeLessThan(TOL);
      expect(relDiff((got.lower95 / R) * scale, num(e[5]))).toBeLessThan(TOL);
      expect(relDiff((got.upper95 / R) * scale, num(e[6]))).toBeLessThan(TOL);
      expect(relDiff((got.lower998 / R) * scale, num(e[7]))).toBeLessThan(TOL);
      expect(relDiff((got.upper998 / R) * scale, num(e[8]))).toBeLessThan(TOL);
    }
  });

  it("reads testdata_tiny's blank 10-14 count as 0, with a warning", () => {
    const res = run({ population, activity, reference });
    const w = res.warnings.find((x) => x.kind === "blank-as-zero" && x.table === "activity");
    expect(w?.count).toBe(1);
    // activity.csv: header is row 1; testdata_tiny starts at data row 39 → sheet row 40, 10-14 is its third band.
    expect(w?.rows).toEqual([42]);
  });
});
