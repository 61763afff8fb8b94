// The Validation sheet as a Plan: headline, items on one side only, a row per figure with the
// disagreements first, and a rule (not colour alone: "NO", bold, border) that marks them.
import { beforeAll, describe, expect, it } from "vitest";
import type { Results } from "../../src/engine/types";
import { buildPlan, type SheetPlan } from "../../src/report";
import { DISAGREE, VALIDATION_HEADERS } from "../../src/report/validation";
import { validatePublished, type Validation } from "../../src/validate";
import { allText, find, rowValues } from "../report/plan-cells";
import { sampleResults } from "../report/sample";
import { annexBSheet } from "./published";

let r: Results;
let v: Validation;
let sheet: SheetPlan;
beforeAll(() => {
  r = sampleResults();
  v = validatePublished(
    [annexBSheet(r, { alter: { "QKK|X-ray": 2, "QOP|MRI": -3 }, extra: [["QZZ", "NHS Nowhere ICB"]] })],
    r,
  );
  const plan = buildPlan(r, {
    validation: v,
    inputs: "population.csv, activity.csv; published: annex-b.xlsx",
  });
  sheet = plan.sheets[0];
});

describe("Validation sheet", () => {
  it("comes first and is activated, only when a validation is given", () => {
    const plan = buildPlan(r, { validation: v });
    expect(plan.sheets[0].key).toBe("validation");
    expect(plan.activate).toBe("validation");
    expect(plan.sheets.map((s) => s.key)).toContain("annex-b");
    expect(buildPlan(r).sheets.map((s) => s.key)).not.toContain("validation");
    expect(buildPlan(r, { validation: v, sheets: ["validation"] }).sheets.map((s) => s.key)).toEqual([
      "validation",
    ]);
  });

  it("states the headline and what is on one side only", () => {
    const text = allText(sheet);
    expect(text).toContain("600 of 602 figures agree within rounding. 2 disagree");
    expect(text).toContain("half a unit of the published rounding");
    const at = find(sheet, "QZZ")!;
    expect(rowValues(sheet, at.row, 0, 6)).toEqual([
      "published table",
      "area",
      "QZZ",
      "Annex B",
      "A47",
      "Annex B",
    ]);
  });

  it("has one row per figure, disagreements first, with both values and the differences", () => {
    const header = find(sheet, "Agree")!;
    expect(rowValues(sheet, header.row, 0, VALIDATION_HEADERS.length)).toEqual(VALIDATION_HEADERS);
    const rows = Array.from({ length: v.total }, (_, i) =>
      rowValues(sheet, header.row + 1 + i, 0, VALIDATION_HEADERS.length),
    );
    const agreeCol = VALIDATION_HEADERS.indexOf("Agree");
    expect(rows.map((x) => x[agreeCol]).filter((a) => a === DISAGREE)).toHaveLength(2);
    expect(
      rows
        .slice(0, 2)
        .map((x) => [x[3], x[7], x[agreeCol]])
        .sort(),
    ).toEqual([
      ["QKK", "X-ray", "NO"],
      ["QOP", "MRI", "NO"],
    ]);
    const qop = rows.find((x) => x[3] === "QOP" && x[7] === "MRI")!;
    const rate = r.areas.find((a) => a.area === "QOP" && a.measure === "MRI")!.rate;
    const col = (h: string) => qop[VALIDATION_HEADERS.indexOf(h)];
    expect(col("Published")).toBe(Math.round(rate) - 3);
    expect(col("Computed")).toBe(rate);
    expect(col("Difference")).toBeCloseTo(Math.round(rate) - 3 - rate, 9);
    expect(col("% difference")).toBeCloseTo((Math.round(rate) - 3 - rate) / rate, 12);
    expect(col("Published heading")).toBe("MRI Scans");
    expect(rows.slice(2).every((x) => x[agreeCol] === "yes")).toBe(true);
  });

  it("highlights disagreements by a rule over every figure row, with bold and a border", () => {
    const header = find(sheet, "Agree")!;
    const rules = sheet.conditionalFormats ?? [];
    expect(rules).toHaveLength(1);
    const rule = rules[0];
    expect(rule.type).toBe("expression");
    if (rule.type !== "expression") return;
    expect(rule.range).toEqual({
      row: header.row + 1,
      col: 0,
      rows: v.total,
      cols: VALIDATION_HEADERS.length,
    });
    // Column R is "Agree"; the row number is the first figure row's (1-based), relative.
    expect(rule.formula).toBe(`$R${header.row + 2}="NO"`);
    expect(rule.format.font?.bold).toBe(true);
    expect(rule.format.border).toBe(true);
    expect(sheet.tables?.[0].range).toEqual({
      row: header.row,
      col: 0,
      rows: v.total + 1,
      cols: VALIDATION_HEADERS.length,
    });
  });
});
