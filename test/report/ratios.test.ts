import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/report";
import { ratioFormat } from "../../src/report/format";
import type { SheetPlan } from "../../src/report/plan";
import { EDOC, MODALITIES, makeResults } from "./fixture";
import { allText, cellAt, find, rowValues } from "./plan-cells";

const sheetOf = (key: string, results = makeResults()): SheetPlan =>
  buildPlan(results, { sheets: [key] }).sheets[0];

describe("Rates ratios plan", () => {
  const sheet = sheetOf("ratios");

  it("lays out Tables 1–6 as published: sex, deprivation, age × modalities, early-diagnosis tests", () => {
    const titles = [
      "Table 1. Sex rates ratios by modality",
      "Table 2. Sex rates ratios by Early Diagnosis of Cancer",
      "Table 3. Deprivation rates ratios by modality",
      "Table 4. Deprivation rates ratios by Early Diagnosis of Cancer",
      "Table 5. Age band rates ratios by modality",
      "Table 6. Age band rates ratios by Early Diagnosis of Cancer",
    ];
    for (const t of titles) expect(find(sheet, t), t).toBeDefined();
    const t3 = find(sheet, titles[2])!;
    expect(rowValues(sheet, t3.row + 1, 1, 10)).toEqual(MODALITIES);
    expect(rowValues(sheet, t3.row + 2, 0, 1)).toEqual(["1 Most deprived"]);
    expect(rowValues(sheet, t3.row + 6, 0, 1)).toEqual(["5 Least deprived"]);
    const t6 = find(sheet, titles[5])!;
    expect(rowValues(sheet, t6.row + 1, 1, 6)).toEqual(EDOC);
    expect(rowValues(sheet, t6.row + 2, 0, 1)).toEqual(["0 - <45"]);
    expect(rowValues(sheet, t6.row + 6, 0, 1)).toEqual(["75+"]);
  });

  it("keeps the unrounded ratio in the cell and shows its stars through the number format (0.80***)", () => {
    const t1 = find(sheet, "Table 1. Sex rates ratios by modality")!;
    // Fixture: Male (level 1) × measure m has ratio 1 − 0.0123(1 + m) and stars ["", "*", "**", "***"][(1 + m) % 4].
    const male = (m: number) => cellAt(sheet, t1.row + 3, 1 + m)!;
    expect(male(0).value).toBeCloseTo(0.9877, 12);
    expect(male(0).numberFormat).toBe('0.00"*"');
    expect(male(2).value).toBeCloseTo(0.9631, 12);
    expect(male(2).numberFormat).toBe('0.00"***"');
    expect(male(3).numberFormat).toBe("0.00");
    // Base level: 1.00 with no stars.
    expect(cellAt(sheet, t1.row + 2, 1)?.value).toBe(1);
    expect(cellAt(sheet, t1.row + 2, 1)?.numberFormat).toBe("0.00");
  });

  it("formats stars as literal text after two decimals", () => {
    expect(ratioFormat("***")).toBe('0.00"***"');
    expect(ratioFormat("")).toBe("0.00");
  });

  it("has the star key and a footnote naming the published significance method", () => {
    const text = allText(sheet);
    expect(text).toContain(
      "* significant at p < 0.05; ** significant at p < 0.01; *** significant at p < 0.001.",
    );
    expect(text).toMatch(
      /Pearson's chi-square test with one degree of freedom on the pair of standardised rates per 10,000/,
    );
    expect(text).toContain("depends on the multiplier");
  });

  it("names the counts method when the stars come from it", () => {
    const text = allText(sheetOf("ratios", makeResults({ significance: "counts" })));
    expect(text).toContain("log-ratio interval");
    expect(text).not.toContain("Pearson");
  });

  it("says why there are no ratios when none were computed", () => {
    const text = allText(sheetOf("ratios", makeResults({ ratios: false })));
    expect(text).toContain("Rates ratios were not computed");
    expect(text).not.toContain("Table 1.");
  });

  it("puts every ratio's rate, chi-square, p and count-based p in a filterable table", () => {
    const p = sheetOf("p-values");
    const header = find(p, "p (counts)")!;
    expect(p.tables).toEqual([
      {
        name: "stdrates_ratios",
        range: { row: header.row, col: 0, rows: 12 * 14 + 1, cols: 12 },
        showFilter: true,
        style: "TableStyleLight9",
      },
    ]);
    const first = rowValues(p, header.row + 1, 0, 12);
    expect(first.slice(0, 4)).toEqual(["Sex", "Female", "Female", "X-ray"]);
    expect(first[11]).toBe(0.5);
    expect(cellAt(p, header.row + 1, 9)?.numberFormat).toBe("[<0.0001]0.00E+00;0.0000");
  });
});
