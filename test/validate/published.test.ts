// The validator on published-style sheets built from a run on the shipped sample
// (assets/sample/*.csv): rounded as published, a few figures altered, headings in the
// publication's spellings, one extra area. It must report exactly what was changed.
import { beforeAll, describe, expect, it } from "vitest";
import type { Results } from "../../src/engine/types";
import { multiplierText, type PublishedSheet, validatePublished } from "../../src/validate";
import { sampleResults } from "../report/sample";
import { annexBSheet, heading, letter, nationalSheet, ratiosSheet, TOP } from "./published";

let r: Results;
beforeAll(() => {
  r = sampleResults();
});

/** Sheet row (1-based) of an area in annexBSheet: header, England, then areas in order. */
const rowOf = (area: string) =>
  area === "England" ? TOP + 2 : TOP + 3 + r.meta.areaList.findIndex((a) => a.area === area);
const cellOf = (area: string, measure: string) => `${letter(2 + r.measures.indexOf(measure))}${rowOf(area)}`;

describe("Annex B", () => {
  it("the sample has 42 ICBs and 14 measures: 43 rows × 14 figures", () => {
    expect(r.meta.areaList).toHaveLength(42);
    expect(r.measures).toHaveLength(14);
  });

  it("reports exactly the altered figures and the extra area", () => {
    const alter = { "QKK|X-ray": 2, "QHM|Fluoroscopy": -1, "England|MRI": 1 };
    const v = validatePublished([annexBSheet(r, { alter, extra: [["QZZ", "NHS Nowhere ICB"]] })], r);
    const wrong = v.figures.filter((f) => !f.agree);
    expect(wrong.map((f) => f.cell).sort()).toEqual(
      [cellOf("QKK", "X-ray"), cellOf("QHM", "Fluoroscopy"), cellOf("England", "MRI")].sort(),
    );
    expect(wrong.map((f) => `${f.area}|${f.measure}`).sort()).toEqual(Object.keys(alter).sort());
    // The published figure is the rounded one plus the alteration; computed is the unrounded rate.
    const qkk = wrong.find((f) => f.area === "QKK")!;
    const rate = r.areas.find((a) => a.area === "QKK" && a.measure === "X-ray")!.rate;
    expect(qkk.published).toBe(Math.round(rate) + 2);
    expect(qkk.computed).toBe(rate);
    expect(qkk.difference).toBeCloseTo(Math.round(rate) + 2 - rate, 9);
    expect(qkk.relativeDifference).toBeCloseTo((Math.round(rate) + 2 - rate) / rate, 12);
    expect(qkk.tolerance).toBe(0.5);
    expect(qkk.toleranceFrom).toBe("format");
    expect(qkk.areaName).toBe("NHS South East London ICB");

    expect(v.total).toBe(43 * 14);
    expect(v.agreeing).toBe(43 * 14 - 3);
    expect(v.headline).toBe("599 of 602 figures agree within rounding");
    expect(v.missing).toEqual([
      // Rows: 1 title, 2 blank, 3 header, 4 England, 5–46 the 42 ICBs, 47 the extra one.
      { onlyIn: "published", what: "area", label: "QZZ", sheet: "Annex B", cell: "A47", table: "areas" },
    ]);
    expect(v.ok).toBe(false);
    // Disagreements come first.
    expect(v.figures.slice(0, 3).every((f) => !f.agree)).toBe(true);
  });

  it("matches every heading in the publication's spelling to its measure", () => {
    const v = validatePublished([annexBSheet(r)], r);
    expect(v.tables).toHaveLength(1);
    expect(v.tables[0]).toMatchObject({ sheet: "Annex B", kind: "areas" });
    expect(v.tables[0].measures).toEqual(r.measures.map((m) => ({ heading: heading(m), measure: m })));
    expect(v.tables[0].measures.map((m) => m.heading)).toContain("Fluoro- scopy");
    expect(v.headline).toBe("602 of 602 figures agree within rounding");
    expect(v.missing).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('reads figures written as text ("3,670") with the rounding of their digits', () => {
    const v = validatePublished([annexBSheet(r, { asText: true, alter: { "QYG|CT Scan": 1 } })], r);
    expect(v.figures.filter((f) => !f.agree).map((f) => f.cell)).toEqual([cellOf("QYG", "CT Scan")]);
    expect(v.figures.every((f) => f.toleranceFrom === "digits" && f.tolerance === 0.5)).toBe(true);
  });

  it("lists areas left out of the publication, and matches ICBs by their ONS codes too", () => {
    // E54000030 is QKK's ONS code (assets/data/icb_2024_25_reference.csv); X1 is a user's alias.
    const v = validatePublished(
      [annexBSheet(r, { drop: ["QSL"], recode: { QKK: "E54000030", QHM: "X1" } })],
      r,
      {
        areaAliases: { X1: "QHM" },
      },
    );
    expect(v.figures.filter((f) => f.area === "QHM")).toHaveLength(14);
    expect(v.missing).toEqual([{ onlyIn: "computed", what: "area", label: "QSL", table: "areas" }]);
    expect(v.total).toBe(42 * 14);
    expect(v.figures.filter((f) => f.area === "QKK")).toHaveLength(14);
    // Only published items without a computed counterpart fail the validation.
    expect(v.ok).toBe(true);
  });

  it("a user tolerance replaces the rounding", () => {
    const alter = { "QKK|X-ray": 2, "QHM|Fluoroscopy": -1 };
    expect(validatePublished([annexBSheet(r, { alter })], r, { tolerance: 2.6 }).agreeing).toBe(602);
    const v = validatePublished([annexBSheet(r, { alter })], r, { tolerance: 1.6 });
    expect(v.figures.filter((f) => !f.agree).map((f) => f.cell)).toEqual([cellOf("QKK", "X-ray")]);
    expect(v.headline).toBe("601 of 602 figures agree within the tolerance");
    expect(v.figures.every((f) => f.toleranceFrom === "user")).toBe(true);
  });
});

describe("tolerance at its edge", () => {
  /** A one-area, one-measure table holding `value` with `format`. */
  const sheet = (value: number, format: string): PublishedSheet => {
    const m = r.measures;
    return {
      name: "S",
      grid: [
        ["Code", ...m],
        ["QYG", value, ...m.slice(1).map(() => null)],
      ],
      formats: [[], [null, format]],
    };
  };
  const rate = () => r.areas.find((a) => a.area === "QYG" && a.measure === r.measures[0])!.rate;
  const agrees = (value: number, format: string) =>
    validatePublished([sheet(value, format)], r).figures[0].agree;

  it('"#,##0" shows whole numbers: half a unit is 0.5', () => {
    expect(agrees(rate() + 0.49, "#,##0")).toBe(true);
    expect(agrees(rate() - 0.49, "#,##0")).toBe(true);
    expect(agrees(rate() + 0.51, "#,##0")).toBe(false);
  });

  it('"0.0" shows one decimal: half a unit is 0.05', () => {
    expect(agrees(rate() + 0.049, "0.0")).toBe(true);
    expect(agrees(rate() - 0.051, "0.0")).toBe(false);
    expect(validatePublished([sheet(rate(), "0.0")], r).figures[0].tolerance).toBeCloseTo(0.05, 15);
  });

  it("a figure exactly half a unit away agrees (it rounds to the published one)", () => {
    expect(agrees(rate() + 0.5, "#,##0")).toBe(true);
    expect(agrees(rate() - 0.5, "#,##0")).toBe(true);
    expect(agrees(rate() + 0.5001, "#,##0")).toBe(false);
  });

  it("without a format, the digits decide: 3,670.4 has one decimal", () => {
    const v = validatePublished(
      [
        {
          name: "S",
          grid: [
            ["Code", ...r.measures],
            ["QYG", Math.round(rate() * 10) / 10],
          ],
        },
      ],
      r,
    );
    expect(v.figures[0]).toMatchObject({ toleranceFrom: "digits", agree: true });
    expect(v.figures[0].tolerance).toBeCloseTo(0.05, 15);
  });
});

describe("national rates and rates ratios", () => {
  it("Table 1's rate row agrees with the national rates", () => {
    const v = validatePublished([nationalSheet(r)], r);
    expect(v.tables.map((t) => t.kind)).toEqual(["national"]);
    expect(v.figures.map((f) => f.measure)).toEqual(r.measures);
    expect(v.figures.every((f) => f.quantity === "rate" && f.area === "England" && f.agree)).toBe(true);
  });

  it("compares stars as well as numbers: one altered star is the one disagreement", () => {
    const male = r.ratios.find((x) => x.factor === "sex" && x.level === "Male" && x.measure === "X-ray")!;
    const altered = male.stars === "**" ? "*" : "**";
    const v = validatePublished([ratiosSheet(r, { starsFor: { "sex|Male|X-ray": altered } })], r);
    expect(v.tables.map((t) => t.factor)).toEqual(["sex", "imd", "age"]);
    // 2 sex levels + 5 IMD quintiles + 5 age bands, each × 14 measures.
    expect(v.total).toBe(12 * 14);
    const wrong = v.figures.filter((f) => !f.agree);
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({
      factor: "sex",
      level: "Male",
      measure: "X-ray",
      publishedStars: altered,
      computedStars: male.stars,
      cell: "B4",
    });
    expect(Math.abs(wrong[0].difference)).toBeLessThanOrEqual(0.005);
  });

  it('reads stars from the number format (0.00"***")', () => {
    const age = r.ratios.find((x) => x.factor === "age" && x.level === "75+" && x.measure === "CT Scan")!;
    const v = validatePublished(
      [ratiosSheet(r, { asFormats: true, starsFor: { "age|75+|CT Scan": "" } })],
      r,
    );
    const wrong = v.figures.filter((f) => !f.agree);
    expect(age.stars).not.toBe("");
    expect(wrong.map((f) => [f.factor, f.level, f.measure, f.publishedStars, f.computedStars])).toEqual([
      ["age", "75+", "CT Scan", "", age.stars],
    ]);
    expect(v.figures.every((f) => f.toleranceFrom === "format" && f.tolerance === 0.005)).toBe(true);
  });

  it("stars are not compared when the table shows none", () => {
    const v = validatePublished([ratiosSheet(r, { hideStars: true })], r);
    expect(v.agreeing).toBe(v.total);
    expect(v.figures.every((f) => f.publishedStars === undefined)).toBe(true);
  });

  it("several sheets add up, each table found once", () => {
    const v = validatePublished([annexBSheet(r), nationalSheet(r), ratiosSheet(r)], r);
    expect(v.tables.map((t) => `${t.sheet}:${t.kind}`)).toEqual([
      "Annex B:areas",
      "Table 1:national",
      "Rates ratios:ratios",
      "Rates ratios:ratios",
      "Rates ratios:ratios",
    ]);
    expect(v.headline).toBe(`${602 + 14 + 168} of ${602 + 14 + 168} figures agree within rounding`);
  });

  it("a published measure the results lack is listed and fails the validation", () => {
    const s = nationalSheet(r);
    s.grid[2].push("Mammography");
    s.grid[3].push("120");
    const v = validatePublished([s], r);
    expect(v.missing).toEqual([
      {
        onlyIn: "published",
        what: "measure",
        label: "Mammography",
        sheet: "Table 1",
        cell: letter(15) + "3",
        table: "national",
      },
    ]);
    expect(v.ok).toBe(false);
  });
});

describe("a publication per 100,000", () => {
  it("suggests the multiplier that would make the rates agree", () => {
    const s = annexBSheet(r);
    s.grid = s.grid.map((row, i) => (i <= TOP ? row : row.map((c) => (typeof c === "number" ? c * 10 : c))));
    const v = validatePublished([s], r);
    expect(v.agreeing).toBe(0);
    expect(v.suggestedMultiplier).toBe(100_000);
    expect(multiplierText(v)).toContain("rates per 100,000");
    expect(validatePublished([annexBSheet(r)], r).suggestedMultiplier).toBeUndefined();
  });
});
