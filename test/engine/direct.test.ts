// SPEC §11 directly standardised rates. Oracle: PHEindicatormethods' calculate_dsr fixtures
// (testresults_DSR rows 1–8: ESP 2013 per 10,000 and 100,000, a custom 1976 standard, "NA below 10");
// then a two-band hand case and the ESP's closed forms.
import { describe, expect, it } from "vitest";
import { dsr, ESP2013, run, standardFromTable } from "../../src/engine";
import { byarLower, byarUpper, Z95, Z998 } from "../../src/engine/intervals";
import { fixture, relDiff, table, tableFromCsv } from "./helpers";

const population = tableFromCsv(fixture("phe", "population.csv"), "population.csv");
const activity = tableFromCsv(fixture("phe", "activity.csv"), "activity.csv");
const expected = fixture("phe", "dsr-expected.csv")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(","));
const TOL = 1e-9;
const num = (s: string) => (s === "" ? null : Number(s));

function expectClose(got: number | null, want: number | null) {
  if (want === null) expect(got).toBeNull();
  else expect(relDiff(got!, want)).toBeLessThan(TOL);
}

describe("DSR against PHEindicatormethods calculate_dsr (testresults_DSR)", () => {
  for (const k of [10_000, 100_000]) {
    it(`ESP 2013 per ${k}: testdata_big, _small, and _tiny (9 events: no rate)`, () => {
      const res = run({ population, activity }, { multiplier: k, direct: true });
      expect(res.meta.directStandard).toBe("European Standard Population 2013");
      const rows = expected.filter(
        (e) => e[8] === `dsr per ${k}` || (e[8].startsWith("dsr NA") && e !== undefined),
      );
      let checked = 0;
      for (const e of rows.filter((r) => r[0] !== "testdata_1976")) {
        const got = res.direct!.find((d) => d.area === e[0])!;
        expect(got.observed).toBe(Number(e[1]));
        expect(got.population).toBe(Number(e[2]));
        expectClose(got.rate, num(e[3]));
        expectClose(got.lower95, num(e[4]));
        expectClose(got.upper95, num(e[5]));
        expectClose(got.lower998, num(e[6]));
        expectClose(got.upper998, num(e[7]));
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(3);
    });
  }

  it("a standard population from a table (ESP 1976, 18 bands to 85+): value and 95% limits", () => {
    // The fixture checks only columns 2:6 of this row (its 99.8% figures are ≈10× off; see SOURCE.md).
    const rows = fixture("phe", "dsr-1976.csv")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    const pop = table(
      ["Area", "Age band", "Population"],
      rows.map((r) => ["testdata_1976", r[0], Number(r[2])]),
    );
    const act = table(
      ["Area", "Age band", "Count"],
      rows.map((r) => ["testdata_1976", r[0], Number(r[1])]),
    );
    const std = standardFromTable(
      table(
        ["Age band", "Population"],
        rows.map((r) => [r[0], Number(r[3])]),
      ),
    );
    for (const e of expected.filter((r) => r[0] === "testdata_1976")) {
      const k = e[8].endsWith("100000") ? 100_000 : 10_000;
      const res = run(
        { population: pop, activity: act },
        { multiplier: k, direct: true, directStandard: std },
      );
      const got = res.direct![0];
      expect(got.observed).toBe(804);
      expect(got.population).toBe(8763);
      expectClose(got.rate, num(e[3]));
      expectClose(got.lower95, num(e[4]));
      expectClose(got.upper95, num(e[5]));
    }
  });
});

describe("DSR by hand and closed forms", () => {
  it("two age bands", () => {
    // O = 30, 20; P = 1,000, 4,000; w = 60, 40; k = 1,000.
    // DSR = 1000·(60·0.03 + 40·0.005)/100 = 20; V = 1000²·(30·0.06² + 20·0.01²)/100² = 100·(0.108 + 0.002) = 11.
    const d = dsr([30, 20], [1000, 4000], [60, 40], 1000);
    expect(d.rate).toBeCloseTo(20, 12);
    const s = Math.sqrt(11 / 50);
    expect(d.lower95).toBeCloseTo(20 + s * (byarLower(50, Z95) - 50), 12);
    expect(d.upper998).toBeCloseTo(20 + s * (byarUpper(50, Z998) - 50), 12);
    expect(d.observed).toBe(50);
    expect(d.population).toBe(5000);
  });

  it("ESP 2013 weights sum to 100,000 over 19 bands", () => {
    expect(ESP2013.bands).toHaveLength(19);
    expect(ESP2013.bands.reduce((t, b) => t + b.weight, 0)).toBe(100_000);
  });

  it("a population shaped like the ESP has DSR equal to its crude rate", () => {
    // P_b = 3·w_b; any counts: DSR = k·Σ w·O/(3w) / Σw = k·ΣO / (3·100,000) = crude rate.
    const w = ESP2013.bands.map((b) => b.weight);
    const obs = w.map((_, i) => 7 + ((i * 37) % 23));
    const d = dsr(
      obs,
      w.map((x) => 3 * x),
      w,
      100_000,
    );
    const O = obs.reduce((a, b) => a + b, 0);
    expect(relDiff(d.rate!, (100_000 * O) / 300_000)).toBeLessThan(1e-12);
  });

  it("England's DSR over all areas; a top band 85+ takes the ESP's 85-89 and 90+ weights", () => {
    const pop = table(
      ["Area", "Age band", "Population"],
      [
        ["A", "0-4", 100],
        ["A", "5-84", 1000],
        ["A", "85+", 50],
        ["B", "0-4", 300],
        ["B", "5-84", 500],
        ["B", "85+", 20],
      ],
    );
    const act = table(
      ["Area", "Age band", "Count"],
      [
        ["A", "0-4", 5],
        ["A", "5-84", 20],
        ["A", "85+", 10],
        ["B", "0-4", 6],
        ["B", "5-84", 10],
        ["B", "85+", 4],
      ],
    );
    const res = run({ population: pop, activity: act }, { direct: true });
    const w = [5000, 100_000 - 5000 - 2500, 2500];
    const nat = dsr([11, 30, 14], [400, 1500, 70], w, 10_000);
    expect(res.directNational![0].rate).toBeCloseTo(nat.rate!, 9);
    expect(res.directNational![0].rate).toBeCloseTo(
      (10_000 * ((5000 * 11) / 400 + (92_500 * 30) / 1500 + (2500 * 14) / 70)) / 100_000,
      9,
    );
  });

  // SPEC §1b: activity where its area has no population in that stratum cannot be rated, so it is
  // excluded with its own reason before any standardisation; DSR never sees events without people.
  it("events in a band where the area has no population are excluded with their own reason", () => {
    const pop = table(
      ["Area", "Age band", "Population"],
      [
        ["A", "0-4", 100],
        ["A", "5+", 0],
        ["B", "0-4", 10],
        ["B", "5+", 10],
      ],
    );
    const act = table(
      ["Area", "Age band", "Count"],
      [
        ["A", "0-4", 5],
        ["A", "5+", 3],
        ["B", "0-4", 1],
        ["B", "5+", 1],
      ],
    );
    const r = run({ population: pop, activity: act }, { direct: true });
    const gap = r.exclusions.byReason.find((x) => x.reason === "no-area-population");
    expect(gap).toMatchObject({ rows: 1, count: 3 });
    // A keeps only its 5 events in 0-4 (fewer than 10: no rate), B its 2.
    const a = r.direct!.find((d) => d.area === "A")!;
    expect(a.observed).toBe(5);
    expect(a.rate).toBeNull();
  });
});
