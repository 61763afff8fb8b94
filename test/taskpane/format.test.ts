// What the pane prints: counts, shares and rates, en-GB.
import { describe, expect, it } from "vitest";
import { formatNumber, formatRate, formatShare, resultHeadline } from "../../src/taskpane/format";
import { downloadName } from "../../src/taskpane/components/App";
import { addressOf, errorToMessage } from "../../src/taskpane/messages";
import { InputError } from "../../src/engine/errors";

const results = (areas: number, measures: number) => ({
  measures: Array.from({ length: measures }, (_, i) => `M${i}`),
  areas: [],
  meta: { areaList: Array.from({ length: areas }, (_, i) => ({ area: `A${i}`, name: null, region: null })) },
});

describe("format", () => {
  it("headlines areas and measures with a middle dot, singular when one", () => {
    expect(resultHeadline(results(42, 14) as never)).toBe("42 areas · 14 measures");
    expect(resultHeadline(results(1, 1) as never)).toBe("1 area · 1 measure");
    expect(resultHeadline(results(1200, 2) as never)).toBe("1,200 areas · 2 measures");
  });

  it("writes numbers as the publication does", () => {
    expect(formatNumber(641_000)).toBe("641,000");
    expect(formatNumber(3422.46, 1)).toBe("3,422.5");
    expect(formatShare(0.0132)).toBe("1.3%");
    expect(formatShare(0.00004)).toBe("<0.1%");
    expect(formatShare(0)).toBe("0%");
    expect(formatRate(4027.4)).toBe("4,027");
    expect(formatRate(12.345)).toBe("12.3");
    expect(formatRate(Number.NaN)).toBe("–");
  });

  it("names the download after the opened file", () => {
    expect(downloadName(undefined)).toBe("stdrates.xlsx");
    expect(downloadName("New workbook")).toBe("stdrates.xlsx");
    expect(downloadName("DID 2024.XLSX")).toBe("DID 2024-stdrates.xlsx");
  });
});

describe("error messages", () => {
  const source = { sheet: "Activity", headerRow: 3, firstColumn: 2 };

  it("turns a location into the cell to go to", () => {
    expect(addressOf({ source, row: 12, column: 6 })).toBe("F12");
    expect(addressOf({ source, row: 12 })).toBe("B12");
    expect(addressOf({ source, column: 28 })).toBe("AB3");
    expect(addressOf({})).toBeUndefined();
  });

  it("offers Go to cell for an input error, naming sheet, row and column", () => {
    const e = new InputError("Negative count -3 in the activity table", {
      table: "activity",
      source,
      row: 12,
      column: 6,
    });
    const m = errorToMessage(e, () => undefined);
    expect(m.intent).toBe("error");
    expect(m.goTo).toEqual({ sheet: "Activity", address: "F12" });
    expect(m.text).toContain("sheet Activity, row 12, column F");
  });

  it("finds the sheet from the table role when the error has no source", () => {
    const e = new InputError("No population column", { table: "population" });
    expect(errorToMessage(e, (t) => (t === "population" ? "Pop" : undefined)).goTo).toEqual({
      sheet: "Pop",
      address: undefined,
    });
  });

  it("shows other errors as they are, without Go to cell", () => {
    const m = errorToMessage(new Error("boom"), () => "X");
    expect(m).toEqual({ intent: "error", title: "Could not run", text: "boom" });
  });
});
