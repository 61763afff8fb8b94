// Finding candidate input tables in the open workbook without reading whole sheets: Excel tables,
// defined names that are ranges, and sheets whose first rows hold a header row (found by the
// same rule as the command line, findHeaderRow, over the top rows only).
import type { CellValue } from "../../engine/types";
import { keyFromMarkerName } from "../../report/plan";
import { findHeaderRow, headerText, isBlank } from "../tables";
import type { TableCandidate, TableRef } from "../port";
import { rectToA1, splitAddress } from "../address";
import { runExcel } from "./excel";
import { fromExcel } from "./values";

/** Rows scanned for a header row, and the widest header looked at. */
const SCAN_ROWS = 30;
const SCAN_COLS = 64;

export function listTables(): Promise<TableCandidate[]> {
  return runExcel(async (ctx) => {
    const wb = ctx.workbook;
    const sheets = wb.worksheets.load("items/name,items/visibility");
    // A table with its header row turned off has no header to list (getHeaderRowRange fails).
    const tables = wb.tables.load("items/name,items/showHeaders");
    const names = wb.names.load("items/name,items/type,items/visible,items/value");
    await ctx.sync();

    const outputNames = new Set<string>();
    const tableInfo = tables.items
      .filter((t) => t.showHeaders)
      .map((t) => ({
        name: t.name,
        range: t.getRange().load("address,rowCount"),
        header: t.getHeaderRowRange().load("values"),
      }));
    // One name Excel cannot give a single range for (several areas, "=A!$A$1:$B$2,A!$D$1")
    // would fail NamedItem.getRange and with it the whole listing: such names are left out.
    const nameInfo = names.items
      .filter(
        (n) =>
          n.type === "Range" &&
          n.visible &&
          keyFromMarkerName(n.name) === undefined &&
          !String(n.value).includes(","),
      )
      .map((n) => {
        const range = n.getRange().load("address,rowCount,columnCount");
        return { name: n.name, range, top: range.getRow(0).load("values") };
      });
    const markers = names.items
      .filter((n) => keyFromMarkerName(n.name) !== undefined && n.type === "Range")
      .map((n) => n.getRange().load("address"));
    const visible = sheets.items.filter((s) => s.visibility === "Visible");
    // Each sheet's used range and its top rows in the same request: a blank sheet's used range
    // is A1, and the scan may reach past the used range (those cells read as blank).
    const used = visible.map((s) => {
      const range = s.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
      return {
        sheet: s.name,
        range,
        top: range.getAbsoluteResizedRange(SCAN_ROWS, SCAN_COLS).load("values"),
      };
    });
    await ctx.sync();

    for (const m of markers) outputNames.add(splitAddress(m.address).sheet);
    const out: TableCandidate[] = [];
    const sheetsWithTables = new Set<string>();
    for (const t of tableInfo) {
      const { sheet, address } = splitAddress(t.range.address);
      sheetsWithTables.add(sheet);
      if (outputNames.has(sheet)) continue; // a table in the add-in's own output, not an input
      out.push({
        ref: { kind: "table", name: t.name, sheet, address },
        headers: (t.header.values[0] ?? []).map((v) => headerText(fromExcel(v))),
        rows: t.range.rowCount - 1,
      });
    }

    const scans = used
      .filter((u) => !sheetsWithTables.has(u.sheet) && !outputNames.has(u.sheet))
      .map((u) => {
        const r = u.range;
        const rows = Math.min(SCAN_ROWS, r.rowCount);
        const cols = Math.min(SCAN_COLS, r.columnCount);
        const top = u.top.values.slice(0, rows).map((row) => row.slice(0, cols));
        return {
          sheet: u.sheet,
          used: { row: r.rowIndex, col: r.columnIndex, rows: r.rowCount, cols: r.columnCount },
          top,
        };
      });

    for (const n of nameInfo) {
      const { sheet, address } = splitAddress(n.range.address);
      out.push({
        ref: { kind: "name", name: n.name, sheet, address },
        headers: (n.top.values[0] ?? []).map((v) => headerText(fromExcel(v))),
        rows: n.range.rowCount - 1,
      });
    }
    for (const s of scans) {
      const grid: CellValue[][] = s.top.map((row) => row.map(fromExcel));
      const h = findHeaderRow(grid);
      if (h < 0) continue;
      const header = grid[h]!;
      let first = 0;
      let last = header.length - 1;
      while (last >= 0 && isBlank(header[last])) last--;
      while (first <= last && isBlank(header[first])) first++;
      // Two named columns at least: a title or a single note is not a table.
      if (last - first < 1) continue;
      const rect = {
        row: s.used.row + h,
        col: s.used.col + first,
        rows: s.used.rows - h,
        cols: last - first + 1,
      };
      out.push({
        ref: { kind: "sheet", name: s.sheet, sheet: s.sheet, address: rectToA1(rect) },
        headers: header.slice(first, last + 1).map(headerText),
        rows: rect.rows - 1,
      });
    }
    return out;
  });
}

const SEVERAL_AREAS = "Select one rectangular range (the selection has several areas).";

export function selectionRef(): Promise<TableRef> {
  return runExcel(async (ctx) => {
    const range = ctx.workbook.getSelectedRange().load("address");
    try {
      await ctx.sync();
    } catch (e) {
      // A multi-area selection fails getSelectedRange with InvalidSelection
      // (OfficeDev/office-js-docs-pr#2477); its address never reaches us.
      if ((e as { code?: unknown } | null)?.code === "InvalidSelection")
        throw new Error(SEVERAL_AREAS, { cause: e });
      throw e;
    }
    const { sheet, address } = splitAddress(range.address);
    if (address.includes(",")) throw new Error(SEVERAL_AREAS);
    return { kind: "range", name: sheet, sheet, address };
  });
}
