// Inserting sheets of plain values ("Insert sample data") and moving the selection ("Go to cell").
import type { SheetData } from "../port";
import { runExcel } from "./excel";
import { numberedSheetName, safeSheetName, uniqueName } from "./names";
import { BatchWriter, COST, writeRows } from "./writer";

export function insertSheets(sheets: SheetData[]): Promise<string[]> {
  return runExcel(async (ctx) => {
    const existing = ctx.workbook.worksheets.load("items/name");
    await ctx.sync();
    const taken = new Set(existing.items.map((s) => s.name.toLowerCase()));
    const w = new BatchWriter(ctx);
    const used: string[] = [];
    for (const sheet of sheets) {
      const name = uniqueName(safeSheetName(sheet.name), taken, numberedSheetName);
      taken.add(name.toLowerCase());
      used.push(name);
      await writeInserted(w, ctx.workbook.worksheets.add(name), sheet.rows);
    }
    if (used.length > 0) {
      await w.reserve(20);
      ctx.workbook.worksheets.getItem(used[0]!).activate();
    }
    await w.flush();
    return used;
  });
}

/** A sheet of plain values with a bold, frozen header row (exported for the payload test). */
export async function writeInserted(
  w: BatchWriter,
  ws: Excel.Worksheet,
  rows: SheetData["rows"],
): Promise<void> {
  await writeRows(w, ws, 0, 0, rows);
  if ((rows[0]?.length ?? 0) > 0) {
    await w.op(COST.header, () => {
      ws.getRangeByIndexes(0, 0, 1, rows[0]!.length).format.font.bold = true;
      ws.freezePanes.freezeRows(1);
    });
  }
}

export function select(sheet: string, address?: string): Promise<void> {
  return runExcel(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    if (address) ws.getRange(address).select();
    await ctx.sync();
  });
}
