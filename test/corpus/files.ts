// Building blocks of the messy-input corpus: the clean data set as rows, and writers for CSV text
// (any encoding, any delimiter) and for .xlsx workbooks made with ExcelJS (date cells, merged
// cells, hidden sheets, rows and columns, Excel tables with totals rows, formulas).
import ExcelJS from "exceljs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tinyData } from "../cli/helpers";

export type Cell = string | number | null | Date | { formula: string; result?: number | { error: string } };
export type Rows = Cell[][];

/** The clean inputs: header + 570 population rows, header + 1,140 long activity rows (3 areas). */
export function clean(): { population: Rows; activity: Rows } {
  const { population, activity } = tinyData();
  return { population, activity };
}

export function csvText(rows: Rows, delimiter = ",", eol = "\n"): string {
  const field = (v: Cell) => {
    if (v === null) return "";
    const s = String(v);
    return s.includes(delimiter) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(delimiter)).join(eol) + eol;
}

export function writeText(dir: string, name: string, text: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** UTF-16 bytes of text, little- or big-endian, with or without the BOM. */
export function utf16(text: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? "\uFEFF" : "") + text, "utf16le");
  if (endian === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  return be;
}

export interface SheetSpec {
  name: string;
  rows: Rows;
  state?: "visible" | "hidden" | "veryHidden";
  /** Number formats by 1-based column, for every data row. */
  formats?: Record<number, string>;
  /** Last touches: merges, hidden rows and columns, tables. */
  edit?: (ws: ExcelJS.Worksheet) => void;
  /** Write the rows as an Excel table (with a totals row when given). */
  table?: { name: string; totals?: { label: string; sumColumn: number } };
}

export async function writeXlsx(dir: string, name: string, sheets: SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? "visible" });
    if (s.table) {
      const [header, ...body] = s.rows;
      const sum = body.reduce((t, r) => t + Number(r[s.table!.totals?.sumColumn ?? 0] ?? 0), 0);
      ws.addTable({
        name: s.table.name,
        ref: "A1",
        headerRow: true,
        totalsRow: s.table.totals !== undefined,
        columns: header.map((h, j) => ({
          name: String(h),
          ...(s.table!.totals && j === 0 ? { totalsRowLabel: s.table!.totals.label } : {}),
          ...(s.table!.totals && j === s.table!.totals.sumColumn
            ? { totalsRowFunction: "sum" as const, totalsRowResult: sum }
            : {}),
        })),
        rows: body as ExcelJS.CellValue[][],
      });
    } else {
      for (const r of s.rows) ws.addRow(r as ExcelJS.CellValue[]);
    }
    if (s.formats) {
      for (let i = 2; i <= s.rows.length; i++)
        for (const [c, f] of Object.entries(s.formats)) ws.getCell(i, Number(c)).numFmt = f;
    }
    s.edit?.(ws);
  }
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Excel's serial number of a UTC date (1900 system, with its 29 Feb 1900). */
export function serial(d: Date): number {
  return d.getTime() / 86_400_000 + 25569;
}

/** The date Excel (en-GB) makes of an age band typed as `5-9` or `10-14`, or undefined. */
export function excelDateOf(band: string): Date | undefined {
  const m = /^(\d+)-(\d+)$/.exec(band);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a >= 1 && a <= 31 && b >= 1 && b <= 12) return new Date(Date.UTC(2026, b - 1, a)); // day-month: 5 Sep
  if (a >= 1 && a <= 12) return new Date(Date.UTC(2000 + b, a - 1, 1)); // month-year: Oct 2014
  return undefined;
}

/** How Excel (en-GB) displays that date in a CSV it saves: "05-Sep", "Oct-14". */
export function excelDateText(band: string): string | undefined {
  const d = excelDateOf(band);
  if (!d) return undefined;
  const mon = d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" }).slice(0, 3);
  return d.getUTCFullYear() === 2026
    ? `${String(d.getUTCDate()).padStart(2, "0")}-${mon}`
    : `${mon}-${String(d.getUTCFullYear() % 100).padStart(2, "0")}`;
}
