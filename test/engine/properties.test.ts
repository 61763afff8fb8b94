// Property tests (fast-check) of the method's invariants on random tables.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run, type CellValue, type Results, type RunInput } from "../../src/engine";
import { table } from "./helpers";

const SEXES = ["F", "M"];
const AGES = ["0-4", "40-44", "50-54", "60-64", "70-74", "80-84", "90+"];
const IMDS = [1, 2, 3, 4, 5];

interface Case {
  areas: number;
  measures: number;
  pops: number[];
  counts: number[];
}
const cells = SEXES.length * AGES.length * IMDS.length;

const caseArb = fc
  .record({ areas: fc.integer({ min: 1, max: 4 }), measures: fc.integer({ min: 1, max: 2 }) })
  .chain(({ areas, measures }) =>
    fc.record({
      areas: fc.constant(areas),
      measures: fc.constant(measures),
      pops: fc.array(fc.integer({ min: 1, max: 50_000 }), {
        minLength: areas * cells,
        maxLength: areas * cells,
      }),
      counts: fc.array(fc.integer({ min: 0, max: 2_000 }), {
        minLength: areas * cells * measures,
        maxLength: areas * cells * measures,
      }),
    }),
  );

function build(c: Case, scale = 1): { pop: CellValue[][]; act: CellValue[][] } {
  const pop: CellValue[][] = [];
  const act: CellValue[][] = [];
  let i = 0;
  let j = 0;
  for (let a = 0; a < c.areas; a++)
    for (const s of SEXES)
      for (const g of AGES)
        for (const q of IMDS) {
          pop.push([`E${a}`, s, g, q, c.pops[i++] * scale]);
          for (let m = 0; m < c.measures; m++) act.push([`E${a}`, s, g, q, `M${m}`, c.counts[j++]]);
        }
  return { pop, act };
}
function input(rows: { pop: CellValue[][]; act: CellValue[][] }): RunInput {
  return {
    population: table(["Area", "Sex", "Age band", "IMD", "Population"], rows.pop),
    activity: table(["Area", "Sex", "Age band", "IMD", "Measure", "Count"], rows.act),
  };
}
const near = (a: number, b: number, rel = 1e-9) =>
  Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
const hasActivity = (r: Results, m: string) => r.national.find((n) => n.measure === m)!.observed > 0;

describe("properties", () => {
  it("ΣE = ΣO for every measure under the internal standard", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(input(build(c)));
        for (const m of r.measures) {
          const rows = r.areas.filter((a) => a.measure === m);
          const e = rows.reduce((t, a) => t + a.expected, 0);
          const o = rows.reduce((t, a) => t + a.observed, 0);
          expect(near(e, o, 1e-10)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("row order does not change any result", () => {
    fc.assert(
      fc.property(caseArb, fc.integer(), (c, seed) => {
        const rows = build(c);
        const shuffle = <T>(xs: T[]) => {
          const out = xs.slice();
          let s = seed >>> 0 || 1;
          for (let i = out.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            const k = s % (i + 1);
            [out[i], out[k]] = [out[k], out[i]];
          }
          return out;
        };
        const a = run(input(rows));
        const b = run(input({ pop: shuffle(rows.pop), act: shuffle(rows.act) }));
        expect(new Set(b.measures)).toEqual(new Set(a.measures));
        for (const x of a.national) {
          const y = b.national.find((n) => n.measure === x.measure)!;
          expect(near(x.rate, y.rate)).toBe(true);
        }
        for (const x of a.areas) {
          const y = b.areas.find((r) => r.area === x.area && r.measure === x.measure)!;
          for (const f of [
            "observed",
            "expected",
            "rate",
            "crudeRate",
            "lower95",
            "upper95",
            "lower998",
            "upper998",
          ] as const) {
            if (Number.isNaN(x[f])) expect(y[f]).toBeNaN();
            else expect(near(x[f], y[f]), f).toBe(true);
          }
          expect(y.vsNational95).toBe(x.vsNational95);
        }
        for (const x of a.ratios) {
          const y = b.ratios.find(
            (r) => r.factor === x.factor && r.level === x.level && r.measure === x.measure,
          )!;
          if (Number.isNaN(x.ratio)) continue;
          expect(near(x.ratio, y.ratio)).toBe(true);
          expect(Math.abs(x.p - y.p)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("with a single area, SR equals the national rate", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(
          input(
            build({
              ...c,
              areas: 1,
              pops: c.pops.slice(0, cells),
              counts: c.counts.slice(0, cells * c.measures),
            }),
          ),
        );
        for (const a of r.areas) {
          const R = r.national.find((n) => n.measure === a.measure)!.rate;
          if (hasActivity(r, a.measure)) expect(near(a.rate, R, 1e-12)).toBe(true);
          expect(near(a.rate, a.crudeRate, 1e-12) || a.observed === 0).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("scaling every population by c scales rates by 1/c and leaves ratios unchanged", () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(0.5, 2, 3, 10, 1000), (c, k) => {
        const a = run(input(build(c)));
        const b = run(input(build(c, k)));
        a.national.forEach((x, i) => expect(near(b.national[i].rate * k, x.rate)).toBe(true));
        a.areas.forEach((x, i) => {
          const y = b.areas[i];
          expect(near(y.rate * k, x.rate)).toBe(true);
          expect(near(y.crudeRate * k, x.crudeRate)).toBe(true);
          expect(near(y.upper95 * k, x.upper95)).toBe(true);
          if (!Number.isNaN(x.ratio)) expect(near(y.ratio, x.ratio)).toBe(true);
        });
        a.ratios.forEach((x, i) => {
          const y = b.ratios[i];
          expect([y.factor, y.level, y.measure]).toEqual([x.factor, x.level, x.measure]);
          if (!Number.isNaN(x.ratio)) expect(near(y.ratio, x.ratio)).toBe(true);
          if (!Number.isNaN(x.pCounts)) expect(Math.abs(y.pCounts - x.pCounts)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 40 },
    );
  });

  it("the base level of every factor has ratio 1, χ² 0, p 1 and no stars", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(input(build(c)));
        const bases = r.ratios.filter((x) => x.level === x.base);
        expect(bases.length).toBe(3 * r.measures.length);
        for (const x of bases) expect(x).toMatchObject({ ratio: 1, chi2: 0, p: 1, stars: "", pCounts: 1 });
        for (const x of r.ratios) {
          const base = bases.find((b) => b.factor === x.factor && b.measure === x.measure)!;
          if (base.rate > 0) expect(near(x.ratio, x.rate / base.rate, 1e-12)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("external standard = the data's own national rates", () => {
  it("a reference built from the data's stratum totals (per measure) reproduces the internal results", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const rows = build(c);
        // Stratum totals over areas, per measure: the internal standard written out as a table.
        const totals = new Map<
          string,
          { m: string; s: CellValue; g: CellValue; q: CellValue; o: number; p: number }
        >();
        const popBy = new Map<string, number>();
        for (const [, s, g, q, p] of rows.pop)
          popBy.set(`${s}|${g}|${q}`, (popBy.get(`${s}|${g}|${q}`) ?? 0) + (p as number));
        for (const [, s, g, q, m, o] of rows.act) {
          const k = `${m}|${s}|${g}|${q}`;
          const t = totals.get(k) ?? { m: m as string, s, g, q, o: 0, p: popBy.get(`${s}|${g}|${q}`)! };
          t.o += o as number;
          totals.set(k, t);
        }
        const reference = table(
          ["Measure", "Sex", "Age band", "IMD", "Count", "Population"],
          [...totals.values()].map((t) => [t.m, t.s, t.g, t.q, t.o, t.p]),
        );
        const a = run(input(rows));
        const b = run({ ...input(rows), reference });
        expect(b.meta.standard).toBe("external");
        a.national.forEach((x, i) => expect(near(b.national[i].rate, x.rate, 1e-12)).toBe(true));
        a.areas.forEach((x, i) => {
          expect(near(b.areas[i].expected, x.expected, 1e-12)).toBe(true);
          if (!Number.isNaN(x.rate)) expect(near(b.areas[i].rate, x.rate, 1e-12)).toBe(true);
        });
      }),
      { numRuns: 30 },
    );
  });
});
