// The preview's xlsx port tells the sheet view what it wrote, selected and where a picture went;
// the store opens the view for links, not for the run's own activation of the sheet it wrote.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/report/plan";
import { createSheetViewStore } from "../../src/taskpane/sheet-view/store";
import { createXlsxPort } from "../../src/workbook/xlsx/port";

const plan: Plan = {
  marker: "m",
  activate: "annex-b",
  sheets: [
    { key: "annex-b", name: "Annex B", blocks: [{ row: 0, col: 0, values: [["Code"], ["QE1"]] }] },
    { key: "detail", name: "Detail", blocks: [{ row: 0, col: 0, values: [["x"]] }] },
  ],
};

function setup() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Annex B"); // a user's sheet: the output becomes "Annex B (2)"
  const view = createSheetViewStore();
  const port = createXlsxPort(wb, view);
  view.attach({
    sheetNames: () => port.sheetNames!(),
    readGrid: (s) => port.readGrid!(s),
    select: (s, a) => port.select(s, a),
  });
  return { port, view };
}

describe("sheet view store over the preview's port", () => {
  it("records Plan sheets under the names they were written as", async () => {
    const { port, view } = setup();
    await port.applyPlan(plan);
    expect(view.planOf("Annex B (2)")?.key).toBe("annex-b");
    expect(view.planOf("Annex B")).toBeUndefined();
    expect(view.planOf("Detail")?.key).toBe("detail");
  });

  it("does not open for the run's own activation, but opens for a link and scrolls to its cell", async () => {
    const { port, view } = setup();
    await port.applyPlan(plan);
    await port.select("Annex B (2)");
    expect(view.getState()).toMatchObject({ open: false, sheet: "Annex B (2)" });
    await port.select("Annex B (2)");
    expect(view.getState().open).toBe(true);
    const seq = view.getState().seq;
    await port.select("Detail", "C12:E12");
    expect(view.getState()).toMatchObject({
      open: true,
      sheet: "Detail",
      target: { row: 11, col: 2, rows: 1, cols: 3 },
      seq: seq + 1,
    });
  });

  it("a cell picked in the view is the port's selection (Use selection) and where a picture goes", async () => {
    const { port, view } = setup();
    await port.applyPlan(plan);
    await view.source()!.select("Detail", "B3");
    expect(await port.selectionRef()).toMatchObject({ sheet: "Detail", address: "B3" });
    await port.insertPicture!({ base64: "iVBORw0KGgo=", width: 10, height: 20, title: "map" });
    expect(view.picturesOf("Detail")).toEqual([
      { base64: "iVBORw0KGgo=", width: 10, height: 20, title: "map", row: 2, col: 1 },
    ]);
    // Rewriting the sheet drops pictures placed on the old one (the workbook's sheet is new too).
    await port.applyPlan(plan);
    expect(view.picturesOf("Detail")).toEqual([]);
  });
});
