// Reading a table in row blocks: each request stays under the payload budget. The first block
// measures bytes per row and sizes the rest; a payload error halves the block and retries it.
import type { CellValue, Table } from "../../engine/types";
import type { Rect } from "../../report/plan";
import { gridToTable } from "../tables";
import type { ProgressFn, TableRef } from "../port";
import { a1ToRect, splitAddress } from "./address";
import { REQUEST_BUDGET, isPayloadError, jsonBytes, runExcel } from "./excel";
import { fromExcel } from "./values";

/** Rows in the first block, which measures the row size. */
const PROBE_ROWS = 2_000;

export interface ReadStats {
  syncs: number;
  retries: number;
  blocks: number[];
}

/** Reads `rect` of `sheet` as rows of CellValues, one block per sync. */
export async function readRows(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
  onBlock?: (done: number) => void,
  stats?: ReadStats,
  budget = REQUEST_BUDGET,
): Promise<CellValue[][]> {
  const out: CellValue[][] = new Array(rect.rows);
  let blockRows = Math.min(rect.rows, PROBE_ROWS);
  let measured = false;
  for (let at = 0; at < rect.rows; ) {
    const n = Math.min(blockRows, rect.rows - at);
    const range = sheet.getRangeByIndexes(rect.row + at, rect.col, n, rect.cols).load("values");
    try {
      // One sync per block is the point: each block is its own request under the size limit.
      await ctx.sync();
      if (stats) stats.syncs++;
    } catch (e) {
      if (stats) stats.syncs++;
      if (!isPayloadError(e) || n === 1) throw e;
      if (stats) stats.retries++;
      blockRows = Math.ceil(n / 2);
      measured = true; // keep the smaller block: the estimate was wrong for this data
      continue;
    }
    const values = range.values;
    if (!measured) {
      measured = true;
      const perRow = Math.max(1, jsonBytes(values) / n);
      blockRows = Math.max(1, Math.floor(budget / perRow));
    }
    for (let i = 0; i < n; i++) {
      const src = values[i]!;
      const row: CellValue[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) row[j] = fromExcel(src[j]);
      out[at + i] = row;
    }
    stats?.blocks.push(n);
    at += n;
    onBlock?.(at);
  }
  return out;
}

/** Where `ref` is now: tables and names may have grown since they were listed; a sheet's data may have too. */
async function locate(ctx: Excel.RequestContext, ref: TableRef): Promise<{ sheet: string; rect: Rect }> {
  if (ref.kind === "table" || ref.kind === "name") return locateNamed(ctx, ref);
  const rect = a1ToRect(ref.address);
  if (ref.kind === "range") return { sheet: ref.sheet, rect };
  // A sheet: the header row stays where it was found; the data runs to the last used row.
  const used = ctx.workbook.worksheets.getItem(ref.sheet).getUsedRangeOrNullObject(true).load("rowIndex,rowCount");
  await ctx.sync();
  const end = used.isNullObject ? rect.row + rect.rows : used.rowIndex + used.rowCount;
  return { sheet: ref.sheet, rect: { ...rect, rows: Math.max(1, end - rect.row) } };
}

async function locateNamed(ctx: Excel.RequestContext, ref: TableRef): Promise<{ sheet: string; rect: Rect }> {
  const range =
    ref.kind === "table" ? ctx.workbook.tables.getItem(ref.name).getRange() : ctx.workbook.names.getItem(ref.name).getRange();
  range.load("address");
  await ctx.sync();
  const { sheet, address } = splitAddress(range.address);
  return { sheet, rect: a1ToRect(address) };
}

export function readTable(ref: TableRef, onProgress?: ProgressFn, stats?: ReadStats): Promise<Table> {
  return runExcel(async (ctx) => {
    const { sheet, rect } = await locate(ctx, ref);
    const ws = ctx.workbook.worksheets.getItem(sheet);
    onProgress?.({ phase: "read", fraction: 0, detail: `${sheet}: ${rect.rows - 1} rows` });
    const grid = await readRows(ctx, ws, rect, (done) =>
      onProgress?.({ phase: "read", fraction: done / rect.rows, detail: `${sheet}: ${done} of ${rect.rows} rows` }),
      stats,
    );
    return gridToTable(grid, {
      sheet,
      ...(ref.kind === "table" || ref.kind === "name" ? { name: ref.name } : {}),
      headerRow: rect.row + 1,
      firstColumn: rect.col + 1,
    });
  });
}
