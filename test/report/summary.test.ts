import { describe, expect, it } from "vitest";
import { buildPlan, commentary } from "../../src/report";
import { formatPercent, formatWhole, pluralMeasure } from "../../src/report/format";
import { makeResults } from "./fixture";
import { cellAt, find, rowValues } from "./plan-cells";

describe("commentary sentences", () => {
  // A hand case shaped like the publication's X-ray paragraph (section 2.2.1).
  const results = makeResults();
  results.summaries[0] = {
    measure: "X-ray",
    mean: 3660.6,
    sd: 238.5,
    withinOneSd: 32 / 42,
    withinTenPercentOfCrude: 30 / 42,
    lowest: { area: "QAA", rate: 3100.4 },
    highest: { area: "QBP", rate: 4299.6 },
  };

  it("reads like the publication for a known case", () => {
    expect(commentary(results, results.summaries[0])).toBe(
      "The national rate was 3,670 X-rays per 10,000 population and 76% of ICBs were within one standard deviation of the mean, between 3,422 and 3,899. " +
        "Standardised rates ranged from 3,100 in NHS Area 1 ICB to 4,300 in NHS Area 42 ICB, and 71% of ICBs had a standardised rate within 10% of their crude rate. " +
        "At 99.8% confidence, 5 ICBs were significantly higher than England and 5 ICBs significantly lower.",
    );
  });

  it("uses the singular for one area and codes when there are no names", () => {
    const r = makeResults({
      areas: 7,
      measures: ["Falls"],
      rates: [12.5],
      names: () => null,
      codes: (i) => `T${i}`,
    });
    // One area each side of England.
    r.areas.forEach((a, i) => (a.vsNational998 = i === 6 ? "higher" : i === 0 ? "lower" : "similar"));
    r.summaries[0] = {
      measure: "Falls",
      mean: 12,
      sd: 2,
      withinOneSd: 5 / 7,
      withinTenPercentOfCrude: 1,
      lowest: { area: "T0", rate: 9.5 },
      highest: { area: "T6", rate: 15.49 },
    };
    expect(commentary(r, r.summaries[0])).toBe(
      "The national rate was 13 Falls tests per 10,000 population and 71% of areas were within one standard deviation of the mean, between 10 and 14. " +
        "Standardised rates ranged from 10 in T0 to 15 in T6, and 100% of areas had a standardised rate within 10% of their crude rate. " +
        "At 99.8% confidence, 1 area was significantly higher than England and 1 area significantly lower.",
    );
  });

  it("leaves out the spread when there is none (one area: the sample SD is undefined)", () => {
    const r = makeResults({
      areas: 1,
      measures: ["Falls"],
      rates: [12.5],
      codes: () => "T0",
      names: () => "Town",
    });
    r.summaries[0] = {
      ...r.summaries[0],
      mean: 12,
      sd: NaN,
      lowest: { area: "T0", rate: 12 },
      highest: { area: "T0", rate: 12 },
    };
    expect(commentary(r, r.summaries[0])).toMatch(
      /^The national rate was 13 Falls tests per 10,000 population\. Standardised rates ranged from 12 in Town to 12 in Town/,
    );
    expect(commentary(r, r.summaries[0])).not.toContain("NaN");
  });

  it("rounds as Excel's number formats do, so sentences agree with the cells", () => {
    expect(formatWhole(3670.4)).toBe("3,670");
    expect(formatWhole(2.5)).toBe("3");
    expect(formatWhole(1234567.5)).toBe("1,234,568");
    // 0.285 × 100 is 28.499999999999996 in binary; Excel shows 0.285 as 29% (15 significant digits).
    expect(formatPercent(0.285)).toBe("29%");
    expect(formatPercent(0.013, 1)).toBe("1.3%");
  });

  it("plurals measure names safely", () => {
    expect(pluralMeasure("X-ray")).toBe("X-rays");
    expect(pluralMeasure("CT Scan")).toBe("CT Scans");
    expect(pluralMeasure("Brain MRI")).toBe("Brain MRIs");
    expect(pluralMeasure("Fluoroscopy")).toBe("Fluoroscopy tests");
  });
});

describe("Summary sheet", () => {
  const sheet = buildPlan(makeResults(), { sheets: ["summary"] }).sheets[0];

  it("lists the SPEC §5 figures per measure with the right formats", () => {
    const h = find(sheet, "Measure")!;
    // Fixture X-ray: national 3670.2, mean 3670.2, sd 367.02 → band 3303.18 … 4037.22.
    const row = rowValues(sheet, h.row + 1, 0, 14);
    expect(row[0]).toBe("X-ray");
    expect(row[1]).toBe(3670.2);
    expect(row[4]).toBeCloseTo(3303.18, 9);
    expect(row[5]).toBeCloseTo(4037.22, 9);
    expect(row[6]).toBeCloseTo(32 / 42, 15);
    expect(row[8]).toBe("NHS Area 1 ICB");
    expect(row[10]).toBe("NHS Area 42 ICB");
    expect(row.slice(12)).toEqual([5, 5]);
    expect(cellAt(sheet, h.row + 1, 1)?.numberFormat).toBe("#,##0");
    expect(cellAt(sheet, h.row + 1, 6)?.numberFormat).toBe("0%");
  });

  it("has one commentary paragraph per measure, merged and tall enough to read", () => {
    const c = find(sheet, "Commentary")!;
    for (let i = 0; i < 14; i++)
      expect(String(cellAt(sheet, c.row + 1 + i, 1)?.value)).toMatch(/^The national rate was /);
    expect(sheet.merges).toHaveLength(14);
    expect(sheet.rowHeights?.every((r) => r.height >= 15)).toBe(true);
  });
});
