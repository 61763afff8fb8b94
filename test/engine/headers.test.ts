// SPEC §1 header names, case- and punctuation-insensitive; long vs wide activity.
import { describe, expect, it } from "vitest";
import { guessMapping } from "../../src/engine";

const NAMES: Record<string, string[]> = {
  area: ["area", "area code", "icb", "icb code", "org code", "organisation code", "code"],
  areaName: ["area name", "icb name", "name", "organisation name"],
  region: ["region", "nhs region"],
  sex: ["sex", "gender"],
  age: ["age band", "ageband", "age group", "age"],
  imd: ["imd", "imd quintile", "deprivation", "deprivation quintile"],
  population: ["population", "pop", "denominator", "persons"],
  count: ["count", "activity", "tests", "events", "numerator", "observed"],
  measure: ["measure", "modality", "test", "indicator"],
};
const styles = (s: string) => [
  s,
  s.toUpperCase(),
  s.replace(/\b\w/g, (c) => c.toUpperCase()),
  s.replace(/ /g, "_"),
  ` ${s.replace(/ /g, "-")} `,
];

describe("guessMapping", () => {
  for (const [role, names] of Object.entries(NAMES)) {
    const kind = role === "count" || role === "measure" ? "activity" : "population";
    it(`${role}: ${names.join(", ")} in any case or punctuation`, () => {
      for (const n of names)
        for (const h of styles(n)) expect(guessMapping([h], kind).mapping[role], h).toBe(h);
    });
  }

  it("DID-style population and long activity", () => {
    expect(
      guessMapping(
        ["ICB code", "ICB name", "Region", "Sex", "Age band", "IMD quintile", "Population"],
        "population",
      ).mapping,
    ).toEqual({
      area: "ICB code",
      areaName: "ICB name",
      region: "Region",
      sex: "Sex",
      age: "Age band",
      imd: "IMD quintile",
      population: "Population",
    });
    const act = guessMapping(["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"], "activity");
    expect(act.layout).toBe("long");
    expect(act.mapping).toMatchObject({ area: "ICB code", measure: "Measure", count: "Count" });
  });

  it("long without a measure column is still long (one measure)", () => {
    const g = guessMapping(["Area", "Age band", "Count"], "activity");
    expect(g.layout).toBe("long");
    expect(g.mapping.measure).toBeUndefined();
  });

  it("wide: every other column is a candidate measure, names and regions are not", () => {
    const g = guessMapping(
      ["ICB code", "ICB name", "Sex", "Age band", "IMD", "X-ray", "Ultrasound", "CT Scan"],
      "activity",
    );
    expect(g.layout).toBe("wide");
    expect(g.measureColumns).toEqual(["X-ray", "Ultrasound", "CT Scan"]);
  });

  it("first header wins when two name the same role", () => {
    expect(guessMapping(["ICB code", "Org code", "Population"], "population").mapping.area).toBe("ICB code");
  });

  it("reference tables map strata, count and population", () => {
    expect(guessMapping(["Age band", "Count", "Population"], "reference").mapping).toEqual({
      age: "Age band",
      count: "Count",
      population: "Population",
    });
  });
});
