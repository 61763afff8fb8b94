// Property: for any blocks of values and styles, the office adapter (on the fake) and the ExcelJS
// writer leave the same cells — text stays text whatever it looks like, numbers stay numbers.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFakeExcel } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";
import { applyPlanToWorkbook } from "../../../src/workbook/xlsx/write";
import type { Plan, ValueBlock } from "../../../src/report/plan";
import { snapshotExcelJS, snapshotFake } from "./snapshot";

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "=A1",
    "+1",
    "-2",
    "1-5",
    "10/12",
    "Jan-24",
    "3 March",
    "TRUE",
    "false",
    "#N/A",
    "#REF!",
    "'x",
    "@x",
    " 7 ",
    "1e5",
    "50%",
    "£3",
    "0.5",
    "Ünïcødé ✓",
  ),
);
const value = fc.oneof(text, fc.double({ noNaN: false }), fc.integer(), fc.boolean(), fc.constant(null));
const colour = fc.constantFrom("#FF0000", "#00ff00", "#123ABC");
const format = fc.constantFrom(undefined, "General", "0.0", "#,##0", "0.00%", "@", '"£"#,##0.00');

const block = (row: number): fc.Arbitrary<ValueBlock> =>
  fc
    .record({
      rows: fc.integer({ min: 1, max: 4 }),
      cols: fc.integer({ min: 1, max: 5 }),
      col: fc.integer({ min: 0, max: 6 }),
      fmt: format,
      bold: fc.boolean(),
      fill: fc.option(colour, { nil: undefined }),
      border: fc.subarray(["top", "bottom", "left", "right"] as const),
      horizontal: fc.constantFrom(undefined, "left", "center", "right"),
      seed: fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), { minLength: 4, maxLength: 4 }),
    })
    .map((b) => ({
      row,
      col: b.col,
      values: b.seed.slice(0, b.rows).map((r) => r.slice(0, b.cols)),
      numberFormat: b.fmt,
      font: b.bold ? { bold: true } : undefined,
      fill: b.fill,
      border: b.border.length ? [...b.border] : undefined,
      horizontal: b.horizontal,
    }));

describe("office adapter vs ExcelJS writer, any blocks", () => {
  it("write the same cells", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(block(0), block(5), block(10)), async (blocks) => {
        const plan: Plan = { marker: "p", sheets: [{ key: "detail", name: "Detail", blocks }] };
        const fake = installFakeExcel();
        try {
          await createOfficePort().applyPlan(plan);
          const wb = new ExcelJS.Workbook();
          wb.addWorksheet("Sheet1");
          applyPlanToWorkbook(plan, wb);
          const only = (s: { name: string }) => s.name === "Detail";
          expect(snapshotFake(fake, only).sheets).toEqual(snapshotExcelJS(wb, only).sheets);
        } finally {
          fake.uninstall();
        }
      }),
      { numRuns: 150 },
    );
  });
});
