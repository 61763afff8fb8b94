import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sampleResults } from "./sample";
import { buildPlan } from "../../src/report";
import type { ColorScaleRule, ExpressionRule, SheetPlan } from "../../src/report/plan";
import { EDOC, MODALITIES, RATES, areaCode, areaNameOf, makeResults } from "./fixture";
import { allText, cellAt, rowValues } from "./plan-cells";

const annexB = (results = makeResults()): SheetPlan => buildPlan(results, { sheets: ["annex-b"] }).sheets[0];

// Layout with the publication's two groups: titles in rows 1–4, group row 6, headers row 7, England row 8.
const HEADER = 6;
const ENGLAND = 7;
const FIRST = 8;
const rateCol = (m: number) => 3 + 2 * m;

describe("Annex B plan", () => {
  const sheet = annexB();

  it("has 42 area rows under an England row, in population-table order", () => {
    expect(sheet.key).toBe("annex-b");
    expect(rowValues(sheet, ENGLAND, 0, 2)).toEqual([null, "England"]);
    for (let i = 0; i < 42; i++)
      expect(rowValues(sheet, FIRST + i, 0, 2)).toEqual([areaCode(i), areaNameOf(i)]);
    expect(cellAt(sheet, FIRST + 42, 0)?.value ?? null).toBeNull();
    expect(cellAt(sheet, FIRST + 42, rateCol(0))?.value ?? null).toBeNull();
  });

  it("has code, name, region then the 9 modalities and 5 early-diagnosis tests as headers", () => {
    expect(rowValues(sheet, HEADER, 0, 3)).toEqual(["Code", "Name", "Region"]);
    const measures = [...MODALITIES, ...EDOC].map((_, m) => cellAt(sheet, HEADER, rateCol(m))?.value);
    expect(measures).toEqual([...MODALITIES, ...EDOC]);
    expect(cellAt(sheet, HEADER - 1, 3)?.value).toBe("Modality");
    expect(cellAt(sheet, HEADER - 1, rateCol(9))?.value).toBe("Early diagnosis of cancer tests");
    // Each measure header spans its rate and marker columns.
    expect(sheet.merges).toContainEqual({ row: HEADER, col: rateCol(0), rows: 1, cols: 2 });
  });

  it("holds unrounded rates with the #,##0 format, England = national rates", () => {
    RATES.forEach((r, m) => {
      const c = cellAt(sheet, ENGLAND, rateCol(m));
      expect(c?.value).toBe(r);
      expect(c?.numberFormat).toBe("#,##0");
    });
    // Area 0 has ratio 0.8, so its X-ray rate is 0.8 × 3670.2 = 2936.16 exactly as stored.
    const x = cellAt(sheet, FIRST, rateCol(0));
    expect(x?.value).toBeCloseTo(2936.16, 10);
    expect(x?.numberFormat).toBe("#,##0");
    expect(cellAt(sheet, FIRST + 41, 0)?.numberFormat).toBe("@");
  });

  it("has one 3-colour scale per measure with its midpoint at that measure's national rate", () => {
    const scales = (sheet.conditionalFormats ?? []).filter(
      (c): c is ColorScaleRule => c.type === "colorScale",
    );
    expect(scales).toHaveLength(14);
    RATES.forEach((r, m) => {
      const s = scales.find((c) => c.range.col === rateCol(m));
      expect(s?.range).toEqual({ row: FIRST, col: rateCol(m), rows: 42, cols: 1 });
      expect(s?.mid).toEqual({ type: "number", value: r, color: "#FFFFFF" });
      expect(s?.min.type).toBe("lowestValue");
      expect(s?.max.type).toBe("highestValue");
      expect(s?.min.color).not.toBe(s?.max.color);
    });
  });

  it("marks 99.8% significance with ▲/▼ beside the rate and a bold + border rule (readable in black and white)", () => {
    // Fixture: areas 0–4 lower, 37–41 higher, others similar.
    expect(cellAt(sheet, FIRST, rateCol(0) + 1)?.value).toBe("▼");
    expect(cellAt(sheet, FIRST + 20, rateCol(0) + 1)?.value).toBeNull();
    expect(cellAt(sheet, FIRST + 41, rateCol(13) + 1)?.value).toBe("▲");
    const rules = (sheet.conditionalFormats ?? []).filter(
      (c): c is ExpressionRule => c.type === "expression",
    );
    expect(rules).toHaveLength(28);
    // X-ray's rate is column D (rateCol 3), its marker column E; first area on sheet row 9.
    const xray = rules.filter((r) => r.range.col === 3);
    expect(xray.map((r) => r.formula).sort()).toEqual(['E9="▲"', 'E9="▼"'].sort());
    for (const r of xray) expect(r.format).toMatchObject({ border: true, font: { bold: true } });
  });

  it("says what the figures are and that areas are compared with England, not with each other", () => {
    const text = allText(sheet);
    expect(text).toContain("Standardised rates per 10,000 population, by ICB");
    expect(text).toMatch(
      /compared with England; indirect standardisation does not allow ICBs to be compared with each other/,
    );
    expect(text).toContain("99.8%");
    expect(text).toContain("stdrates 0.1.0");
    expect(sheet.freeze).toEqual({ rows: ENGLAND + 1, cols: 2 });
    expect(sheet.hideGridlines).toBe(true);
  });

  it("uses one group and generic words for other measures and areas", () => {
    const s = annexB(
      makeResults({
        areas: 3,
        measures: ["Falls", "Admissions"],
        rates: [50, 900],
        names: (i) => `Town ${i}`,
        codes: (i) => `T${i}`,
      }),
    );
    // No group row: headers on row 6, England on row 7.
    expect(rowValues(s, 5, 0, 7)).toEqual(["Code", "Name", "Region", "Falls", null, "Admissions", null]);
    expect(cellAt(s, 6, 3)?.value).toBe(50);
    expect(allText(s)).toContain("by area");
    expect((s.conditionalFormats ?? []).filter((c) => c.type === "colorScale")).toHaveLength(2);
  });

  it("drops the name column when the population table has none", () => {
    const s = annexB(makeResults({ areas: 2, measures: ["A"], rates: [10], names: () => null }));
    expect(rowValues(s, 5, 0, 3)).toEqual(["Code", "Region", "A"]);
    expect(cellAt(s, 6, 0)?.value).toBe("England");
    expect(s.freeze?.cols).toBe(1);
  });
});

// The publication's order (issue 11): rows grouped by NHS region, regions and names alphabetical. The
// oracle is the ONS/ODS reference file, independent of the sample's population table.
describe("Annex B row order", () => {
  const refRows = readFileSync("assets/data/icb_2024_25_reference.csv", "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "")));
  // icb_ods_code, icb_short_name, nhser_name
  const ref = refRows.map((f) => ({ code: f[1], name: f[3], region: f[5] }));
  const cmp = (a: string, b: string) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  const want = [...ref].sort((a, b) => cmp(a.region, b.region) || cmp(a.name, b.name)).map((r) => r.code);
  const codesOf = (s: SheetPlan) => Array.from({ length: 42 }, (_, i) => cellAt(s, FIRST + i, 0)?.value);

  it("defaults to region, then name: each region one block, as in the reference file", () => {
    const s = annexB(sampleResults());
    expect(want).toHaveLength(42);
    expect(codesOf(s)).toEqual(want);
    // Midlands (scattered in four blocks in the population table) is one block of 11 rows.
    const regions = Array.from({ length: 42 }, (_, i) => cellAt(s, FIRST + i, 2)?.value);
    const blocks = regions.filter((r, i) => i === 0 || r !== regions[i - 1]);
    expect(new Set(blocks).size).toBe(blocks.length);
    expect(regions.filter((r) => r === "Midlands")).toHaveLength(11);
  });

  it("keeps the population table's order with areaOrder: input", () => {
    const s = annexB(sampleResults({ areaOrder: "input" }));
    const input = [
      ...new Set(
        readFileSync("assets/sample/population.csv", "utf8")
          .trim()
          .split("\n")
          .slice(1)
          .map((l) => l.split(",")[0]),
      ),
    ];
    expect(codesOf(s)).toEqual(input);
    expect(input).not.toEqual(want);
  });
});
