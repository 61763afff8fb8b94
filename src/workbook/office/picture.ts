// "Insert picture": a PNG on the active sheet at the selected cell, through shapes.addImage
// (ExcelApi 1.9) at the cell's Range.left/top (ExcelApi 1.10). Without 1.10 it reports false and
// the pane offers the PNG as a download.
import type { PictureInput } from "../port";
import { apiSupported, runExcel } from "./excel";

/** CSS pixels → points (Excel positions shapes in points). */
const PT_PER_PX = 0.75;

export function insertPicture(p: PictureInput): Promise<boolean> {
  if (!apiSupported("1.10")) return Promise.resolve(false);
  return runExcel(async (ctx) => {
    const ws = ctx.workbook.worksheets.getActiveWorksheet();
    const at = ctx.workbook.getSelectedRange().load("left,top");
    await ctx.sync();
    const shape = ws.shapes.addImage(p.base64);
    shape.lockAspectRatio = true;
    shape.left = at.left;
    shape.top = at.top;
    shape.width = p.width * PT_PER_PX;
    shape.height = p.height * PT_PER_PX;
    shape.altTextTitle = p.title;
    await ctx.sync();
    return true;
  });
}
