// The one walk over a SheetPlan: fields in one fixed order, only those present, and (checked by
// tsc, which compiles the tests) a handler set that leaves a field out does not compile.
import { describe, expect, it } from "vitest";
import type { SheetPlan } from "../../src/report/plan";
import {
  SHEET_PLAN_FIELDS,
  type SheetPlanHandlers,
  walkSheetPlan,
  walkSheetPlanAsync,
} from "../../src/report/plan-walk";

/** Handlers that record which field they saw. */
function recorder(seen: string[]): SheetPlanHandlers {
  const h = {} as Record<string, () => void>;
  for (const f of SHEET_PLAN_FIELDS) h[f] = () => void seen.push(f);
  return h as unknown as SheetPlanHandlers;
}

const sheet: SheetPlan = {
  print: { landscape: true },
  images: [],
  freeze: { rows: 1, cols: 0 },
  blocks: [],
  name: "S",
  key: "s",
  tabColor: "#000000",
};

describe("walkSheetPlan", () => {
  it("visits the present fields in SHEET_PLAN_FIELDS order, whatever order the object has", async () => {
    const seen: string[] = [];
    walkSheetPlan(sheet, recorder(seen));
    expect(seen).toEqual(["key", "name", "tabColor", "blocks", "freeze", "images", "print"]);
    const again: string[] = [];
    await walkSheetPlanAsync(sheet, recorder(again));
    expect(again).toEqual(seen);
  });

  it("lists every field of SheetPlan once", () => {
    expect(new Set(SHEET_PLAN_FIELDS).size).toBe(SHEET_PLAN_FIELDS.length);
  });

  it("does not compile a handler set without every field", () => {
    const noop = () => {};
    // @ts-expect-error — `charts` is missing: an adapter must handle it, or say why it does not.
    const missing: SheetPlanHandlers = {
      key: noop,
      name: noop,
      tabColor: noop,
      hideGridlines: noop,
      blocks: noop,
      formulas: noop,
      merges: noop,
      columnWidths: noop,
      rowHeights: noop,
      conditionalFormats: noop,
      tables: noop,
      freeze: noop,
      images: noop,
      print: noop,
    };
    expect(Object.keys(missing)).toHaveLength(SHEET_PLAN_FIELDS.length - 1);
  });
});
