// SPEC §1b as properties (fast-check): what Excel and analysts do to a valid table never changes a
// figure. Inserting totals and subtotals rows, changing the case and surrounding spaces of area
// codes, and turning age bands into the dates Excel makes of them are each read as meant.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run, type CellValue, type Results, type RunInput } from "../../src/engine";
import { readNumber } from "../../src/engine/cells";
import { typeCsvField } from "../../src/workbook/csv";
import { AGE_BANDS } from "../support/age-bands";
import { table } from "./helpers";

const AREAS = ["QYG", "QHM", "QOP"];
const SEXES = ["F", "M"];
const IMDS = [1, 2];
const POP_H = ["ICB code", "Sex", "Age band", "IMD", "Population"];
const ACT_H = ["ICB code", "Sex", "Age band", "IMD", "Measure", "Count"];

const dataArb = fc.record({
  pops: fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 228, maxLength: 228 }),
  counts: fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 456, maxLength: 456 }),
});

function rows(d: { pops: number[]; counts: number[] }): { pop: CellValue[][]; act: CellValue[][] } {
  const pop: CellValue[][] = [];
  const act: CellValue[][] = [];
  let i = 0;
  let j = 0;
  for (const a of AREAS)
    for (const s of SEXES)
      for (const g of AGE_BANDS)
        for (const q of IMDS) {
          pop.push([a, s, g, q, d.pops[i++]]);
          for (const m of ["X-ray", "MRI"]) act.push([a, s, g, q, m, d.counts[j++]]);
        }
  return { pop, act };
}

function runRows(r: { pop: CellValue[][]; act: CellValue[][] }): Results {
  const input: RunInput = { population: table(POP_H, r.pop), activity: table(ACT_H, r.act) };
  return run(input);
}

/** The figures of SPEC §9, every number to 1e-9; area codes compared as the population spells them, upper-cased. */
function expectSame(a: Results, b: Results): void {
  const pick = (r: Results) => ({
    national: r.national,
    areas: r.areas.map((x) => ({ ...x, area: x.area.trim().toUpperCase() })),
    ratios: r.ratios,
    summaries: r.summaries.map((s) => ({
      ...s,
      lowest: { ...s.lowest, area: s.lowest.area.trim().toUpperCase() },
      highest: { ...s.highest, area: s.highest.area.trim().toUpperCase() },
    })),
    excluded: r.exclusions.activityCount,
  });
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === "number" && typeof y === "number") {
      if (!(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)) || (Number.isNaN(x) && Number.isNaN(y))))
        throw new Error(`${path}: ${x} ≠ ${y}`);
    } else if (x !== null && typeof x === "object" && y !== null && typeof y === "object") {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)]))
        walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    } else expect(x, path).toEqual(y);
  };
  walk(pick(a), pick(b), "results");
}

/** Inserts `extra` rows at the given positions (each index taken modulo the length). */
function insertAt(base: CellValue[][], extra: { at: number; row: CellValue[] }[]): CellValue[][] {
  const out = base.slice();
  for (const e of extra) out.splice(e.at % (out.length + 1), 0, e.row);
  return out;
}

const countArb = fc.integer({ min: 0, max: 1_000_000 });
// Totals and subtotals rows of the kinds SPEC §1b names, for the activity table.
const totalActRow = fc.oneof(
  fc
    .tuple(fc.constantFrom("Total", "England", "E92000001", "All", " total "), countArb)
    .map(([a, n]): CellValue[] => [a, null, null, null, "X-ray", n]),
  fc
    .tuple(fc.constantFrom(...AREAS), countArb)
    .map(([a, n]): CellValue[] => [`${a} Total`, null, null, null, null, n]),
  fc
    .tuple(
      fc.constantFrom(...AREAS),
      fc.constantFrom("Persons", "All", "Total"),
      fc.constantFrom(...AGE_BANDS),
      countArb,
    )
    .map(([a, s, g, n]): CellValue[] => [a, s, g, 1, "MRI", n]),
  fc
    .tuple(fc.constantFrom(...AREAS), fc.constantFrom("All ages", "Total"), countArb)
    .map(([a, g, n]): CellValue[] => [a, "F", g, 2, "X-ray", n]),
  // Overlapping bands: subtotals of the five-year bands.
  fc
    .tuple(fc.constantFrom(...AREAS), fc.constantFrom("65+", "18+", "75+", "0-14"), countArb)
    .map(([a, g, n]): CellValue[] => [a, "M", g, 1, "X-ray", n]),
);
const totalPopRow = fc.oneof(
  fc
    .tuple(fc.constantFrom("England", "E92000001", "Total"), fc.constantFrom(...AGE_BANDS), countArb)
    .map(([a, g, n]): CellValue[] => [a, "F", g, 1, n]),
  fc
    .tuple(fc.constantFrom(...AREAS), countArb)
    .map(([a, n]): CellValue[] => [a, "Persons", "All ages", "All", n]),
  fc.tuple(fc.constantFrom(...AREAS), countArb).map(([a, n]): CellValue[] => [a, "M", "65+", 2, n]),
);

describe("SPEC §1b properties", () => {
  it("inserting any number of total and subtotal rows never changes a figure", () => {
    fc.assert(
      fc.property(
        dataArb,
        fc.array(fc.record({ at: fc.nat(), row: totalActRow }), { maxLength: 12 }),
        fc.array(fc.record({ at: fc.nat(), row: totalPopRow }), { maxLength: 6 }),
        (d, actExtra, popExtra) => {
          const clean = rows(d);
          const base = runRows(clean);
          const messy = runRows({ pop: insertAt(clean.pop, popExtra), act: insertAt(clean.act, actExtra) });
          expectSame(messy, base);
          const n = actExtra.length + popExtra.length;
          const said = messy.warnings
            .filter((w) => w.kind === "totals-left-out")
            .reduce((t, w) => t + w.count!, 0);
          expect(said).toBe(n);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("changing the case and surrounding spaces of area codes never changes a figure", () => {
    const variant = fc.record({
      upper: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      pad: fc.constantFrom("", " ", "  ", "\t"),
    });
    const spell = (code: string, v: { upper: boolean[]; pad: string }) =>
      v.pad + [...code].map((c, k) => (v.upper[k] ? c.toUpperCase() : c.toLowerCase())).join("") + v.pad;
    fc.assert(
      fc.property(
        dataArb,
        fc.array(variant, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (d, variants, seed) => {
          const clean = rows(d);
          const base = runRows(clean);
          const pick = (i: number) => variants[(i + seed) % variants.length];
          const messy = {
            pop: clean.pop.map((r, i) => [spell(String(r[0]), pick(i)), ...r.slice(1)]),
            act: clean.act.map((r, i) => [spell(String(r[0]), pick(i * 7)), ...r.slice(1)]),
          };
          expectSame(runRows(messy), base);
        },
      ),
      { numRuns: 30 },
    );
  });

  // What reaches the engine when Excel has made a date of `5-9` or `10-14`: ISO text from the .xlsx
  // readers (en-GB 5 Sep / 1 Oct 2014; en-US 9 May / 14 Oct), or the text of a CSV Excel saved.
  const DATES: Record<string, string[]> = {
    "5-9": ["2026-09-05", "2026-05-09", "05-Sep", "5-Sep", "9-May", "05/09/2026", "2026-09-05T00:00:00Z"],
    "10-14": ["2014-10-01", "2026-10-14", "Oct-14", "14-Oct", "01/10/2014"],
  };

  it("converting any age band cells to the dates Excel makes of them never changes a figure", () => {
    const flips = fc.array(fc.tuple(fc.boolean(), fc.nat(10)), { minLength: 684, maxLength: 684 });
    fc.assert(
      fc.property(dataArb, flips, (d, f) => {
        const clean = rows(d);
        const base = runRows(clean);
        let k = 0;
        const asDate = (r: CellValue[], j: number) => {
          const [flip, which] = f[k++ % f.length];
          const dates = DATES[String(r[j])];
          return !flip || !dates
            ? r
            : r.map((v, c) => (c === j ? typeCsvField(dates[which % dates.length]) : v));
        };
        const messy = { pop: clean.pop.map((r) => asDate(r, 2)), act: clean.act.map((r) => asDate(r, 2)) };
        const got = runRows(messy);
        expectSame(got, base);
        const turned = messy.pop.concat(messy.act).filter((r) => !AGE_BANDS.includes(String(r[2]))).length;
        const said = got.warnings
          .filter((w) => w.message.includes("dates Excel made"))
          .reduce((t, w) => t + w.count!, 0);
        expect(said).toBe(turned);
      }),
      { numRuns: 30 },
    );
  });
});

describe("reading a cell takes time linear in its length (SPEC §1b)", () => {
  it("a 1 MB cell of digits ending in a letter is refused in well under a second", () => {
    const cell = "9".repeat(1_000_000) + "x";
    const t0 = performance.now();
    const typed = typeCsvField(cell);
    expect(typed).toBe(cell); // text, not a number
    const r = {
      pop: rows({ pops: new Array(228).fill(10), counts: new Array(456).fill(1) }).pop,
      act: [] as CellValue[][],
    };
    r.act = rows({ pops: new Array(228).fill(10), counts: new Array(456).fill(1) }).act;
    r.act[5] = [...r.act[5].slice(0, 5), typed];
    expect(() => runRows(r)).toThrow(/row 7, column F .*must be a number/);
    expect(readNumber(cell)).toBe(2); // NUM_TEXT
    // A generous bound: quadratic backtracking took minutes here; linear takes milliseconds.
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
