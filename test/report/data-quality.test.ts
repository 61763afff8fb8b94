// Data quality (issue 11): every heading sits over its column (aligned as the column's values:
// numbers right, text left), no right-aligned number is followed by left-aligned text in the next
// column (where "% excluded" ran into "most common reason"), and every heading word and value fits
// its column at the font size.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/report";
import type { SheetPlan, ValueBlock } from "../../src/report/plan";
import { makeResults } from "./fixture";
import { sampleResults } from "./sample";

const sheetOf = (r = sampleResults()): SheetPlan => buildPlan(r, { sheets: ["data-quality"] }).sheets[0];

interface Cell {
  value: unknown;
  block: ValueBlock;
}
function grid(s: SheetPlan): Map<string, Cell> {
  const g = new Map<string, Cell>();
  for (const b of s.blocks)
    b.values.forEach((row, i) =>
      row.forEach((value, j) => g.set(`${b.row + i},${b.col + j}`, { value, block: b })),
    );
  return g;
}
const isHeader = (b: ValueBlock) => b.fill === "#D9E2F3";
/** Where Excel puts a cell's content: its explicit alignment, else General (numbers right, text left). */
const shownAlign = (c: Cell) => c.block.horizontal ?? (typeof c.value === "number" ? "right" : "left");
const width = (s: SheetPlan, col: number) => s.columnWidths!.find((w) => w.col === col)!.width;

/** Characters a value shows with its format (#,##0 / 0.0% / text). */
function shown(v: unknown, fmt: string | undefined): string {
  if (typeof v !== "number") return String(v ?? "");
  if (fmt?.includes("%")) return `${(v * 100).toFixed(1)}%`;
  return Math.round(v).toLocaleString("en-GB");
}

describe("Data quality layout", () => {
  for (const [label, results] of [
    ["the sample", sampleResults()],
    ["a hand-built result", makeResults()],
  ] as const)
    it(`heads each column as its values are aligned, on ${label}`, () => {
      const s = sheetOf(results);
      const g = grid(s);
      const headers = [...g.entries()].filter(([, c]) => isHeader(c.block) && c.value);
      expect(headers.length).toBeGreaterThan(15);
      let checked = 0;
      for (const [key, h] of headers) {
        const [row, col] = key.split(",").map(Number);
        // The column's values: the rows below the header up to the first empty row.
        for (let r = row + 1; g.get(`${r},0`)?.value != null; r++) {
          const c = g.get(`${r},${col}`);
          if (c?.value == null || c.value === "") continue;
          // Numbers (and their suppression mark) right; text left; the header the same way.
          expect(shownAlign(h), `${String(h.value)} over ${String(c.value)}`).toBe(shownAlign(c));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });

  it("never puts left-aligned text right after a right-aligned number (they ran together)", () => {
    const s = sheetOf();
    const g = grid(s);
    let pairs = 0;
    for (const [key, c] of g) {
      const [row, col] = key.split(",").map(Number);
      const next = g.get(`${row},${col + 1}`);
      if (c.value == null || c.value === "" || next?.value == null || next.value === "") continue;
      pairs++;
      expect(
        shownAlign(c) === "right" && shownAlign(next) === "left",
        `${String(c.value)} | ${String(next.value)} in row ${row + 1}`,
      ).toBe(false);
    }
    expect(pairs).toBeGreaterThan(100);
  });

  it("gives every heading word and every value room in its column (11 pt, bold 10% wider)", () => {
    const s = sheetOf();
    for (const b of s.blocks) {
      if (b.values.length === 0 || b.wrap === undefined) continue;
      b.values.forEach((row) =>
        row.forEach((v, j) => {
          if (v == null || v === "") return;
          const w = width(s, b.col + j);
          const fmt = Array.isArray(b.numberFormat) ? b.numberFormat[j] : b.numberFormat;
          if (isHeader(b))
            for (const word of String(v).split(/\s+/))
              expect(word.length * 1.1, `${word} in a ${w}-wide column`).toBeLessThanOrEqual(w - 1);
          else if (typeof v === "number")
            expect(shown(v, fmt).length, `${v} in a ${w}-wide column`).toBeLessThanOrEqual(w - 1);
        }),
      );
    }
    // Numbers in listings (no wrap set): the widest count and share fit.
    const nums = s.blocks.flatMap((b) =>
      b.values.flat().flatMap((v, k) => (typeof v === "number" ? [{ v, b, k }] : [])),
    );
    for (const { v, b } of nums) {
      const fmt = Array.isArray(b.numberFormat) ? b.numberFormat[0] : b.numberFormat;
      expect(shown(v, fmt).length).toBeLessThanOrEqual(width(s, b.col) - 1);
    }
  });

  it("starts the by-measure listing on a new printed page, at a fixed scale (Excel ignores breaks under Fit to)", () => {
    const s = sheetOf();
    const g = grid(s);
    const title = [...g.entries()].find(([, c]) => c.value === "Excluded activity by measure")!;
    expect(s.print?.rowBreaks).toEqual([Number(title[0].split(",")[0])]);
    expect(s.print?.fitToWidth).toBeUndefined();
    // Columns A–F: 30+60+32+14·3 characters at 9.4 px (LibreOffice's wider face) + 5 px padding
    // each = 1,572 px = 1,179 pt against 784 pt of landscape A4 (11.69 − 0.8 inches).
    expect(s.print?.scale).toBe(Math.floor((((11.69 - 0.8) * 72) / ((164 * 9.4 + 30) * 0.75)) * 100));
  });
});
