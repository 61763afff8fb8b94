// Shared by the SQL tests: random DID-like tables as CSV text (fast-check), the engine's results on
// them, and the comparison of a query's rows with run()'s `areas` (1e-9 relative, verdicts exactly).
import fc from "fast-check";
import { expect } from "vitest";
import { run } from "../../src/engine";
import type { AreaResult, Results, Table } from "../../src/engine/types";
import { describeQuery } from "../../src/sql/describe";
import { DIALECTS, type DialectName } from "../../src/sql/dialect";
import { AREA_COLUMNS, buildQuery } from "../../src/sql/query";
import { readCsv } from "../../src/workbook/csv";
import { csv } from "../cli/helpers";

export const SAMPLE = {
  population: new URL("../../assets/sample/population.csv", import.meta.url).pathname,
  activity: new URL("../../assets/sample/activity.csv", import.meta.url).pathname,
};

type Cell = string | number | null;

/** One random case: population and activity as rows (header first). */
export interface Case {
  population: Cell[][];
  activity: Cell[][];
}

// Spellings the engine reads as the same code (SPEC §1), and values it excludes.
const FEMALE = ["F", "Female", "2", " female "];
const MALE = ["M", "Male", "1", "MALE"];
const MISSING_SEX = ["U", "", "9", "Unknown", "Z?"];
const BANDS: [number, number][] = [
  [0, 5],
  [5, 10],
  [10, 15],
  [80, 85],
  [85, 90],
];
const bandSpellings = ([lo, hi]: [number, number]) => [
  `${lo}-${hi - 1}`,
  `${String(lo).padStart(2, "0")}-${String(hi - 1).padStart(2, "0")}`,
  `${lo} to ${hi - 1}`,
  `${lo}-<${hi}`,
  `Age ${lo}-${hi - 1} years`,
];
const IMD = (q: number) => [String(q), `${q} Most deprived`, `Q${q}`, `Quintile ${q}`];

/** A random case: 2–5 areas, sex × 5 age bands (+ a top band) × 3 IMD quintiles, codes in mixed spellings. */
export const randomCase: fc.Arbitrary<Case> = fc
  .record({
    areas: fc.integer({ min: 2, max: 5 }),
    top: fc.constantFrom(85, 90),
    popSeed: fc.array(fc.tuple(fc.nat(4000), fc.nat(20), fc.nat(9)), { minLength: 200, maxLength: 200 }),
    act: fc.array(
      fc.record({
        area: fc.nat(6),
        sex: fc.nat(10),
        sexSpelling: fc.nat(3),
        age: fc.nat(40),
        agePick: fc.nat(97),
        imd: fc.nat(3),
        imdSpelling: fc.nat(3),
        measure: fc.constantFrom("X-ray", "MRI", "PET", ""),
        count: fc.oneof(fc.nat(9), fc.nat(400)),
      }),
      { minLength: 5, maxLength: 120 },
    ),
    blankCount: fc.nat(15),
  })
  .map(({ areas, top, popSeed, act, blankCount }) => {
    const population: Cell[][] = [["Area code", "Area name", "Sex", "Age band", "IMD", "Population"]];
    let i = 0;
    const topLabel = `${top}+`;
    const bands = BANDS.filter(([lo]) => lo < top);
    for (let a = 0; a < areas; a++)
      for (const sex of [FEMALE, MALE])
        for (const band of [...bands.map((b) => bandSpellings(b)), [topLabel, `${top} and over`]])
          for (let q = 1; q <= 3; q++) {
            const [p, spell, hole] = popSeed[i++ % popSeed.length];
            if (hole === 0) continue; // a population gap
            const sexCell = hole === 1 ? MISSING_SEX[p % MISSING_SEX.length] : sex[spell % sex.length];
            population.push([
              `A${a}`,
              `Area ${a}`,
              sexCell,
              band[spell % band.length],
              IMD(q)[spell % 4],
              hole === 2 ? null : p,
            ]);
          }
    const activity: Cell[][] = [["Area code", "Sex", "Age band", "IMD", "Measure", "Count"]];
    for (const r of act) {
      const area = r.area < areas ? `A${r.area}` : r.area === 5 ? "ZZ" : "";
      const sex =
        r.sex < 5 ? FEMALE[r.sexSpelling] : r.sex < 10 ? MALE[r.sexSpelling] : MISSING_SEX[r.sexSpelling];
      // A band of the population table, a single year (0…97, banded by the reader), or unreadable.
      const band = BANDS[r.age % BANDS.length];
      const age =
        r.age < 20 ? bandSpellings(band)[r.age % 5] : r.age < 38 ? r.agePick : r.age === 38 ? "" : "old";
      const imd = r.imd === 0 ? "" : IMD(r.imd)[r.imdSpelling];
      activity.push([area, sex, age, imd, r.measure, blankCount === 0 ? null : r.count]);
    }
    return { population, activity };
  });

/** A CSV-read table, as `run` reads the same file. */
export function tableOf(rows: Cell[][], file: string): Table {
  return readCsv(csv(rows), file);
}

/** run() on the case, or undefined when the engine refuses it (nothing left to compute). */
export function runCase(c: Case): Results | undefined {
  try {
    return run({
      population: tableOf(c.population, "population.csv"),
      activity: tableOf(c.activity, "activity.csv"),
    });
  } catch (e) {
    if ((e as Error).name === "InputError") return undefined;
    throw e;
  }
}

/** The query for a case's (or the sample's) tables in a dialect, mapped from their headers. */
export function queryFor(
  dialect: DialectName,
  tables: { population: Table; activity: Table },
  records = false,
): string {
  return buildQuery(DIALECTS[dialect], describeQuery(tables, { options: {}, records }));
}

export { csv };

type Row = Record<string, unknown>;

const NUMBERS = AREA_COLUMNS.filter(
  (c) => !["area", "name", "measure", "vsNational95", "vsNational998"].includes(c),
);

/** A finite number, or null for NaN/±Infinity/null (what JSON and SQL make of them). */
function num(v: unknown): number | null {
  if (v === "") return null;
  const x = typeof v === "string" ? Number(v) : typeof v === "bigint" ? Number(v) : (v as number | null);
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/** Every area × measure of run() equals the query's row to 1e-9 (relative above 1), verdicts exactly. */
export function expectSameAreas(engine: AreaResult[], rows: Row[]): void {
  expect(rows.length).toBe(engine.length);
  const byKey = new Map(rows.map((r) => [`${String(r.area)}|${String(r.measure)}`, r]));
  for (const a of engine) {
    const r = byKey.get(`${a.area}|${a.measure}`);
    expect(r, `${a.area} ${a.measure}`).toBeDefined();
    for (const f of NUMBERS) {
      const want = num(a[f as keyof AreaResult]);
      const got = num(r![f]);
      if (want === null || got === null) {
        expect(got, `${a.area} ${a.measure} ${f}`).toBe(want);
        continue;
      }
      expect(Math.abs(got - want), `${a.area} ${a.measure} ${f}: ${got} vs ${want}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(want)),
      );
    }
    expect(r!.vsNational95, `${a.area} ${a.measure} vs 95`).toBe(a.vsNational95);
    expect(r!.vsNational998, `${a.area} ${a.measure} vs 99.8`).toBe(a.vsNational998);
  }
}

/** The case as its records aggregate back: activity rows with a zero or blank count leave no record. */
export function countedCase(c: Case): Case {
  return {
    population: c.population,
    activity: [c.activity[0], ...c.activity.slice(1).filter((r) => Number(r[5] ?? 0) > 0)],
  };
}

/** The activity of a case as one row per test (its counts expanded), header Area code, Sex, Age, IMD, Measure. */
export function recordsOf(c: Case): Cell[][] {
  const out: Cell[][] = [["Area code", "Sex", "Age", "IMD", "Measure"]];
  for (const [area, sex, age, imd, measure, count] of c.activity.slice(1)) {
    for (let i = 0; i < Number(count ?? 0); i++) out.push([area, sex, age, imd, measure]);
  }
  return out;
}
