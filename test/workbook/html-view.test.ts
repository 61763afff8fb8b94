/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read -- ExcelJS cells, not office.js */
// The HTML sheet view's model against the ExcelJS writer, cell for cell, over random Plans: the
// same values, number formats and fills. Displayed text has an independent oracle: LibreOffice
// opens the workbook ExcelJS wrote and exports every sheet as CSV "as shown" (its own number
// formatter), and each cell's text must equal the view's. Conditional formats are checked against
// hand calculations of Excel's colour-scale interpolation and rule semantics.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Plan, SheetPlan, ValueBlock } from "../../src/report/plan";
import { applyPlanToWorkbook } from "../../src/workbook/xlsx/write";
import { type SheetGrid, sheetGrid } from "../../src/workbook/html/grid";
import { soffice } from "../libreoffice/soffice";

// The report's number formats (report/format.ts FMT), plus General and text.
const FORMATS = [
  "General",
  "#,##0",
  "#,##0.0",
  "0.00",
  "0%",
  "0.0%",
  "0.0000",
  "0.000",
  "0",
  "[<0.0001]0.00E+00;0.0000",
  "@",
] as const;

const text = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z ,"'-]{0,10}$/),
  fc.constantFrom("=A1", "+1", "1-5", "TRUE", "#N/A", "50%", "Ünïcødé ✓", "▲", "▼", "higher"),
);
// Decimals a spreadsheet shows exactly (General prints up to ~10 significant digits, which the
// two applications abbreviate differently beyond that); p-values are never negative.
const number = fc.oneof(
  fc.integer({ min: -9_999_999, max: 99_999_999 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1e7),
  fc.integer({ min: -100_000, max: 100_000 }),
);
const value = fc.oneof(text, number, number, fc.boolean(), fc.constant(null), fc.constant(Number.NaN));
const colour = fc.constantFrom("#D9E2F3", "#F2F2F2", "#FFEB9C", "#5A8AC6");

const block = (row: number): fc.Arbitrary<ValueBlock> =>
  fc
    .record({
      rows: fc.integer({ min: 1, max: 4 }),
      cols: fc.integer({ min: 1, max: 5 }),
      col: fc.integer({ min: 0, max: 4 }),
      fmt: fc.oneof(
        fc.constantFrom(...FORMATS),
        fc.array(fc.constantFrom(...FORMATS), { minLength: 5, maxLength: 5 }),
      ),
      bold: fc.boolean(),
      fill: fc.option(colour, { nil: undefined }),
      seed: fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), { minLength: 4, maxLength: 4 }),
    })
    .map((b) => ({
      row,
      col: b.col,
      values: b.seed.slice(0, b.rows).map((r) => r.slice(0, b.cols)),
      numberFormat: b.fmt as string | string[],
      ...(b.bold ? { font: { bold: true } } : {}),
      ...(b.fill ? { fill: b.fill } : {}),
    }));

// Blocks may overlap (rows 0–3, 2–5, 4–7): a later block keeps what it does not set. An Excel
// table over the first block makes its header cells unique column names (both must agree how).
const sheet = (i: number): fc.Arbitrary<SheetPlan> =>
  fc.tuple(block(0), block(2), block(4), fc.boolean()).map(([b0, b1, b2, table]) => ({
    key: `s${i}`,
    name: `S${i}`,
    blocks: [b0, b1, b2],
    ...(table && b0.values.length > 1
      ? {
          tables: [
            {
              name: `T${i}`,
              range: { row: 0, col: b0.col, rows: b0.values.length, cols: b0.values[0]!.length },
            },
          ],
        }
      : {}),
  }));

const argbHex = (c?: { argb?: string }) => (c?.argb ? `#${c.argb.slice(-6).toUpperCase()}` : undefined);

/** What ExcelJS holds in a cell, in the Plan's vocabulary. */
function excelCell(ws: ExcelJS.Worksheet, row: number, col: number) {
  const c = ws.getCell(row + 1, col + 1);
  const fill = c.fill as ExcelJS.FillPattern | undefined;
  return {
    value: (c.value ?? null) as string | number | boolean | null,
    fmt: c.numFmt || undefined,
    fill: fill?.type === "pattern" ? argbHex(fill.fgColor) : undefined,
  };
}

function viewCell(g: SheetGrid, row: number, col: number) {
  const c = g.cells[row]?.[col];
  return {
    value: c?.value ?? null,
    fmt: c?.numberFormat,
    fill: c?.fill?.toUpperCase(),
  };
}

/** Every sheet of `file` as LibreOffice shows it, exported as CSV "as shown" (one file per sheet). */
function libreOfficeText(file: string, dir: string, sheets: string[]): Map<string, string[][]> {
  const env = { ...process.env, HOME: dir };
  // Field sep ",", quote '"', UTF-8, from line 1, …, token 9 "save cell contents as shown",
  // token 12 = -1: every sheet to <name>-<sheet>.csv.
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      filter,
      "--outdir",
      dir,
      file,
    ],
    { env, stdio: "pipe", timeout: 180_000 },
  );
  return new Map(
    sheets.map((s) => {
      const csv = readFileSync(join(dir, `book-${s}.csv`), "utf8");
      return [s, Papa.parse<string[]>(csv, { skipEmptyLines: false }).data];
    }),
  );
}

describe("HTML sheet view vs the ExcelJS writer, any Plan", () => {
  it("holds the same values, number formats and fills in every cell", () => {
    fc.assert(
      fc.property(sheet(0), (s) => {
        const wb = new ExcelJS.Workbook();
        applyPlanToWorkbook({ marker: "p", sheets: [s] }, wb);
        const ws = wb.getWorksheet(s.name)!;
        const g = sheetGrid(s);
        for (let r = 0; r < 8; r++)
          for (let c = 0; c < 10; c++)
            expect(viewCell(g, r, c), `${s.name} R${r}C${c}`).toEqual(excelCell(ws, r, c));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it.runIf(soffice)(
    "shows each cell's text as LibreOffice renders the written workbook",
    { timeout: 240_000 },
    async () => {
      // One workbook of 60 random sheets, one LibreOffice run.
      const sheets = fc.sample(fc.tuple(...Array.from({ length: 60 }, (_, i) => sheet(i))), {
        numRuns: 1,
        seed: 7,
      })[0]!;
      const plan: Plan = { marker: "p", sheets };
      const wb = new ExcelJS.Workbook();
      applyPlanToWorkbook(plan, wb);
      const dir = mkdtempSync(join(tmpdir(), "stdrates-view-"));
      try {
        const file = join(dir, "book.xlsx");
        writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
        const shown = libreOfficeText(
          file,
          dir,
          sheets.map((s) => s.name),
        );
        let compared = 0;
        const differ: string[] = [];
        for (const s of sheets) {
          const g = sheetGrid(s);
          const lo = shown.get(s.name)!;
          for (let r = 0; r < g.rows; r++)
            for (let c = 0; c < g.cols; c++) {
              const cell = g.cells[r]?.[c];
              // LibreOffice keeps a boolean as a number and shows it through a number format (0, 1);
              // Excel shows TRUE/FALSE whatever the format: booleans are compared under General only.
              if (typeof cell?.value === "boolean" && cell.numberFormat !== "General") continue;
              const want = lo[r]?.[c] ?? "";
              const got = cell?.text ?? "";
              if (got !== want)
                differ.push(
                  `${s.name}!R${r + 1}C${c + 1} ${String(cell?.value)} [${cell?.numberFormat}]: view "${got}", LibreOffice "${want}"`,
                );
              if (want !== "") compared++;
            }
        }
        expect(differ).toEqual([]);
        expect(compared).toBeGreaterThan(500);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("conditional formats in the view, as Excel draws them", () => {
  const rates = [10, 20, 30, 40, 50];
  const base: SheetPlan = {
    key: "k",
    name: "K",
    blocks: [
      { row: 0, col: 0, values: rates.map((v, i) => [v, i === 1 ? "higher" : i === 3 ? "LOWER" : ""]) },
    ],
  };
  const range = { row: 0, col: 0, rows: 5, cols: 1 };

  it("interpolates a three-colour scale channel by channel about its midpoint", () => {
    const g = sheetGrid({
      ...base,
      conditionalFormats: [
        {
          type: "colorScale",
          range,
          min: { type: "lowestValue", color: "#000000" },
          mid: { type: "number", value: 20, color: "#FFFFFF" },
          max: { type: "highestValue", color: "#FF0000" },
        },
      ],
    });
    const fills = g.cells.map((r) => r[0]!.ruleFill);
    // 10 → min colour; 20 → mid; 30 is a third of the way from 20 to 50: 255 − 255/3 = 170 (0xAA).
    // 40: two thirds → 85 (0x55); 50 → max.
    expect(fills).toEqual(["#000000", "#FFFFFF", "#FFAAAA", "#FF5555", "#FF0000"]);
  });

  it("uses PERCENTILE.INC for percentile stops", () => {
    const g = sheetGrid({
      ...base,
      conditionalFormats: [
        {
          type: "colorScale",
          range,
          min: { type: "percentile", value: 25, color: "#000000" },
          max: { type: "percentile", value: 75, color: "#C8C8C8" },
        },
      ],
    });
    // Quartiles of 10..50 are 20 and 40: 30 is half way → 100 (0x64); beyond the stops, clamped.
    expect(g.cells.map((r) => r[0]!.ruleFill)).toEqual([
      "#000000",
      "#000000",
      "#646464",
      "#C8C8C8",
      "#C8C8C8",
    ]);
  });

  it("highlights cells whose relative reference matches, case-insensitively, and the first rule wins", () => {
    const g = sheetGrid({
      ...base,
      conditionalFormats: [
        {
          type: "expression",
          range,
          formula: 'B1="higher"',
          format: { fill: "#00FF00", font: { bold: true } },
        },
        { type: "expression", range, formula: '$B1="lower"', format: { fill: "#0000FF", border: true } },
        { type: "cellValue", range, operator: "greaterThan", values: [15], format: { fill: "#FF00FF" } },
      ],
    });
    expect(g.cells.map((r) => r[0]!.ruleFill)).toEqual([
      undefined,
      "#00FF00",
      "#FF00FF",
      "#0000FF",
      "#FF00FF",
    ]);
    expect(g.cells[1]![0]!.ruleFont).toEqual({ bold: true });
    expect(g.cells[3]![0]!.ruleBorder).toBe(true);
    expect(g.cells[2]![0]!.ruleBorder).toBeUndefined();
  });
});
