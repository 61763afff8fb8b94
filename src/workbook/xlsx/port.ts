// The WorkbookPort over an in-memory ExcelJS workbook: the standalone preview (a workbook the
// user opened, or the sample) and tests. Reading goes through the same grid → Table path as the
// command line; writing through the same writer as `--out`. Settings live in a very hidden sheet.
import type ExcelJS from "exceljs";
import type { CellValue } from "../../engine/types";
import { keyFromMarkerName } from "../../report/plan";
import type { SheetData, TableCandidate, TableRef, WorkbookPort } from "../port";
import { a1ToRect, rectToA1, splitAddress } from "../office/address";
import { numberedSheetName, safeSheetName, uniqueName } from "../office/names";
import { findHeaderRow, gridToTable, headerText, isBlank } from "../tables";
import { worksheetFormats, worksheetGrid } from "./read";
import { applyPlanToWorkbook } from "./write";

export { FAST_ZIP } from "./write";

/** The hidden sheet that keeps the preview's settings (key in A, JSON in B). */
export const SETTINGS_SHEET = "stdrates-settings";

export interface XlsxPort extends WorkbookPort {
  /** The last select() call: the preview has no grid to move, the UI may show it. */
  readonly selection: { sheet: string; address?: string } | undefined;
}

interface TableLike {
  table?: { name?: string; tableRef?: string; ref?: string };
}

function tablesOf(ws: ExcelJS.Worksheet): { name: string; address: string }[] {
  return (ws.getTables() as unknown as TableLike[]).flatMap((t) => {
    const m = t.table;
    const address = m?.tableRef ?? m?.ref;
    return m?.name && address ? [{ name: m.name, address }] : [];
  });
}

function sub(
  grid: CellValue[][],
  r: { row: number; col: number; rows: number; cols: number },
): CellValue[][] {
  return Array.from({ length: r.rows }, (_, i) => {
    const src = grid[r.row + i] ?? [];
    return Array.from({ length: r.cols }, (_, j) => src[r.col + j] ?? null);
  });
}

export function createXlsxPort(wb: ExcelJS.Workbook): XlsxPort {
  let selection: { sheet: string; address?: string } | undefined;
  const visible = () => wb.worksheets.filter((ws) => ws.state === "visible" || ws.state === undefined);
  const markers = () =>
    wb.definedNames.model
      .filter((n) => keyFromMarkerName(n.name) !== undefined)
      .flatMap((n) => n.ranges.map((r) => splitAddress(r).sheet));

  const sheetOf = (name: string): ExcelJS.Worksheet => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`There is no sheet named "${name}".`);
    return ws;
  };

  const port: XlsxPort = {
    get selection() {
      return selection;
    },

    async listTables(): Promise<TableCandidate[]> {
      const out: TableCandidate[] = [];
      const outputs = new Set(markers());
      const withTables = new Set<string>();
      const grids = new Map<string, CellValue[][]>();
      const gridOf = (ws: ExcelJS.Worksheet) =>
        grids.get(ws.name) ?? grids.set(ws.name, worksheetGrid(ws)).get(ws.name)!;
      for (const ws of visible()) {
        for (const t of tablesOf(ws)) {
          withTables.add(ws.name);
          if (outputs.has(ws.name)) continue; // a table in stdrates' own output, not an input
          const rect = a1ToRect(t.address);
          out.push({
            ref: { kind: "table", name: t.name, sheet: ws.name, address: t.address },
            headers: sub(gridOf(ws), { ...rect, rows: 1 })[0]!.map(headerText),
            rows: rect.rows - 1,
          });
        }
      }
      for (const n of wb.definedNames.model) {
        if (keyFromMarkerName(n.name) !== undefined || n.ranges.length !== 1) continue;
        const { sheet, address } = splitAddress(n.ranges[0]!);
        const ws = wb.getWorksheet(sheet);
        if (!ws) continue;
        const rect = a1ToRect(address);
        out.push({
          ref: { kind: "name", name: n.name, sheet, address: rectToA1(rect) },
          headers: sub(gridOf(ws), { ...rect, rows: 1 })[0]!.map(headerText),
          rows: rect.rows - 1,
        });
      }
      for (const ws of visible()) {
        if (withTables.has(ws.name) || outputs.has(ws.name)) continue;
        const grid = gridOf(ws);
        const h = findHeaderRow(grid);
        if (h < 0) continue;
        const header = grid[h]!;
        let first = 0;
        let last = header.length - 1;
        while (last >= 0 && isBlank(header[last])) last--;
        while (first <= last && isBlank(header[first])) first++;
        if (last - first < 1) continue;
        const rect = { row: h, col: first, rows: grid.length - h, cols: last - first + 1 };
        out.push({
          ref: { kind: "sheet", name: ws.name, sheet: ws.name, address: rectToA1(rect) },
          headers: header.slice(first, last + 1).map(headerText),
          rows: rect.rows - 1,
        });
      }
      return out;
    },

    async selectionRef(): Promise<TableRef> {
      if (!selection?.address) throw new Error("The preview has no selection: pick a table instead.");
      return { kind: "range", name: selection.sheet, sheet: selection.sheet, address: selection.address };
    },

    async readTable(ref, onProgress) {
      let sheet = ref.sheet;
      let address = ref.address;
      if (ref.kind === "table") {
        const found = wb.worksheets
          .flatMap((ws) => tablesOf(ws).map((t) => ({ ...t, sheet: ws.name })))
          .find((t) => t.name === ref.name);
        if (!found) throw new Error(`There is no table named "${ref.name}".`);
        ({ sheet, address } = found);
      } else if (ref.kind === "name") {
        const range = wb.definedNames.getRanges(ref.name)?.ranges?.[0];
        if (!range) throw new Error(`There is no range named "${ref.name}".`);
        ({ sheet, address } = splitAddress(range));
      }
      onProgress?.({ phase: "read", fraction: 0, detail: sheet });
      const grid = worksheetGrid(sheetOf(sheet));
      const rect = a1ToRect(address);
      // A whole sheet runs to its last row, and a range stops there, as the office adapter reads them.
      if (ref.kind === "sheet") rect.rows = Math.max(1, grid.length - rect.row);
      else rect.rows = Math.max(1, Math.min(rect.rows, grid.length - rect.row));
      const table = gridToTable(sub(grid, rect), {
        sheet,
        ...(ref.kind === "table" || ref.kind === "name" ? { name: ref.name } : {}),
        headerRow: rect.row + 1,
        firstColumn: rect.col + 1,
      });
      onProgress?.({ phase: "read", fraction: 1, detail: sheet });
      return table;
    },

    async applyPlan(plan, onProgress) {
      onProgress?.({ phase: "write", fraction: 0 });
      const report = applyPlanToWorkbook(plan, wb);
      onProgress?.({ phase: "write", fraction: 1 });
      return report;
    },

    async select(sheet, address) {
      sheetOf(sheet);
      selection = { sheet, address };
    },

    async insertSheets(sheets: SheetData[]) {
      const taken = new Set(wb.worksheets.map((ws) => ws.name.toLowerCase()));
      return sheets.map((s) => {
        const name = uniqueName(safeSheetName(s.name), taken, numberedSheetName);
        taken.add(name.toLowerCase());
        const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
        // Rows are plain values: strings stay strings (ExcelJS writes a formula only for { formula }).
        ws.addRows(s.rows);
        if (s.rows.length > 0) ws.getRow(1).font = { bold: true };
        return name;
      });
    },

    async loadSettings<T>(key: string): Promise<T | undefined> {
      const ws = wb.getWorksheet(SETTINGS_SHEET);
      if (!ws) return undefined;
      for (let r = 1; r <= ws.rowCount; r++) {
        if (ws.getCell(r, 1).value === key) {
          const text = ws.getCell(r, 2).value;
          return typeof text === "string" ? (JSON.parse(text) as T) : undefined;
        }
      }
      return undefined;
    },

    async saveSettings<T>(key: string, value: T): Promise<void> {
      const ws = wb.getWorksheet(SETTINGS_SHEET) ?? wb.addWorksheet(SETTINGS_SHEET, { state: "veryHidden" });
      let r = 1;
      while (r <= ws.rowCount && ws.getCell(r, 1).value !== key && ws.getCell(r, 1).value !== null) r++;
      ws.getCell(r, 1).value = key;
      ws.getCell(r, 2).value = JSON.stringify(value);
    },

    async sheetNames() {
      return visible().map((ws) => ws.name);
    },

    async readGrid(sheet) {
      const ws = sheetOf(sheet);
      return {
        name: ws.name,
        grid: worksheetGrid(ws),
        formats: worksheetFormats(ws),
        origin: { row: 0, col: 0 },
      };
    },

    // The picture goes at the last selected cell (a clicked area's row), else at A1 of the first sheet.
    async insertPicture(p) {
      const ws = selection ? sheetOf(selection.sheet) : visible()[0];
      if (!ws) return false;
      const at = selection?.address ? a1ToRect(selection.address) : { row: 0, col: 0 };
      const id = wb.addImage({ base64: p.base64, extension: "png" });
      ws.addImage(id, { tl: { col: at.col, row: at.row }, ext: { width: p.width, height: p.height } });
      return true;
    },
  };
  return port;
}
