// The publication's own tables, pasted as text (test/fixtures/validate, copied from the reference
// text): the validator must find all eight (Tables 1–2 of national rates, Tables 1–6 of rates
// ratios), read "0.80***" as a ratio and its stars, and name the heading it cannot match
// ("Brain MRI Chest X-ray", two headings run together in the source).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Results } from "../../src/engine/types";
import { type PublishedSheet, type Validation, validatePublished } from "../../src/validate";
import { sampleResults } from "../report/sample";

let r: Results;
let v: Validation;
const sheet: PublishedSheet = {
  name: "pasted",
  grid: readFileSync("test/fixtures/validate/publication-tables.txt", "utf8")
    .split("\n")
    .map((line) => line.split("\t").map((c) => (c.trim() === "" ? null : c.trim()))),
};

beforeAll(() => {
  r = sampleResults();
  v = validatePublished([sheet], r);
});

describe("the publication's tables, pasted", () => {
  it("finds every table, with its kind, factor and measures", () => {
    expect(v.tables.map((t) => [t.kind, t.factor ?? "", t.measures.length])).toEqual([
      ["national", "", 9],
      ["national", "", 5],
      ["ratios", "sex", 9],
      // "Brain MRI Chest X-ray" is one cell in the source: Chest CT, Kidney…, Abdomen… remain.
      ["ratios", "sex", 3],
      ["ratios", "imd", 9],
      ["ratios", "imd", 5],
      // Table 5's Fluoroscopy heading is blank in the source.
      ["ratios", "age", 8],
      ["ratios", "age", 5],
    ]);
    expect(v.tables[4].measures.map((m) => m.heading)).toContain("Fluoro- scopy");
    expect(v.tables[5].measures.find((m) => m.heading === "Chest X- ray")?.measure).toBe("Chest X-ray");
  });

  it("compares every figure it can place: 14 national rates and 159 ratios", () => {
    // Ratios: sex 2 × 9 + 2 × 3, IMD 5 × 9 + 5 × 5, age 5 × 8 + 5 × 5.
    expect(v.figures.filter((f) => f.table === "national")).toHaveLength(14);
    expect(v.figures.filter((f) => f.table === "ratios")).toHaveLength(24 + 70 + 65);
    expect(v.total).toBe(173);
  });

  it("reads ratios and stars as printed, with the rounding of their digits", () => {
    const male = v.figures.find((f) => f.factor === "sex" && f.level === "Male" && f.measure === "X-ray")!;
    expect(male).toMatchObject({
      published: 0.8,
      publishedStars: "***",
      tolerance: 0.005,
      toleranceFrom: "digits",
      cell: "B15",
    });
    const spect = v.figures.find(
      (f) => f.factor === "age" && f.level === "55-<65" && f.measure === "SPECT Scan",
    )!;
    expect(spect).toMatchObject({ published: 4.63, publishedStars: "**" });
    const base = v.figures.find((f) => f.factor === "imd" && f.level === "1" && f.measure === "MRI")!;
    expect(base).toMatchObject({
      published: 1,
      publishedStars: "",
      computed: 1,
      computedStars: "",
      agree: true,
    });
  });

  it("the sample's national rates (calibrated to Tables 1–2) agree with the published ones", () => {
    const national = v.figures.filter((f) => f.table === "national");
    expect(national.map((f) => f.published)).toEqual([
      3670, 1789, 1303, 758, 150, 51, 47, 9, 10, 162, 1316, 139, 36, 209,
    ]);
    expect(national.every((f) => f.agree)).toBe(true);
  });

  it("names the heading it cannot match, and so does not pass", () => {
    expect(v.missing).toEqual([
      {
        onlyIn: "published",
        what: "measure",
        label: "Brain MRI Chest X-ray",
        sheet: "pasted",
        cell: "B19",
        table: "ratios",
      },
    ]);
    expect(v.ok).toBe(false);
  });
});
