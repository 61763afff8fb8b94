// generateSample(): deterministic, equal to the shipped files, built on the real 42 ICBs and the
// ONS populations, with the structure the product relies on. Oracles are the ONS/NHS CSVs in
// assets/data (read here independently of the generator) and the publication's region counts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import { generateSample } from "../../src/sample/generate";
import type { SheetData } from "../../src/workbook/port";
import { AGE_BANDS as BANDS } from "../support/age-bands";
import { MEASURES } from "../support/publication";
import { DATA_DIR, SAMPLE_DIR, cell, readCsvRows, rowsToTable } from "./load";

let sample: { population: SheetData; activity: SheetData };
beforeAll(() => {
  sample = generateSample();
});

/** Index of the first row that differs (-1 if none): vitest's deep equality is slow on 113k rows. */
function firstDifference(a: unknown[][], b: unknown[][]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i;
  return -1;
}

const isExcluded = (r: (string | number | null)[]) =>
  !(r[1] === "Female" || r[1] === "Male") || r[2] === null || r[3] === null;

describe("determinism", () => {
  it("gives the same rows twice", () => {
    const again = generateSample();
    expect(firstDifference(again.population.rows, sample.population.rows)).toBe(-1);
    expect(firstDifference(again.activity.rows, sample.activity.rows)).toBe(-1);
  });

  it("equals the shipped CSV files cell for cell", () => {
    for (const [file, sheet] of [
      ["population.csv", sample.population],
      ["activity.csv", sample.activity],
    ] as const) {
      const rows = readCsvRows(join(SAMPLE_DIR, file));
      expect(rows.length).toBe(sheet.rows.length);
      const typed = rows.map((r, i) => (i === 0 ? r : r.map(cell)));
      const at = firstDifference(typed, sheet.rows);
      expect(
        at,
        `${file} row ${at + 1}: ${JSON.stringify(typed[at])} vs ${JSON.stringify(sheet.rows[at])}`,
      ).toBe(-1);
    }
  });

  it("equals the shipped workbook's sheets Population and Activity", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(SAMPLE_DIR, "sample.xlsx")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Population", "Activity"]);
    for (const sheet of [sample.population, sample.activity]) {
      const ws = wb.getWorksheet(sheet.name)!;
      expect(ws.rowCount).toBe(sheet.rows.length);
      expect(ws.getRow(1).font?.bold).toBe(true);
      const width = sheet.rows[0].length;
      const read: unknown[][] = [];
      ws.eachRow((row) => {
        read.push(Array.from({ length: width }, (_, j) => row.getCell(j + 1).value ?? null));
      });
      const at = firstDifference(read, sheet.rows);
      expect(
        at,
        `${sheet.name} row ${at + 1}: ${JSON.stringify(read[at])} vs ${JSON.stringify(sheet.rows[at])}`,
      ).toBe(-1);
    }
  });

  it("depends on the seed", () => {
    const other = generateSample(7);
    expect(firstDifference(other.population.rows, sample.population.rows)).toBe(-1); // ONS data, not drawn
    expect(firstDifference(other.activity.rows, sample.activity.rows)).toBeGreaterThan(0);
  });
});

describe("the 42 ICBs of 2024/25", () => {
  const reference = readCsvRows(join(DATA_DIR, "icb_2024_25_reference.csv"));
  const col = (name: string) => reference[0].indexOf(name);

  it("are exactly the reference list, with short names and regions", () => {
    const fromSample = new Map<string, string>();
    for (const r of sample.population.rows.slice(1)) fromSample.set(String(r[0]), `${r[1]}|${r[2]}`);
    const expected = new Map(
      reference
        .slice(1)
        .map((r) => [r[col("icb_ods_code")], `${r[col("icb_short_name")]}|${r[col("nhser_name")]}`]),
    );
    expect(fromSample).toEqual(expected);
    expect(fromSample.size).toBe(42);
    for (const [code, v] of fromSample) {
      expect(code).toMatch(/^Q[A-Z0-9]{2}$/);
      expect(v).toMatch(/^NHS .+ ICB\|/);
    }
  });

  it("fall into the NHS England regions as published: Midlands 11, South West 7, East 6, South East 6, London 5, NE&Y 4, North West 3", () => {
    const perRegion: Record<string, Set<string>> = {};
    for (const r of sample.population.rows.slice(1))
      (perRegion[String(r[2])] ??= new Set()).add(String(r[0]));
    const counts = Object.fromEntries(Object.entries(perRegion).map(([k, v]) => [k, v.size]));
    expect(counts).toEqual({
      Midlands: 11,
      "South West": 7,
      "East of England": 6,
      "South East": 6,
      London: 5,
      "North East and Yorkshire": 4,
      "North West": 3,
    });
  });

  it("have these names for codes the publication mentions", () => {
    const name = (code: string) => sample.population.rows.find((r) => r[0] === code)?.[1];
    expect(name("QKK")).toBe("NHS South East London ICB");
    expect(name("QK1")).toBe("NHS Leicester, Leicestershire and Rutland ICB");
    expect(name("QT6")).toBe("NHS Cornwall and the Isles of Scilly ICB");
    expect(name("QHM")).toBe("NHS North East and North Cumbria ICB");
  });
});

describe("population", () => {
  const rows = () => sample.population.rows.slice(1);

  it("has the headers of the contract and one row per ICB × sex × 19 bands × 5 quintiles", () => {
    expect(sample.population.name).toBe("Population");
    expect(sample.population.rows[0]).toEqual([
      "ICB code",
      "ICB name",
      "Region",
      "Sex",
      "Age band",
      "IMD quintile",
      "Population",
    ]);
    expect(rows().length).toBe(42 * 2 * 19 * 5);
    const keys = new Set(rows().map((r) => `${r[0]}|${r[3]}|${r[4]}|${r[5]}`));
    expect(keys.size).toBe(7980);
    const bad = rows().filter(
      (r) =>
        !["Female", "Male"].includes(r[3] as string) ||
        !BANDS.includes(r[4] as string) ||
        ![1, 2, 3, 4, 5].includes(r[5] as number) ||
        !(Number.isInteger(r[6]) && (r[6] as number) >= 0),
    );
    expect(bad).toEqual([]);
  });

  it("totals the ONS mid-2022 population of England, 57,106,398", () => {
    expect(rows().reduce((t, r) => t + (r[6] as number), 0)).toBe(57_106_398);
  });

  it("keeps every ICB × sex × age band total of the ONS mid-2022 table exactly", () => {
    const ons = readCsvRows(join(DATA_DIR, "icb24_population_mid2022_sex_age5.csv"));
    const expected = new Map(ons.slice(1).map((r) => [`${r[1]}|${r[2]}|${r[3]}`, Number(r[4])]));
    const got = new Map<string, number>();
    for (const r of rows()) {
      const k = `${r[0]}|${r[3]}|${r[4]}`;
      got.set(k, (got.get(k) ?? 0) + (r[6] as number));
    }
    expect(got).toEqual(expected);
    expect(expected.get("QKK|Female|0-4")).toBeGreaterThan(0);
  });

  it("splits each ICB × sex × age band over quintiles as the ONS mid-2020 IMD 2015 table does (±1 person)", () => {
    const imd = readCsvRows(join(DATA_DIR, "icb24_imdq_age5_population_mid2020_persons.csv")).filter(
      (r) => r[0] === "imd2015",
    );
    const byQ = new Map(imd.map((r) => [`${r[2]}|${r[4]}|${r[3]}`, Number(r[5])]));
    const byAge = new Map<string, number>();
    for (const [k, v] of byQ) {
      const [icb, band] = k.split("|");
      byAge.set(`${icb}|${band}`, (byAge.get(`${icb}|${band}`) ?? 0) + v);
    }
    const totals = new Map<string, number>();
    for (const r of rows())
      totals.set(`${r[0]}|${r[3]}|${r[4]}`, (totals.get(`${r[0]}|${r[3]}|${r[4]}`) ?? 0) + (r[6] as number));
    const off = rows().filter((r) => {
      const share = byQ.get(`${r[0]}|${r[4]}|${r[5]}`)! / byAge.get(`${r[0]}|${r[4]}`)!;
      const exact = totals.get(`${r[0]}|${r[3]}|${r[4]}`)! * share;
      return !(Math.abs((r[6] as number) - exact) < 1);
    });
    expect(off).toEqual([]);
  });
});

describe("activity", () => {
  const rows = () => sample.activity.rows.slice(1);

  it("is long, with the headers of the contract", () => {
    expect(sample.activity.name).toBe("Activity");
    expect(sample.activity.rows[0]).toEqual([
      "ICB code",
      "Sex",
      "Age band",
      "IMD quintile",
      "Measure",
      "Count",
    ]);
  });

  it("has about 113,000 rows: every stratum × the 14 measures once, plus the rows to exclude", () => {
    expect(rows().length).toBeGreaterThan(112_000);
    expect(rows().length).toBeLessThan(114_000);
    const included = rows().filter((r) => !isExcluded(r));
    expect(included.length).toBe(7980 * 14);
    expect(new Set(included.map((r) => `${r[0]}|${r[1]}|${r[2]}|${r[3]}|${r[4]}`)).size).toBe(7980 * 14);
    expect([...new Set(rows().map((r) => r[4]))]).toEqual(MEASURES);
  });

  it("has whole, non-negative counts, and positive ones in the rows to exclude", () => {
    expect(rows().filter((r) => !(Number.isInteger(r[5]) && (r[5] as number) >= 0))).toEqual([]);
    expect(rows().filter((r) => isExcluded(r) && !((r[5] as number) > 0))).toEqual([]);
  });

  it("marks missing values as a blank IMD, a blank or 'U' sex, or a blank age band — and nothing else", () => {
    const excluded = rows().filter(isExcluded);
    const sexCodes = new Set(excluded.map((r) => r[1]));
    expect([...sexCodes].every((s) => s === "Female" || s === "Male" || s === "U" || s === null)).toBe(true);
    expect(excluded.some((r) => r[1] === "U")).toBe(true);
    expect(excluded.some((r) => r[1] === null)).toBe(true);
    const ageBlank = excluded.filter((r) => r[2] === null);
    expect(ageBlank.length).toBeGreaterThan(0);
    expect(ageBlank.length).toBeLessThan(20);
    for (const r of excluded) {
      const missing = [r[1] !== "Female" && r[1] !== "Male", r[2] === null, r[3] === null].filter(
        Boolean,
      ).length;
      expect(missing).toBe(1); // one reason per row, so the reasons add up
      expect(r[0]).toMatch(/^Q/);
    }
  });

  it("has X-ray and CT rates that rise with every five-year band from 20-24 to 90+, for both sexes", () => {
    const pop = new Map<string, number>();
    for (const r of sample.population.rows.slice(1))
      pop.set(`${r[3]}|${r[4]}`, (pop.get(`${r[3]}|${r[4]}`) ?? 0) + (r[6] as number));
    const act = new Map<string, number>();
    for (const r of rows().filter((x) => !isExcluded(x)))
      act.set(`${r[4]}|${r[1]}|${r[2]}`, (act.get(`${r[4]}|${r[1]}|${r[2]}`) ?? 0) + (r[5] as number));
    for (const m of ["X-ray", "CT Scan"])
      for (const sex of ["Female", "Male"]) {
        const rates = BANDS.slice(4).map((b) => act.get(`${m}|${sex}|${b}`)! / pop.get(`${sex}|${b}`)!);
        for (let i = 1; i < rates.length; i++)
          expect(rates[i], `${m} ${sex} ${BANDS[4 + i]}`).toBeGreaterThan(rates[i - 1]);
      }
  });

  it("fits the publication for any seed, not just the shipped one", () => {
    const other = generateSample(12345);
    const res = run({
      population: rowsToTable(other.population.rows, "population"),
      activity: rowsToTable(other.activity.rows, "activity"),
    });
    const rate = (m: string) => res.national.find((n) => n.measure === m)!.rate;
    expect(Math.round(rate("X-ray"))).toBe(3670);
    expect(Math.round(rate("SPECT Scan"))).toBe(9);
    const ratio = (m: string, level: string) =>
      res.ratios.find((x) => x.measure === m && x.level === level)!.ratio;
    expect(ratio("SPECT Scan", "75+")).toBeCloseTo(11.09, 2);
    expect(ratio("Medical Photography", "5")).toBeCloseTo(0.5, 2);
    expect(res.exclusions.share).toBeCloseTo(0.013, 3);
  });
});
