// The third adapter: a SheetPlan as a grid model for the preview's sheet view (pure, no DOM).
// It implements the same walk as the ExcelJS and office.js writers, and keeps their rules for a
// cell written twice (a later block keeps the number format, fill and alignment it does not set,
// and replaces the font), so the view shows what the downloaded workbook holds. Conditional
// formats are evaluated here, as Excel would draw them: colour scales interpolated between their
// stops, expression and cell-value rules as highlights.
import { format as formatNumber } from "numfmt";
import type {
  BorderEdge,
  CellStyle,
  ChartSpec,
  ConditionalFormat,
  ImagePlan,
  PlanValue,
  Rect,
  SheetPlan,
} from "../../report/plan";
import { walkSheetPlan } from "../../report/plan-walk";
import { uniqueName } from "../names";
import { evaluateRules } from "./rules";
import type { GridCell } from "./cell";
export type { GridCell } from "./cell";

export interface SheetGrid {
  key: string;
  name: string;
  tabColor?: string;
  hideGridlines: boolean;
  /** Used extent: rows × cols from A1. */
  rows: number;
  cols: number;
  /** Sparse: cells[row]?.[col]. */
  cells: (GridCell | undefined)[][];
  merges: Rect[];
  freeze: { rows: number; cols: number };
  /** Column widths in Excel characters (only those the Plan sets). */
  columnWidths: Map<number, number>;
  /** Row heights in points (only those the Plan sets). */
  rowHeights: Map<number, number>;
  images: ImagePlan[];
  charts: ChartSpec[];
}

/** Excel's display of a value under a number format (numfmt implements Excel's format language). */
export function displayText(value: PlanValue, numberFormat: string | undefined): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  return formatNumber(numberFormat ?? "General", value);
}

function edgesAt(border: BorderEdge[] | undefined, i: number, j: number, rows: number, cols: number) {
  if (!border) return [];
  return border.filter(
    (e) =>
      (e === "top" && i === 0) ||
      (e === "bottom" && i === rows - 1) ||
      (e === "left" && j === 0) ||
      (e === "right" && j === cols - 1),
  );
}

/** The model of one Plan sheet, as the writers would leave the cells. */
export function sheetGrid(sheet: SheetPlan): SheetGrid {
  const grid: SheetGrid = {
    key: sheet.key,
    name: sheet.name,
    hideGridlines: false,
    rows: 0,
    cols: 0,
    cells: [],
    merges: [],
    freeze: { rows: 0, cols: 0 },
    columnWidths: new Map(),
    rowHeights: new Map(),
    images: [],
    charts: [],
  };
  let rules: ConditionalFormat[] = [];
  const at = (row: number, col: number): GridCell => {
    const r = (grid.cells[row] ??= []);
    grid.rows = Math.max(grid.rows, row + 1);
    grid.cols = Math.max(grid.cols, col + 1);
    return (r[col] ??= { value: null, text: "" });
  };
  /** One written cell: the same keep-or-replace rules as the ExcelJS writer's mergeStyle. */
  const put = (
    row: number,
    col: number,
    value: PlanValue,
    style: CellStyle,
    j: number,
    edges: BorderEdge[],
  ) => {
    const cell = at(row, col);
    cell.value = typeof value === "number" && !Number.isFinite(value) ? null : value;
    const fmt = Array.isArray(style.numberFormat) ? style.numberFormat[j] : style.numberFormat;
    if (fmt) cell.numberFormat = fmt;
    cell.font = style.font;
    if (style.fill) cell.fill = style.fill;
    if (style.horizontal || style.vertical || style.wrap) {
      cell.horizontal = style.horizontal;
      cell.vertical = style.vertical;
      cell.wrap = style.wrap;
    }
    if (edges.length) cell.border = [...new Set([...(cell.border ?? []), ...edges])];
    cell.text = displayText(cell.value, cell.numberFormat);
  };

  walkSheetPlan(sheet, {
    key: () => {}, // set above: the view's identity of the sheet
    name: () => {}, // set above: the tab's label
    tabColor: (c) => void (grid.tabColor = c),
    hideGridlines: (hide) => void (grid.hideGridlines = hide),
    blocks: (blocks) => {
      for (const b of blocks)
        b.values.forEach((vals, i) =>
          vals.forEach((v, j) =>
            put(b.row + i, b.col + j, v, b, j, edgesAt(b.border, i, j, b.values.length, vals.length)),
          ),
        );
    },
    formulas: (formulas) => {
      for (const f of formulas) {
        put(f.row, f.col, null, f, 0, edgesAt(f.border, 0, 0, 1, 1));
        const cell = at(f.row, f.col);
        cell.formula = f.formula;
        cell.text = `=${f.formula}`;
      }
    },
    merges: (merges) => void grid.merges.push(...merges),
    columnWidths: (widths) => {
      for (const w of widths) grid.columnWidths.set(w.col, w.width);
    },
    rowHeights: (heights) => {
      for (const h of heights) grid.rowHeights.set(h.row, h.height);
    },
    // Evaluated once every cell is written (tables may rename header cells).
    conditionalFormats: (cfs) => void (rules = cfs),
    tables: (tables) => {
      // As the ExcelJS writer: header cells become unique column names (Excel requires them).
      for (const t of tables) {
        const seen = new Set<string>();
        for (let j = 0; j < t.range.cols; j++) {
          const cell = at(t.range.row, t.range.col + j);
          const name = uniqueName(String(cell.value ?? `Column${j + 1}`), seen, (b, i) => `${b} ${i}`);
          seen.add(name.toLowerCase());
          cell.value = name;
          cell.text = name;
        }
      }
    },
    freeze: (f) => void (grid.freeze = { rows: f.rows, cols: f.cols }),
    charts: (charts) => void grid.charts.push(...charts),
    images: (images) => void grid.images.push(...images),
    // Printing is not part of what the view shows.
    print: () => {},
  });
  evaluateRules(rules, (row, col) => grid.cells[row]?.[col], at);
  return grid;
}

/** A sheet that is not a Plan's (an input sheet), as plain values with their number formats. */
export function valuesGrid(
  name: string,
  values: PlanValue[][],
  formats: (string | null)[][] = [],
): SheetGrid {
  return sheetGrid({
    key: `sheet:${name}`,
    name,
    blocks: values.map((row, i) => ({
      row: i,
      col: 0,
      values: [row],
      numberFormat: row.map((_, j) => formats[i]?.[j] ?? "General"),
      ...(i === 0 ? { font: { bold: true } } : {}),
    })),
    freeze: { rows: 1, cols: 0 },
  });
}
