// The pane's saved settings and its translation into engine options.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CHARTS_SHEET_KEY, SHEET_KEYS } from "../../src/report";
import {
  cleanMapping,
  DEFAULT_OPTIONS,
  OUTPUT_SHEETS,
  restoreOptions,
  sameTable,
  toRunOptions,
} from "../../src/taskpane/settings";

describe("settings", () => {
  it("offers exactly the report's output sheets, in its tab order, and Charts (off by default)", () => {
    expect(OUTPUT_SHEETS.map((s) => s.key).filter((k) => k !== CHARTS_SHEET_KEY)).toEqual(SHEET_KEYS);
    expect(OUTPUT_SHEETS.map((s) => s.key)).toContain(CHARTS_SHEET_KEY);
    expect(DEFAULT_OPTIONS.sheets).toEqual(SHEET_KEYS);
  });

  it("restores what it saved", () => {
    const saved = {
      measures: ["CT", "MRI"],
      multiplier: 100_000,
      strata: ["sex", "age"],
      standard: "reference" as const,
      significance: "counts" as const,
      sheets: ["annex-b", "about"],
      excludeInvalidRows: true,
      verdicts: "overdispersed" as const,
      direct: true,
      suppressBelow: 10,
      areaOrder: "input" as const,
    };
    expect(restoreOptions(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
    // A setting saved before these options existed gets their defaults: published verdicts, no DSR, no suppression.
    const { verdicts: _v, direct: _d, suppressBelow: _n, areaOrder: _o, ...older } = saved;
    expect(restoreOptions(older)).toMatchObject({
      verdicts: "poisson",
      direct: false,
      suppressBelow: 0,
      areaOrder: "region",
    });
    expect(toRunOptions(saved, {}).areaOrder).toBe("input");
    expect(restoreOptions({ ...saved, suppressBelow: -1, verdicts: "x" })).toMatchObject({
      verdicts: "poisson",
      suppressBelow: 0,
    });
  });

  it("restores the DSR's standard table, and drops a damaged one (ESP 2013 then)", () => {
    const directTable = { kind: "sheet" as const, name: "Std", sheet: "Std", address: "A1:B20" };
    const saved = { ...DEFAULT_OPTIONS, direct: true, directTable };
    expect(restoreOptions(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
    for (const bad of [null, "Std", { ...directTable, kind: "chart" }, { ...directTable, sheet: 3 }])
      expect(restoreOptions({ ...saved, directTable: bad })).not.toHaveProperty("directTable");
    // The engine's options carry no standard: Run reads the table and adds it (runner.ts).
    expect(toRunOptions(saved, {})).not.toHaveProperty("directStandard");
  });

  it("falls back to the defaults for anything damaged, never throwing", () => {
    expect(restoreOptions(undefined)).toEqual(DEFAULT_OPTIONS);
    expect(
      restoreOptions({ multiplier: -5, strata: [], sheets: ["nope"], standard: "x", measures: [3] }),
    ).toEqual(DEFAULT_OPTIONS);
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const o = restoreOptions(junk);
        expect(o.multiplier).toBeGreaterThan(0);
        expect(o.strata.length).toBeGreaterThan(0);
        expect(o.sheets.length).toBeGreaterThan(0);
        for (const k of o.sheets) expect(OUTPUT_SHEETS.map((s) => s.key)).toContain(k);
      }),
    );
  });

  it("identifies a table by kind, sheet and name, not by its (growing) address", () => {
    const a = { kind: "table" as const, name: "Pop", sheet: "S", address: "A1:G10" };
    expect(sameTable(a, { ...a, address: "A1:G99" })).toBe(true);
    expect(sameTable(a, { ...a, name: "Act" })).toBe(false);
    const r = { kind: "range" as const, name: "", sheet: "S", address: "B2:D9" };
    expect(sameTable(r, { ...r })).toBe(true);
    expect(sameTable(r, { ...r, address: "B2:D10" })).toBe(false);
    expect(sameTable(undefined, a)).toBe(false);
  });

  it("passes only chosen columns and only what the options say to the engine", () => {
    expect(cleanMapping({ area: "ICB", sex: undefined, age: "" })).toEqual({ area: "ICB" });
    expect(cleanMapping({ sex: "" })).toBeUndefined();
    const run = toRunOptions(
      { ...DEFAULT_OPTIONS, multiplier: 1000, significance: "counts" },
      { population: { area: "Code" }, activity: { count: "N" }, reference: { count: "C" } },
    );
    expect(run).toEqual({
      multiplier: 1000,
      strata: ["sex", "age", "imd"],
      significance: "counts",
      excludeInvalidRows: false,
      verdicts: "poisson",
      areaOrder: "region",
      mapping: { population: { area: "Code" }, activity: { count: "N" }, reference: undefined },
    });
    expect(
      toRunOptions({ ...DEFAULT_OPTIONS, verdicts: "overdispersed", direct: true, suppressBelow: 5 }, {}),
    ).toMatchObject({
      verdicts: "overdispersed",
      direct: true,
      suppressBelow: 5,
    });
    const withRef = toRunOptions(
      { ...DEFAULT_OPTIONS, standard: "reference", measures: ["CT"] },
      { reference: { count: "C" } },
      ["CT", "MRI"],
    );
    expect(withRef.mapping?.reference).toEqual({ count: "C" });
    expect(withRef.measures).toEqual(["CT"]);
    expect(withRef.measureColumns).toEqual(["CT", "MRI"]);
  });
});
