// Layouts a published sheet may take: England set apart, names without codes, a used range that
// does not start at A1, suppressed cells, subtotal rows, a measure named twice.
import { beforeAll, describe, expect, it } from "vitest";
import type { CellValue, Results } from "../../src/engine/types";
import { validatePublished } from "../../src/validate";
import { sampleResults } from "../report/sample";

let r: Results;
beforeAll(() => {
  r = sampleResults();
});

const rate = (area: string, measure: string) =>
  r.areas.find((a) => a.area === area && a.measure === measure)!.rate;
const nat = (measure: string) => r.national.find((n) => n.measure === measure)!.rate;

describe("published layouts", () => {
  it("England (by its ONS code) set apart from the areas by a blank row, and areas named without codes", () => {
    const grid: CellValue[][] = [
      ["ICB", "X-ray", "MRI"],
      ["E92000001", Math.round(nat("X-ray")), Math.round(nat("MRI"))],
      [],
      ["NHS South East London ICB", Math.round(rate("QKK", "X-ray")), Math.round(rate("QKK", "MRI"))],
      ["nhs somerset icb", Math.round(rate("QSL", "X-ray")), Math.round(rate("QSL", "MRI"))],
    ];
    const v = validatePublished([{ name: "S", grid }], r);
    expect(v.figures.map((f) => `${f.cell}:${f.area}:${f.measure}:${f.agree}`)).toEqual([
      "B2:England:X-ray:true",
      "C2:England:MRI:true",
      "B4:QKK:X-ray:true",
      "C4:QKK:MRI:true",
      "B5:QSL:X-ray:true",
      "C5:QSL:MRI:true",
    ]);
  });

  it("addresses count from the grid's origin (a used range starting at C5)", () => {
    const grid: CellValue[][] = [
      ["Code", "X-ray", "MRI"],
      ["QKK", Math.round(rate("QKK", "X-ray")) + 7, Math.round(rate("QKK", "MRI"))],
    ];
    const v = validatePublished([{ name: "S", grid, origin: { row: 4, col: 2 } }], r);
    expect(v.figures.filter((f) => !f.agree).map((f) => f.cell)).toEqual(["D6"]);
    expect(v.tables[0].address).toBe("C5:E6");
  });

  it("skips suppressed cells and rows that are neither areas nor England (regional subtotals)", () => {
    const grid: CellValue[][] = [
      ["Code", "Name", "X-ray", "MRI"],
      [null, "North West", 3500, 700],
      ["QKK", "NHS South East London ICB", "*", Math.round(rate("QKK", "MRI"))],
      ["QSL", "NHS Somerset ICB", "..", "-"],
    ];
    const v = validatePublished([{ name: "S", grid }], r);
    expect(v.figures.map((f) => f.cell)).toEqual(["D3"]);
    expect(v.missing.filter((m) => m.onlyIn === "published")).toEqual([]);
  });

  it("a measure named twice is compared in its first column and not called missing", () => {
    const grid: CellValue[][] = [
      ["Code", "X-ray", "MRI", "X-rays"],
      ["QKK", Math.round(rate("QKK", "X-ray")), Math.round(rate("QKK", "MRI")), 1],
    ];
    const v = validatePublished([{ name: "S", grid }], r);
    expect(v.figures.map((f) => f.cell)).toEqual(["B2", "C2"]);
    expect(v.missing.filter((m) => m.onlyIn === "published")).toEqual([]);
  });

  it("a sheet without two measure headings holds no table", () => {
    const v = validatePublished(
      [
        {
          name: "S",
          grid: [
            ["Code", "Rate"],
            ["QKK", 3000],
          ],
        },
      ],
      r,
    );
    expect(v.tables).toEqual([]);
    expect(v.total).toBe(0);
    expect(v.ok).toBe(false);
    expect(v.headline).toBe("0 of 0 figures agree within rounding");
  });
});

describe("table addresses", () => {
  it("start at the table's first used column", () => {
    const grid: CellValue[][] = [
      [],
      [null, null, null, "Code", "X-ray", "MRI"],
      [null, null, null, "QKK", Math.round(rate("QKK", "X-ray")), Math.round(rate("QKK", "MRI"))],
    ];
    expect(validatePublished([{ name: "S", grid }], r).tables[0].address).toBe("D2:F3");
  });
});
