// The preview's download: native charts, which ExcelJS cannot write, go into the file as pictures
// of the view's drawing of them (chart-svg.ts), over the cells the chart would cover. Once per
// written sheet: a rewrite makes a new sheet, and a new Plan object with it.
import type ExcelJS from "exceljs";
import type { Rect, SheetPlan } from "../../report/plan";
import { chartSvg } from "../../workbook/html/chart-svg";
import { sheetGrid } from "../../workbook/html/grid";
import type { Rasterise } from "../pictures/png";
import { DEFAULT_ROW_PX, layoutOf, widthPixels } from "./layout";

const done = new WeakSet<SheetPlan>();

/** Pixel size of a rectangle of cells, wherever it lies (beyond the used range: default sizes). */
function sizeOf(plan: SheetPlan, heights: number[], r: Rect): { width: number; height: number } {
  const widths = new Map((plan.columnWidths ?? []).map((w) => [w.col, widthPixels(w.width)]));
  let width = 0;
  for (let c = r.col; c < r.col + r.cols; c++) width += widths.get(c) ?? 64;
  let height = 0;
  for (let i = r.row; i < r.row + r.rows; i++) height += heights[i] ?? DEFAULT_ROW_PX;
  return { width, height };
}

/** Adds a picture of each chart not yet pictured; returns how many it added. */
export async function addChartPictures(
  wb: ExcelJS.Workbook,
  sheets: [string, SheetPlan][],
  rasterise: Rasterise,
): Promise<number> {
  let added = 0;
  for (const [name, plan] of sheets) {
    const ws = wb.getWorksheet(name);
    if (!plan.charts?.length || done.has(plan) || !ws) continue;
    const g = sheetGrid(plan);
    const heights = layoutOf(g).rowHeights;
    for (const ch of plan.charts) {
      const png = await rasterise(chartSvg(ch, g, sizeOf(plan, heights, ch.anchor)));
      const id = wb.addImage({ base64: png.base64, extension: "png" });
      const a = ch.anchor;
      ws.addImage(id, {
        tl: { col: a.col, row: a.row },
        br: { col: a.col + a.cols, row: a.row + a.rows },
      } as unknown as ExcelJS.ImageRange);
      added++;
    }
    done.add(plan);
  }
  return added;
}
