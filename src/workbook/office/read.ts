// Reading a table in row blocks: each request stays under the payload budget. The first block
// measures bytes per row and sizes the rest; a payload error halves the block and retries it.
import type { CellValue, Table } from "../../engine/types";
import type { Rect } from "../../report/plan";
import { gridToTable } from "../tables";
import type { ProgressFn, TableRef } from "../port";
import { a1ToRect, splitAddress } from "../address";
import { REQUEST_BUDGET, type BatchOptions, isPayloadError, jsonBytes, runExcel } from "./excel";
import { fromExcel } from "./values";
import { withDateFormat } from "../dates";
import { fillMerges, type MergedArea } from "../merges";

/** Bytes per cell assumed before any are measured: generous, so the first block fits. */
const GUESS_CELL_BYTES = 64;

export interface ReadStats {
  syncs: number;
  retries: number;
  blocks: number[];
}

export interface ReadOptions {
  /** Called after each block with rows done and rows in all. */
  onBlock?: (done: number, total: number) => void;
  stats?: ReadStats;
  budget?: number;
  /**
   * Fit `rect` to the sheet's last used row, found in the same request as the first block:
   * "extend" (a sheet's data may have grown since it was listed) or "clip" (a selection of whole
   * columns should not read a million blank rows).
   */
  lastUsedRow?: "extend" | "clip";
}

/**
 * Reads `rect` of `sheet` as rows of CellValues, one block per sync. The first block is sized
 * by a generous guess and measures the real bytes per row; the rest are sized from that.
 */
export async function readRows(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
  options: ReadOptions = {},
): Promise<CellValue[][]> {
  const { onBlock, stats, budget = REQUEST_BUDGET } = options;
  let total = rect.rows;
  const guess = Math.max(1, Math.floor(budget / (rect.cols * GUESS_CELL_BYTES)));
  // A sheet may have grown: let the first block look a little past the listed end.
  // Whole columns (a selection such as A:G) end at the last used row: start with a small block.
  const wholeColumns = options.lastUsedRow === "clip" && rect.row + total >= 1_048_576;
  let blockRows =
    options.lastUsedRow === "extend"
      ? Math.min(guess, total + 1_000, 1_048_576 - rect.row)
      : Math.min(guess, total, wholeColumns ? 1_000 : total);
  let used: Excel.Range | undefined;
  let measured = false;
  const out: CellValue[][] = [];
  for (let at = 0; at < total;) {
    const n = used ? Math.min(blockRows, total - at) : blockRows;
    const range = sheet.getRangeByIndexes(rect.row + at, rect.col, n, rect.cols).load("values");
    const usedNow =
      options.lastUsedRow && !used
        ? sheet.getUsedRangeOrNullObject(true).load("rowIndex,rowCount")
        : undefined;
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
    if (usedNow) {
      used = usedNow;
      const end = usedNow.isNullObject ? rect.row + 1 : usedNow.rowIndex + usedNow.rowCount;
      const fitted = Math.max(1, end - rect.row);
      total = options.lastUsedRow === "extend" ? fitted : Math.min(total, fitted);
    }
    const values = range.values;
    const take = Math.min(n, total - at);
    if (!measured) {
      measured = true;
      const perRow = Math.max(1, jsonBytes(values) / n);
      blockRows = Math.max(1, Math.floor(budget / perRow));
    }
    for (let i = 0; i < take; i++) {
      const src = values[i]!;
      const row: CellValue[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) row[j] = fromExcel(src[j]);
      out.push(row);
    }
    stats?.blocks.push(take);
    at += take;
    if (!options.lastUsedRow) used = range; // sizes are fixed from the start
    onBlock?.(at, total);
  }
  return out;
}

/**
 * SPEC §1b: Excel makes dates of age bands typed as `5-9` or `10-14`, and office.js gives their
 * serial numbers. Such cells sit in a column of text bands, so only columns that mix text and
 * numbers have their number formats read (one column at a time, in blocks under the payload
 * budget), and a date-formatted number there becomes the date it shows, as the .xlsx readers give it.
 */
async function readDates(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
  grid: CellValue[][],
  budget = REQUEST_BUDGET,
): Promise<void> {
  const cols = mixedColumns(grid);
  const block = Math.max(1, Math.floor(budget / GUESS_CELL_BYTES));
  for (const j of cols) {
    for (let at = 0; at < grid.length; at += block) {
      const n = Math.min(block, grid.length - at);
      const range = sheet.getRangeByIndexes(rect.row + at, rect.col + j, n, 1).load("numberFormat");
      await ctx.sync(); // one block per request: a column of a million rows is several
      for (let i = 0; i < n; i++)
        grid[at + i][j] = withDateFormat(grid[at + i][j] ?? null, range.numberFormat[i]?.[0]);
    }
  }
}

/** Columns holding both text and numbers below their first row (the header). */
function mixedColumns(grid: CellValue[][]): number[] {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const out: number[] = [];
  for (let j = 0; j < width; j++) {
    let text = false;
    let num = false;
    for (let i = 1; i < grid.length && !(text && num); i++) {
      const v = grid[i][j];
      if (typeof v === "number") num = true;
      else if (typeof v === "string") text = true;
    }
    if (text && num) out.push(j);
  }
  return out;
}

/**
 * SPEC §1b: office.js gives a merged area's cells other than its top-left as blank, so an area
 * code merged down over its rows would leave the rows below "area missing". The merged areas of
 * the read range are fetched and filled as the .xlsx readers fill them (fillMerges).
 * Range.getMergedAreasOrNullObject is [Api set: ExcelApi 1.13] (office.js reference; it fails
 * past 512 areas); on an older host the cells stay as read and the returned note says so.
 */
async function readMerges(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
  grid: CellValue[][],
  where: string,
): Promise<string | undefined> {
  if (grid.length < 2) return undefined;
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.13")) {
    const gap = firstGap(grid);
    return gap === undefined
      ? undefined
      : `${where}, row ${rect.row + gap + 1}, has blank cells beside filled ones. This version of Excel cannot tell the add-in which cells are merged, so a cell merged down over several rows counts for its top row only (the rows below read as blank). If such cells are merged, unmerge them, or use Microsoft 365 or Excel on the web.`;
  }
  const areas = sheet
    .getRangeByIndexes(rect.row, rect.col, grid.length, rect.cols)
    .getMergedAreasOrNullObject();
  areas.load("address");
  try {
    await ctx.sync();
  } catch {
    return `${where} has too many merged areas for Excel to list (more than 512): cells merged down over several rows count for their top row only. Unmerge them.`;
  }
  if (areas.isNullObject) return undefined;
  const merges: MergedArea[] = [];
  // "Sheet1!A2:A3, Sheet1!A4:A5": split on commas outside a quoted sheet name.
  for (const part of areas.address.split(/,(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const r = a1ToRect(splitAddress(part.trim()).address);
    // 1-based within the grid; an area starting above the grid has its value outside it.
    const top = r.row - rect.row + 1;
    if (top < 1) continue;
    merges.push({
      top,
      left: r.col - rect.col + 1,
      bottom: Math.min(grid.length, top + r.rows - 1),
      right: r.col - rect.col + r.cols,
    });
  }
  fillMerges(grid, merges);
  return undefined;
}

/**
 * The first data row (0-based in the grid) where a merge may hide: a blank cell below a text cell
 * (a merged code or name) in a row with filled cells. A blank count below a number is not one.
 */
function firstGap(grid: CellValue[][]): number | undefined {
  const blank = (v: CellValue | undefined) => v === null || v === undefined || v === "";
  for (let i = 2; i < grid.length; i++) {
    const row = grid[i];
    const above = grid[i - 1];
    if (!row.some((v) => !blank(v))) continue;
    for (let j = 0; j < above.length; j++)
      if (typeof above[j] === "string" && above[j] !== "" && blank(row[j])) return i;
  }
  return undefined;
}

/** Where `ref` is now: tables and names may have grown since they were listed. */
async function locate(ctx: Excel.RequestContext, ref: TableRef): Promise<{ sheet: string; rect: Rect }> {
  if (ref.kind === "table" || ref.kind === "name") return locateNamed(ctx, ref);
  return { sheet: ref.sheet, rect: a1ToRect(ref.address) };
}

async function locateNamed(ctx: Excel.RequestContext, ref: TableRef): Promise<{ sheet: string; rect: Rect }> {
  const range =
    ref.kind === "table"
      ? ctx.workbook.tables.getItem(ref.name).getRange()
      : ctx.workbook.names.getItem(ref.name).getRange();
  range.load("address");
  await ctx.sync();
  const { sheet, address } = splitAddress(range.address);
  return { sheet, rect: a1ToRect(address) };
}

/** A table that moved away since it was chosen gets a message the user can act on. */
function explain(ref: TableRef, e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code !== "ItemNotFound" && code !== "InvalidOperation") return e;
  const what =
    ref.kind === "table"
      ? `The table "${ref.name}"`
      : ref.kind === "name"
        ? `The range named "${ref.name}"`
        : `The sheet "${ref.sheet}"`;
  return new Error(`${what} is no longer in this workbook: choose the data again.`, { cause: e });
}

export function readTable(
  ref: TableRef,
  onProgress?: ProgressFn,
  stats?: ReadStats,
  run?: BatchOptions,
): Promise<Table> {
  return readTableIn(ref, onProgress, stats, run).catch((e: unknown) => {
    throw explain(ref, e);
  });
}

function readTableIn(
  ref: TableRef,
  onProgress?: ProgressFn,
  stats?: ReadStats,
  run?: BatchOptions,
): Promise<Table> {
  return runExcel(async (ctx) => {
    const { sheet, rect } = await locate(ctx, ref);
    const ws = ctx.workbook.worksheets.getItem(sheet);
    onProgress?.({ phase: "read", fraction: 0, detail: `${sheet}: ${rect.rows - 1} rows` });
    const grid = await readRows(ctx, ws, rect, {
      stats,
      // A whole sheet runs to its last used row (the header stays where it was found); a
      // selection or a defined name (either may be whole columns, =Data!$A:$G) stops there.
      lastUsedRow:
        ref.kind === "sheet" ? "extend" : ref.kind === "range" || ref.kind === "name" ? "clip" : undefined,
      onBlock: (done, total) =>
        onProgress?.({ phase: "read", fraction: done / total, detail: `${sheet}: ${done} of ${total} rows` }),
    });
    await readDates(ctx, ws, rect, grid);
    const note = await readMerges(ctx, ws, rect, grid, `Sheet ${sheet}`);
    return gridToTable(grid, {
      sheet,
      ...(note ? { notes: [note] } : {}),
      ...(ref.kind === "table" || ref.kind === "name" ? { name: ref.name } : {}),
      headerRow: rect.row + 1,
      firstColumn: rect.col + 1,
    });
  }, run);
}
