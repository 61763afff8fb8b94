// The reference data shipped in assets/data: the generator's compact inputs equal the ONS/NHS
// CSVs they were built from, and the map files cover the same 42 ICBs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleInputs } from "../../src/sample/inputs";
import { DATA_DIR, readCsvRows } from "./load";

const reference = readCsvRows(join(DATA_DIR, "icb_2024_25_reference.csv"));
const col = (name: string) => reference[0].indexOf(name);
const odsCodes = reference.slice(1).map((r) => r[col("icb_ods_code")]);

describe("sample-inputs.json", () => {
  it("lists the 42 ICBs of the reference file with ONS code, short name and region", () => {
    expect(sampleInputs.icbs).toEqual(
      reference.slice(1).map((r) => ({
        code: r[col("icb_ods_code")],
        ons: r[col("icb_ons_code")],
        name: r[col("icb_short_name")],
        region: r[col("nhser_name")],
      })),
    );
  });

  it("holds the ONS mid-2022 ICB × sex × age table", () => {
    const rows = readCsvRows(join(DATA_DIR, "icb24_population_mid2022_sex_age5.csv")).slice(1);
    expect(rows.length).toBe(42 * 2 * 19);
    let total = 0;
    for (const [, ods, sex, band, pop] of rows) {
      const a = odsCodes.indexOf(ods);
      const i = (sex === "Male" ? 19 : 0) + sampleInputs.ageBands.indexOf(band);
      expect(sampleInputs.sexAge[a][i], `${ods} ${sex} ${band}`).toBe(Number(pop));
      total += Number(pop);
    }
    expect(total).toBe(57_106_398);
  });

  it("holds the mid-2020 ICB × IMD 2015 quintile × age table", () => {
    const rows = readCsvRows(join(DATA_DIR, "icb24_imdq_age5_population_mid2020_persons.csv"))
      .slice(1)
      .filter((r) => r[0] === "imd2015");
    expect(rows.length).toBe(42 * 5 * 19);
    let total = 0;
    for (const [, , ods, q, band, pop] of rows) {
      const a = odsCodes.indexOf(ods);
      const i = (Number(q) - 1) * 19 + sampleInputs.ageBands.indexOf(band);
      expect(sampleInputs.imdAge[a][i], `${ods} ${q} ${band}`).toBe(Number(pop));
      total += Number(pop);
    }
    expect(total).toBe(56_550_138);
  });
});

describe("map files", () => {
  it("the hexjson has one hex per ICB, keyed by ODS code, on distinct positions", () => {
    const hex = JSON.parse(readFileSync(join(DATA_DIR, "icb_hexmap_nhs-icb-2022-richardi7.hexjson"), "utf8"));
    expect(Object.keys(hex.hexes).sort()).toEqual([...odsCodes].sort());
    const positions = new Set(
      Object.values(hex.hexes).map((h) => `${(h as { q: number }).q},${(h as { r: number }).r}`),
    );
    expect(positions.size).toBe(42);
  });

  it("the boundaries have one feature per ICB, by ONS code", () => {
    const geo = JSON.parse(readFileSync(join(DATA_DIR, "icb_boundaries_apr2023_bsc.geojson"), "utf8"));
    const codes = geo.features.map((f: { properties: { ICB23CD: string } }) => f.properties.ICB23CD).sort();
    expect(codes).toEqual(
      reference
        .slice(1)
        .map((r) => r[col("icb_ons_code")])
        .sort(),
    );
  });

  it("every shipped data file has its source in SOURCES.md", () => {
    const sources = readFileSync(join(DATA_DIR, "SOURCES.md"), "utf8");
    for (const f of [
      "icb_2024_25_reference.csv",
      "icb24_population_mid2022_sex_age5.csv",
      "icb24_imdq_age5_population_mid2020_persons.csv",
      "icb_hexmap_nhs-icb-2022-richardi7.hexjson",
      "icb_boundaries_apr2023_bsc.geojson",
      "sample-inputs.json",
    ])
      expect(sources).toContain(`\`${f}\``);
    expect(sources).toMatch(/Open Government Licence v3\.0/);
  });
});
