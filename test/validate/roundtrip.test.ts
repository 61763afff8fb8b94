// Our own report, written to .xlsx and read back with its number formats, is a published table
// like any other: every figure of Annex B, the national rates and the rates ratios must agree, the
// ratios' stars read from their formats (0.00"***"). And random alterations of a published Annex B
// are found exactly (fast-check).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Results } from "../../src/engine/types";
import { buildPlan } from "../../src/report";
import { validatePublished } from "../../src/validate";
import { readWorkbookGrids } from "../../src/workbook/xlsx/read";
import { writePlanXlsx } from "../../src/workbook/xlsx/write";
import { sampleResults } from "../report/sample";
import { annexBSheet } from "./published";

let r: Results;
beforeAll(() => {
  r = sampleResults();
});

describe("the written report, read back", () => {
  it("agrees with itself in every figure, stars included", async () => {
    const bytes = await writePlanXlsx(buildPlan(r, { sheets: ["annex-b", "national", "ratios"] }));
    const sheets = await readWorkbookGrids(bytes, { formats: true });
    expect(sheets.every((s) => s.formats !== undefined)).toBe(true);
    const v = validatePublished(sheets, r);
    expect(v.tables.map((t) => `${t.sheet}:${t.kind}:${t.factor ?? ""}`)).toEqual([
      "Annex B:areas:",
      "National rates:national:",
      "National rates:national:",
      ...["sex", "sex", "imd", "imd", "age", "age"].map((f) => `Rates ratios:ratios:${f}`),
    ]);
    // Annex B: (42 ICBs + England) × 14; national: rate, activity, population × 14; ratios 12 levels × 14.
    expect(v.total).toBe(43 * 14 + 3 * 14 + 12 * 14);
    expect(v.headline).toBe("812 of 812 figures agree within rounding");
    expect(v.missing).toEqual([]);
    const ratios = v.figures.filter((f) => f.table === "ratios");
    expect(ratios.every((f) => f.toleranceFrom === "format" && f.tolerance === 0.005)).toBe(true);
    expect(ratios.filter((f) => f.publishedStars === "***").length).toBe(
      r.ratios.filter((x) => x.stars === "***").length,
    );
    const rates = v.figures.filter((f) => f.table === "areas");
    // Cells hold unrounded rates; "#,##0" still sets the tolerance.
    expect(rates.every((f) => f.difference === 0 && f.tolerance === 0.5)).toBe(true);
  });
});

describe("random alterations (property)", () => {
  it("are reported exactly, whatever they are", () => {
    const areas = ["England", ...r.meta.areaList.map((a) => a.area)];
    const key = fc
      .tuple(fc.constantFrom(...areas), fc.constantFrom(...r.measures))
      .map(([a, m]) => `${a}|${m}`);
    // Whole-unit changes of at least 2 on a figure rounded to whole units: always beyond half a unit.
    const delta = fc.integer({ min: 2, max: 500 }).chain((d) => fc.constantFrom(d, -d));
    fc.assert(
      fc.property(fc.dictionary(key, delta, { maxKeys: 8 }), (alter) => {
        const v = validatePublished([annexBSheet(r, { alter })], r);
        const wrong = v.figures.filter((f) => !f.agree).map((f) => `${f.area}|${f.measure}`);
        expect(wrong.sort()).toEqual(Object.keys(alter).sort());
        expect(v.ok).toBe(Object.keys(alter).length === 0);
      }),
      { numRuns: 40 },
    );
  });
});
