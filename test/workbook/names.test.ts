// Sheet and table names (src/workbook/names.ts): Excel's rules for sheet names, written out by hand.
import { describe, expect, it } from "vitest";
import { numberedSheetName, numberedTableName, safeSheetName, uniqueName } from "../../src/workbook/names";

describe("sheet and table names", () => {
  it("replaces the seven characters Excel forbids, drops edge apostrophes, keeps 31 characters", () => {
    expect(safeSheetName("a[b]c:d*e?f/g\\h")).toBe("a b c d e f g h");
    expect(safeSheetName("'Rates'")).toBe("Rates");
    expect(safeSheetName("''")).toBe("Sheet");
    expect(safeSheetName("x".repeat(40))).toBe("x".repeat(31));
  });

  it("numbers a taken name, ignoring case, and keeps numbered sheet names within 31 characters", () => {
    const taken = new Set(["annex b", "annex b (2)"]);
    expect(uniqueName("Annex B", taken, numberedSheetName)).toBe("Annex B (3)");
    expect(uniqueName("Detail", taken, numberedSheetName)).toBe("Detail");
    expect(numberedSheetName("y".repeat(31), 12)).toBe(`${"y".repeat(26)} (12)`);
    expect(uniqueName("stdrates_detail", new Set(["stdrates_detail"]), numberedTableName)).toBe(
      "stdrates_detail_2",
    );
  });
});
