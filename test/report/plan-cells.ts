// Reads a SheetPlan like a grid: the value and style at a cell, as an adapter would write it (later blocks win).
import type { CellStyle, PlanValue, SheetPlan } from "../../src/report/plan";

export interface PlanCell {
  value: PlanValue;
  numberFormat?: string;
  style: CellStyle;
}

export function cellAt(sheet: SheetPlan, row: number, col: number): PlanCell | undefined {
  let found: PlanCell | undefined;
  for (const b of sheet.blocks) {
    const i = row - b.row;
    const j = col - b.col;
    if (i < 0 || j < 0 || i >= b.values.length || j >= b.values[i].length) continue;
    const fmt = Array.isArray(b.numberFormat) ? b.numberFormat[j] : b.numberFormat;
    found = { value: b.values[i][j], numberFormat: fmt, style: b };
  }
  return found;
}

export function rowValues(sheet: SheetPlan, row: number, from: number, to: number): PlanValue[] {
  return Array.from({ length: to - from }, (_, j) => cellAt(sheet, row, from + j)?.value ?? null);
}

/** Every text value on the sheet, for "does it say X" checks. */
export function allText(sheet: SheetPlan): string {
  return sheet.blocks
    .flatMap((b) => b.values.flat().filter((v): v is string => typeof v === "string"))
    .join("\n");
}

/** The (row, col) of the first cell holding exactly `text`. */
export function find(sheet: SheetPlan, text: string): { row: number; col: number } | undefined {
  for (const b of sheet.blocks)
    for (let i = 0; i < b.values.length; i++)
      for (let j = 0; j < b.values[i].length; j++)
        if (b.values[i][j] === text) return { row: b.row + i, col: b.col + j };
  return undefined;
}
