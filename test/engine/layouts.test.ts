// Layouts and options: wide = long, age-only strata, a generic stratum column, a top band such as 85+,
// external standards (one for all measures, or per measure), measure filters, header overrides.
import { describe, expect, it } from "vitest";
import { run, type CellValue } from "../../src/engine";
import { table } from "./helpers";

const AGES = ["0-4", "5-9", "85-89", "90+"];
const pop = table(
  ["Area", "Sex", "Age band", "IMD", "Population"],
  ["A", "B"].flatMap((a, ai) =>
    ["F", "M"].flatMap((s, si) =>
      AGES.map((g, gi) => [a, s, g, 1, 100 * (1 + ai) + 10 * si + gi] as CellValue[]),
    ),
  ),
);
const long: CellValue[][] = [];
const wide: CellValue[][] = [];
["A", "B"].forEach((a, ai) =>
  ["F", "M"].forEach((s, si) =>
    AGES.forEach((g, gi) => {
      const x = 5 + ai + 2 * si + 3 * gi;
      const y = 1 + ((ai + si + gi) % 3);
      long.push([a, s, g, 1, "X-ray", x], [a, s, g, 1, "CT Scan", y]);
      wide.push([a, s, g, 1, x, y]);
    }),
  ),
);
const actLong = table(["Area", "Sex", "Age band", "IMD", "Modality", "Tests"], long);
const actWide = table(["Area", "Sex", "Age band", "IMD", "X-ray", "CT Scan"], wide);

describe("activity layouts", () => {
  it("a wide table gives the same results as the long one", () => {
    const a = run({ population: pop, activity: actLong });
    const b = run({ population: pop, activity: actWide });
    expect(b.measures).toEqual(["X-ray", "CT Scan"]);
    expect(b.meta.tables[1].layout).toBe("wide");
    expect(b.areas.map((r) => [r.observed, r.expected, r.rate])).toEqual(
      a.areas.map((r) => [r.observed, r.expected, r.rate]),
    );
    expect(b.ratios.map((r) => r.ratio)).toEqual(a.ratios.map((r) => r.ratio));
  });

  it("a long table with no measure column is one measure named after its count column", () => {
    const act = table(
      ["Area", "Sex", "Age band", "IMD", "Events"],
      long.filter((r) => r[4] === "X-ray").map((r) => [...r.slice(0, 4), r[5]]),
    );
    const r = run({ population: pop, activity: act });
    expect(r.measures).toEqual(["Events"]);
    expect(r.national[0].observed).toBe(run({ population: pop, activity: actLong }).national[0].observed);
  });

  it("measure filter and order; unknown measure is an error", () => {
    const r = run({ population: pop, activity: actLong }, { measures: ["CT Scan"] });
    expect(r.measures).toEqual(["CT Scan"]);
    expect(r.exclusions.activityRows).toBe(0);
    expect(() => run({ population: pop, activity: actLong }, { measures: ["MRI"] })).toThrow(
      /no activity for the measure MRI/,
    );
  });

  it("header overrides win over the guess", () => {
    const act = table(
      ["Area", "Sex", "Age band", "IMD", "Modality", "Tests", "Adjusted"],
      long.map((r) => [...r, (r[5] as number) * 2]),
    );
    const r = run({ population: pop, activity: act }, { mapping: { activity: { count: "Adjusted" } } });
    const base = run({ population: pop, activity: actLong });
    expect(r.national[0].observed).toBe(2 * base.national[0].observed);
    expect(() =>
      run({ population: pop, activity: act }, { mapping: { activity: { count: "Nope" } } }),
    ).toThrow(/"Nope" chosen for count is not there/);
  });
});

describe("strata", () => {
  it("age-only standardisation: SR uses age rates alone", () => {
    const r = run({ population: pop, activity: actLong }, { strata: ["age"] });
    expect(r.meta.strata).toEqual(["age"]);
    expect(r.ratios).toEqual([]);
    // Hand: E_A for X-ray = Σ_age r[age]·P_A[age], r[age] = ΣO / ΣP over both areas and sexes.
    const P = (a: number, s: number, g: number) => 100 * (1 + a) + 10 * s + g;
    const O = (a: number, s: number, g: number) => 5 + a + 2 * s + 3 * g;
    let eA = 0;
    for (let g = 0; g < 4; g++) {
      let o = 0;
      let p = 0;
      for (let a = 0; a < 2; a++) for (let s = 0; s < 2; s++) ((o += O(a, s, g)), (p += P(a, s, g)));
      eA += (o / p) * (P(0, 0, g) + P(0, 1, g));
    }
    const got = r.areas.find((x) => x.area === "A" && x.measure === "X-ray")!;
    expect(got.expected).toBeCloseTo(eA, 10);
  });

  it("population summed over a recognised column that is not a stratum, with a note", () => {
    const r = run({ population: pop, activity: actLong }, { strata: ["sex", "age"] });
    expect(r.meta.strata).toEqual(["sex", "age"]);
    expect(r.warnings.some((w) => w.message.includes("added up over IMD"))).toBe(true);
    expect(r.warnings.some((w) => w.kind === "duplicate-stratum")).toBe(false);
  });

  it("a generic stratum column shared by both tables", () => {
    const p2 = table(
      ["Area", "Ethnicity", "Population"],
      [
        ["A", "White", 800],
        ["A", "Asian", 200],
        ["B", "White", 300],
        ["B", "Asian", 700],
      ],
    );
    const a2 = table(
      ["Area", "Ethnicity", "Count"],
      [
        ["A", "White", 8],
        ["A", "Asian", 6],
        ["B", "White", 3],
        ["B", "Asian", 21],
      ],
    );
    const r = run({ population: p2, activity: a2 }, { strata: ["Ethnicity"] });
    expect(r.meta.levels).toEqual({ Ethnicity: ["White", "Asian"] });
    // r_White = 11/1100 = 0.01, r_Asian = 27/900 = 0.03; E_A = 8 + 6 = 14 = O_A.
    expect(r.areas[0].expected).toBeCloseTo(14, 12);
    expect(r.areas[1].expected).toBeCloseTo(24, 12);
    expect(() => run({ population: p2, activity: a2 }, { strata: ["Religion"] })).toThrow(
      /no "Religion" column/,
    );
  });

  it("a top band such as 85+ absorbs 85-89 and 90+ of the other table", () => {
    const p85 = table(
      ["Area", "Age band", "Population"],
      [
        ["A", "0-4", 100],
        ["A", "85+", 50],
        ["B", "0-4", 200],
        ["B", "85 and over", 25],
      ],
    );
    const a85 = table(
      ["Area", "Age band", "Count"],
      [
        ["A", "0-4", 1],
        ["A", "85-89", 2],
        ["A", "90+", 3],
        ["B", "0-4", 4],
        ["B", 93, 5],
      ],
    );
    const r = run({ population: p85, activity: a85 });
    expect(r.meta.levels.age).toEqual(["0-4", "85+"]);
    expect(r.exclusions.activityRows).toBe(0);
    // r_85+ = 10/75; E_A = 100·5/300 + 50·10/75.
    expect(r.areas[0].expected).toBeCloseTo((100 * 5) / 300 + (50 * 10) / 75, 12);
  });

  it("single-year ages in the activity table are put into five-year bands", () => {
    const p = table(
      ["Area", "Age", "Population"],
      [
        ["A", "0-4", 10],
        ["A", "5-9", 10],
      ],
    );
    const a = table(
      ["Area", "Age", "Count"],
      [
        ["A", 0, 1],
        ["A", 3, 1],
        ["A", 7, 1],
      ],
    );
    const r = run({ population: p, activity: a });
    expect(r.national[0].observed).toBe(3);
    expect(r.meta.levels.age).toEqual(["0-4", "5-9"]);
  });
});

describe("external standard", () => {
  it("one standard for every measure: E = Σ r_ref · P and national.rate is the standard's", () => {
    const ref = table(
      ["Age band", "Count", "Population"],
      [
        ["0-4", 10, 1000],
        ["5-9", 20, 1000],
        ["85-89", 300, 1000],
        ["90+", 500, 1000],
      ],
    );
    const r = run({ population: pop, activity: actLong, reference: ref }, { strata: ["age"] });
    expect(r.meta.standard).toBe("external");
    for (const n of r.national) expect(n.rate).toBeCloseTo((10_000 * 830) / 4000, 10);
    // Area A populations by age (both sexes): 100+110, 101+111, 102+112, 103+113.
    const eA = 0.01 * 210 + 0.02 * 212 + 0.3 * 214 + 0.5 * 216;
    for (const m of ["X-ray", "CT Scan"])
      expect(r.areas.find((x) => x.area === "A" && x.measure === m)!.expected).toBeCloseTo(eA, 10);
  });

  it("a standard per measure, and a measure without a standard is an error", () => {
    const rows: CellValue[][] = [];
    for (const g of AGES) rows.push(["X-ray", g, 1, 100], ["CT Scan", g, 2, 100]);
    const ref = table(["Measure", "Age band", "Count", "Population"], rows);
    const r = run({ population: pop, activity: actLong, reference: ref }, { strata: ["age"] });
    expect(r.national.map((n) => n.rate)).toEqual([100, 200]);
    const ref2 = table(
      ["Measure", "Age band", "Count", "Population"],
      rows.filter((x) => x[0] === "X-ray"),
    );
    expect(() => run({ population: pop, activity: actLong, reference: ref2 }, { strata: ["age"] })).toThrow(
      /no standard for the measure CT Scan/,
    );
  });

  it("activity in a stratum the standard has no population for is excluded", () => {
    const ref = table(
      ["Age band", "Count", "Population"],
      [
        ["0-4", 10, 1000],
        ["5-9", 20, 1000],
        ["85-89", 300, 1000],
      ],
    );
    const r = run({ population: pop, activity: actLong, reference: ref }, { strata: ["age"] });
    // Its own reason (the population has 90+ people; only the standard lacks them), and a warning.
    const z = r.exclusions.byReason.find((x) => x.reason === "not-in-standard")!;
    expect(z.rows).toBe(8); // 90+ rows: 2 areas × 2 sexes × 2 measures
    expect(r.exclusions.byReason.map((x) => x.reason)).toEqual(["not-in-standard"]);
    expect(r.warnings.find((w) => w.message.includes("external standard lacks"))?.message).toContain("90+");
  });
});

describe("options", () => {
  it("multiplier scales every rate; significance 'counts' makes stars from pCounts", () => {
    const a = run({ population: pop, activity: actLong });
    const b = run({ population: pop, activity: actLong }, { multiplier: 100_000, significance: "counts" });
    expect(b.multiplier).toBe(100_000);
    expect(b.national[0].rate).toBeCloseTo(a.national[0].rate * 10, 9);
    expect(b.meta.significance).toBe("counts");
    for (const x of b.ratios)
      expect(x.stars).toBe(x.pCounts < 0.001 ? "***" : x.pCounts < 0.01 ? "**" : x.pCounts < 0.05 ? "*" : "");
    expect(() => run({ population: pop, activity: actLong }, { multiplier: 0 })).toThrow(/multiplier/);
  });
});
