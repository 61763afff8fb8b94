// Property tests of the xlsx writer: any text an input table can hold comes back as the same text,
// never as a formula; any set of user sheet names survives a write untouched.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/report";
import { writePlanXlsx } from "../../src/workbook/xlsx/write";
import { makeResults } from "../report/fixture";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

// Text a CSV or sheet can carry: printable Unicode plus formula-like prefixes. (XML 1.0 cannot hold
// most C0 control characters, so they are left out.)
const text = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
  fc.constantFrom("=", "+", "-", "@").chain((p) => fc.string({ maxLength: 30 }).map((s) => p + s)),
);
// eslint-disable-next-line no-control-regex -- removing the C0 controls XML cannot hold is the point
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

describe("xlsx writer properties", () => {
  it("writes any area name back as the same string, never a formula", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          text.map(clean).filter((s) => s.trim().length > 0),
          { minLength: 1, maxLength: 12 },
        ),
        async (names) => {
          const plan = buildPlan(
            makeResults({ areas: names.length, measures: ["A"], rates: [10], names: (i) => names[i] }),
            {
              sheets: ["annex-b"],
            },
          );
          const ws = (await load(await writePlanXlsx(plan))).getWorksheet("Annex B")!;
          names.forEach((n, i) => {
            const cell = ws.getCell(8 + i, 2); // one measure group: England on sheet row 7
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.value).toBe(n);
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it("keeps every user sheet, whatever its name, and never writes over it", async () => {
    const plan = buildPlan(makeResults({ areas: 2 }), { sheets: ["annex-b", "about"] });
    const sheetName = fc
      .string({ minLength: 1, maxLength: 31 })
      // eslint-disable-next-line no-control-regex -- Excel refuses C0 controls in sheet names too
      .map((s) => s.replace(/[[\]:*?/\\\u0000-\u001F]/g, "x").replace(/^'+|'+$/g, "x"))
      .filter((s) => s.trim().length > 0 && s.toLowerCase() !== "history");
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.oneof(sheetName, fc.constantFrom("Annex B", "About", "annex b", "Annex B (2)")), {
          minLength: 1,
          maxLength: 5,
          selector: (s) => s.toLowerCase(),
        }),
        async (names) => {
          const base = new ExcelJS.Workbook();
          names.forEach((n, i) => (base.addWorksheet(n).getCell("A1").value = `user ${i}`));
          const bytes = new Uint8Array((await base.xlsx.writeBuffer()) as ArrayBuffer);
          const wb = await load(await writePlanXlsx(plan, bytes));
          names.forEach((n, i) => expect(wb.getWorksheet(n)?.getCell("A1").value).toBe(`user ${i}`));
          expect(wb.worksheets).toHaveLength(names.length + 2);
          const marked = wb.definedNames.model.filter((d) => d.name.startsWith("stdrates_output_"));
          expect(marked).toHaveLength(2);
          for (const d of marked) expect(d.ranges[0]).not.toMatch(/'user/);
        },
      ),
      { numRuns: 25 },
    );
  });
});
