// The WorkbookPort over an in-memory ExcelJS workbook: the standalone preview (a workbook the
// user opened, or the sample) and tests. Reading goes through the same grid → Table path as the
// command line; writing through the same writer as `--out`. Settings live in a very hidden sheet.
// A workbook the user opens is first read by the streaming reader (createOpenedXlsxPort): the
// pane lists its tables in about a second, and ExcelJS loads it whole only when something is
// written into it.
import type ExcelJS from "exceljs";
import type { CellValue } from "../../engine/types";
import { keyFromMarkerName } from "../../report/plan";
import type { Table } from "../../engine/types";
import type { Plan } from "../../report/plan";
import type {
  PictureInput,
  ProgressFn,
  SheetData,
  SheetGridRead,
  TableCandidate,
  TableRef,
  WorkbookPort,
} from "../port";
import { a1ToRect, rectToA1, splitAddress } from "../address";
import { numberedSheetName, safeSheetName, uniqueName } from "../names";
import { findHeaderRow, gridToTable, headerText, isBlank } from "../tables";
import { worksheetFormats, worksheetGrid } from "./read";
import type { StreamedWorkbook } from "./stream-read";
import { applyPlanToWorkbook } from "./write";

export { FAST_ZIP } from "./write";

/** The hidden sheet that keeps the preview's settings (key in A, JSON in B). */
export const SETTINGS_SHEET = "stdrates-settings";

/**
 * What the preview's sheet view hears from the port: the Plan sheets written (with the names they
 * got), each select() (a link in the pane), and pictures placed. The port stays UI-free.
 */
export interface PortObserver {
  applied?(plan: Plan, sheetNames: Record<string, string>): void;
  selected?(sheet: string, address: string | undefined): void;
  picture?(p: PictureInput & { sheet: string; row: number; col: number }): void;
}

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

/** What the port reads from a workbook, whichever reader read it. */
interface GridSource {
  /** Sheets in tab order. */
  sheets(): { name: string; visible: boolean }[];
  /** A sheet's grid from A1, or undefined when there is no such sheet. */
  grid(sheet: string): CellValue[][] | undefined;
  formats(sheet: string): (string | null)[][];
  tables(sheet: string): { name: string; address: string }[];
  /** Defined names with their ranges ("Sheet1!$A$1:$B$9"). */
  names(): { name: string; ranges: string[] }[];
}

/** An ExcelJS workbook as it is now (it changes as the port writes). */
function exceljsSource(wb: ExcelJS.Workbook): GridSource {
  return {
    sheets: () =>
      wb.worksheets.map((ws) => ({
        name: ws.name,
        visible: ws.state === "visible" || ws.state === undefined,
      })),
    grid: (sheet) => {
      const ws = wb.getWorksheet(sheet);
      return ws ? worksheetGrid(ws) : undefined;
    },
    formats: (sheet) => {
      const ws = wb.getWorksheet(sheet);
      return ws ? worksheetFormats(ws) : [];
    },
    tables: (sheet) => {
      const ws = wb.getWorksheet(sheet);
      return ws ? tablesOf(ws) : [];
    },
    names: () => wb.definedNames.model.map((n) => ({ name: n.name, ranges: n.ranges })),
  };
}

/** A workbook as the streaming reader read it (it never changes). */
function streamedSource(book: StreamedWorkbook): GridSource {
  const byName = new Map(book.sheets.map((s) => [s.name, s]));
  // Sheet-level names are left out, as ExcelJS leaves them out of definedNames.model.
  const names = book.definedNames
    .filter((n) => n.localSheet === undefined)
    .map((n) => ({ name: n.name, ranges: n.ref.split(",").filter((r) => r.includes("!")) }));
  return {
    sheets: () => book.sheets.map((s) => ({ name: s.name, visible: s.state === "visible" })),
    grid: (sheet) => byName.get(sheet)?.grid,
    formats: (sheet) => byName.get(sheet)?.formats ?? [],
    tables: (sheet) => byName.get(sheet)?.tables ?? [],
    names: () => names,
  };
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

/** The reading half of the port, over either reader's view of the workbook. */
function reader(source: GridSource) {
  const visible = () => source.sheets().filter((s) => s.visible);
  const markers = () =>
    source
      .names()
      .filter((n) => keyFromMarkerName(n.name) !== undefined)
      .flatMap((n) => n.ranges.map((r) => splitAddress(r).sheet));
  const gridOf = (name: string): CellValue[][] => {
    const grid = source.grid(name);
    if (!grid) throw new Error(`There is no sheet named "${name}".`);
    return grid;
  };

  return {
    hasSheet: (name: string) => source.sheets().some((s) => s.name === name),
    firstVisible: () => visible()[0]?.name,

    async listTables(): Promise<TableCandidate[]> {
      const out: TableCandidate[] = [];
      const outputs = new Set(markers());
      const withTables = new Set<string>();
      const grids = new Map<string, CellValue[][]>();
      const cached = (name: string) => grids.get(name) ?? grids.set(name, gridOf(name)).get(name)!;
      for (const { name: sheet } of visible()) {
        for (const t of source.tables(sheet)) {
          withTables.add(sheet);
          if (outputs.has(sheet)) continue; // a table in stdrates' own output, not an input
          const rect = a1ToRect(t.address);
          out.push({
            ref: { kind: "table", name: t.name, sheet, address: t.address },
            headers: sub(cached(sheet), { ...rect, rows: 1 })[0]!.map(headerText),
            rows: rect.rows - 1,
          });
        }
      }
      for (const n of source.names()) {
        if (keyFromMarkerName(n.name) !== undefined || n.ranges.length !== 1) continue;
        const { sheet, address } = splitAddress(n.ranges[0]!);
        if (!source.grid(sheet)) continue;
        const rect = a1ToRect(address);
        out.push({
          ref: { kind: "name", name: n.name, sheet, address: rectToA1(rect) },
          headers: sub(cached(sheet), { ...rect, rows: 1 })[0]!.map(headerText),
          rows: rect.rows - 1,
        });
      }
      for (const { name: sheet } of visible()) {
        if (withTables.has(sheet) || outputs.has(sheet)) continue;
        const grid = cached(sheet);
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
          ref: { kind: "sheet", name: sheet, sheet, address: rectToA1(rect) },
          headers: header.slice(first, last + 1).map(headerText),
          rows: rect.rows - 1,
        });
      }
      return out;
    },

    async readTable(ref: TableRef, onProgress?: ProgressFn): Promise<Table> {
      let sheet = ref.sheet;
      let address = ref.address;
      if (ref.kind === "table") {
        const found = source
          .sheets()
          .flatMap((s) => source.tables(s.name).map((t) => ({ ...t, sheet: s.name })))
          .find((t) => t.name === ref.name);
        if (!found) throw new Error(`There is no table named "${ref.name}".`);
        ({ sheet, address } = found);
      } else if (ref.kind === "name") {
        const range = source.names().find((n) => n.name === ref.name)?.ranges[0];
        if (!range) throw new Error(`There is no range named "${ref.name}".`);
        ({ sheet, address } = splitAddress(range));
      }
      onProgress?.({ phase: "read", fraction: 0, detail: sheet });
      const grid = gridOf(sheet);
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

    async loadSettings<T>(key: string): Promise<T | undefined> {
      const row = (source.grid(SETTINGS_SHEET) ?? []).find((r) => r[0] === key);
      return typeof row?.[1] === "string" ? (JSON.parse(row[1]) as T) : undefined;
    },

    async sheetNames() {
      return visible().map((s) => s.name);
    },

    async readGrid(sheet: string): Promise<SheetGridRead> {
      return { name: sheet, grid: gridOf(sheet), formats: source.formats(sheet), origin: { row: 0, col: 0 } };
    },
  };
}

export function createXlsxPort(wb: ExcelJS.Workbook, observer: PortObserver = {}): XlsxPort {
  let selection: { sheet: string; address?: string } | undefined;
  const read = reader(exceljsSource(wb));
  const sheetOf = (name: string): ExcelJS.Worksheet => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`There is no sheet named "${name}".`);
    return ws;
  };

  return {
    get selection() {
      return selection;
    },
    listTables: read.listTables,
    readTable: read.readTable,
    loadSettings: read.loadSettings,
    sheetNames: read.sheetNames,
    readGrid: read.readGrid,

    async selectionRef(): Promise<TableRef> {
      if (!selection?.address) throw new Error("The preview has no selection: pick a table instead.");
      return { kind: "range", name: selection.sheet, sheet: selection.sheet, address: selection.address };
    },

    async applyPlan(plan, onProgress) {
      onProgress?.({ phase: "write", fraction: 0 });
      const report = applyPlanToWorkbook(plan, wb);
      observer.applied?.(plan, report.sheetNames);
      onProgress?.({ phase: "write", fraction: 1 });
      return report;
    },

    async select(sheet, address) {
      sheetOf(sheet);
      selection = { sheet, address };
      observer.selected?.(sheet, address);
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

    async saveSettings<T>(key: string, value: T): Promise<void> {
      const ws = wb.getWorksheet(SETTINGS_SHEET) ?? wb.addWorksheet(SETTINGS_SHEET, { state: "veryHidden" });
      let r = 1;
      while (r <= ws.rowCount && ws.getCell(r, 1).value !== key && ws.getCell(r, 1).value !== null) r++;
      ws.getCell(r, 1).value = key;
      ws.getCell(r, 2).value = JSON.stringify(value);
    },

    // The picture goes at the last selected cell (a clicked area's row), else at A1 of the first sheet.
    async insertPicture(p) {
      const name = selection?.sheet ?? read.firstVisible();
      if (!name) return false;
      const ws = sheetOf(name);
      const at = selection?.address ? a1ToRect(selection.address) : { row: 0, col: 0 };
      const id = wb.addImage({ base64: p.base64, extension: "png" });
      ws.addImage(id, { tl: { col: at.col, row: at.row }, ext: { width: p.width, height: p.height } });
      observer.picture?.({ ...p, sheet: name, row: at.row, col: at.col });
      return true;
    },
  };
}

/**
 * The port over a workbook the user opened: reads come from the streaming reader's copy until
 * the first write, which loads the workbook into ExcelJS (`load`) and from then on is the port.
 */
export function createOpenedXlsxPort(
  opened: StreamedWorkbook,
  load: () => Promise<ExcelJS.Workbook>,
  observer: PortObserver = {},
): XlsxPort {
  const read = reader(streamedSource(opened));
  let selection: { sheet: string; address?: string } | undefined;
  let loading: Promise<XlsxPort> | undefined;
  let full: XlsxPort | undefined;
  const loaded = () =>
    (loading ??= load().then(async (wb) => {
      const port = createXlsxPort(wb, observer);
      if (selection) await port.select(selection.sheet, selection.address);
      full = port;
      return port;
    }));

  return {
    get selection() {
      return full ? full.selection : selection;
    },
    listTables: () => (full ? full.listTables() : read.listTables()),
    readTable: (ref, onProgress) =>
      full ? full.readTable(ref, onProgress) : read.readTable(ref, onProgress),
    loadSettings: (key) => (full ? full.loadSettings(key) : read.loadSettings(key)),
    sheetNames: () => (full ? full.sheetNames!() : read.sheetNames()),
    readGrid: (sheet) => (full ? full.readGrid!(sheet) : read.readGrid(sheet)),
    async selectionRef() {
      if (full) return full.selectionRef();
      if (!selection?.address) throw new Error("The preview has no selection: pick a table instead.");
      return { kind: "range", name: selection.sheet, sheet: selection.sheet, address: selection.address };
    },
    async select(sheet, address) {
      if (full) return full.select(sheet, address);
      if (!read.hasSheet(sheet)) throw new Error(`There is no sheet named "${sheet}".`);
      selection = { sheet, address };
      observer.selected?.(sheet, address);
    },
    applyPlan: async (plan, onProgress) => (await loaded()).applyPlan(plan, onProgress),
    insertSheets: async (sheets) => (await loaded()).insertSheets(sheets),
    saveSettings: async (key, value) => (await loaded()).saveSettings(key, value),
    insertPicture: async (p) => (await loaded()).insertPicture!(p),
  };
}
