import { describe, expect, it } from "vitest";
import { SHEET_KEYS, buildPlan } from "../../src/report";
import { tableRange } from "../../src/report/about";
import { keyFromMarkerName, markerName } from "../../src/report/plan";
import { makeResults } from "./fixture";
import { allText, cellAt, find, rowValues } from "./plan-cells";

describe("buildPlan", () => {
  const results = makeResults();
  const plan = buildPlan(results);

  it("builds every sheet in tab order, Annex B first and active", () => {
    expect(plan.sheets.map((s) => s.key)).toEqual([
      "annex-b",
      "national",
      "ratios",
      "p-values",
      "summary",
      "data-quality",
      "detail",
      "about",
    ]);
    expect(SHEET_KEYS).toEqual(plan.sheets.map((s) => s.key));
    expect(plan.activate).toBe("annex-b");
    expect(plan.marker).toBe("stdrates 0.1.0");
    for (const s of plan.sheets) expect(s.name.length).toBeLessThanOrEqual(31);
  });

  it("builds only the sheets asked for, and rejects unknown keys", () => {
    expect(buildPlan(results, { sheets: ["detail", "annex-b"] }).sheets.map((s) => s.key)).toEqual([
      "annex-b",
      "detail",
    ]);
    expect(() => buildPlan(results, { sheets: ["annex-c"] })).toThrow(/annex-c/);
  });

  it("states inputs, exclusions, time and version on every sheet (SPEC §7)", () => {
    for (const s of plan.sheets) {
      const line = String(cellAt(s, 1, 0)?.value);
      expect(line, s.key).toContain("population: population.csv, 7,980 rows, hash 1a2b3c4d");
      expect(line).toContain("Excluded: 6,543 (1.3%) of activity");
      expect(line).toContain("stdrates 0.1.0 at 2026-11-28T15:00:00.000Z");
    }
    const custom = buildPlan(results, { sheets: ["about"], inputs: "pop.xlsx and act.xlsx" }).sheets[0];
    expect(String(cellAt(custom, 1, 0)?.value)).toMatch(/^Inputs: pop\.xlsx and act\.xlsx\./);
  });

  it("writes names that look like formulas as plain values", () => {
    const hostile = '=HYPERLINK("http://evil.example","x")';
    const r = makeResults({ areas: 2, names: (i) => (i === 0 ? hostile : "+1-2") });
    const p = buildPlan(r);
    const annex = p.sheets[0];
    expect(find(annex, hostile)).toBeDefined();
    expect(p.sheets.every((s) => (s.formulas ?? []).length === 0)).toBe(true);
  });

  it("never writes a cell twice (both adapters then agree without 'later block wins' rules)", () => {
    for (const r of [results, makeResults({ ratios: false, areas: 3, measures: ["A"], rates: [5] })])
      for (const s of buildPlan(r).sheets) {
        const seen = new Set<string>();
        for (const b of s.blocks)
          b.values.forEach((vals, i) =>
            vals.forEach((_, j) => {
              const at = `${b.row + i},${b.col + j}`;
              expect(seen.has(at), `${s.key} ${at}`).toBe(false);
              seen.add(at);
            }),
          );
      }
  });

  it("notes an external standard where the national rates are shown", () => {
    const r = makeResults();
    r.meta.standard = "external";
    const text = allText(buildPlan(r, { sheets: ["national"] }).sheets[0]);
    expect(text).toContain("An external standard was used");
  });

  it("names marker keys reversibly", () => {
    expect(markerName("annex-b")).toBe("stdrates_output_annex_b");
    for (const k of SHEET_KEYS) expect(keyFromMarkerName(markerName(k))).toBe(k);
    expect(keyFromMarkerName("Print_Area")).toBeUndefined();
  });
});

describe("National rates plan", () => {
  it("splits the publication's measures into Table 1 (modalities) and Table 2 (early diagnosis)", () => {
    const s = buildPlan(makeResults(), { sheets: ["national"] }).sheets[0];
    const t1 = find(s, "Table 1. National rates per 10,000 by modality")!;
    expect(rowValues(s, t1.row + 2, 0, 3)).toEqual(["Rate per 10,000 people", 3670.2, 1789.4]);
    expect(cellAt(s, t1.row + 2, 1)?.numberFormat).toBe("#,##0");
    const t2 = find(s, "Table 2. National rates per 10,000 by Early Diagnosis of Cancer")!;
    expect(rowValues(s, t2.row + 1, 1, 6)).toEqual([
      "Brain MRI",
      "Chest X-ray",
      "Chest CT",
      "Kidney or Bladder Ultrasound",
      "Abdomen or Pelvis Ultrasound",
    ]);
    expect(rowValues(s, t2.row + 2, 1, 6)).toEqual([162.2, 1316.4, 139.1, 36.3, 209.4]);
  });

  it("makes one table for other measures", () => {
    const s = buildPlan(makeResults({ measures: ["A", "B"], rates: [1, 2] }), { sheets: ["national"] })
      .sheets[0];
    expect(find(s, "Table 1. National rates per 10,000 by measure")).toBeDefined();
    expect(allText(s)).not.toContain("Table 2.");
  });
});

describe("Data quality plan", () => {
  const s = buildPlan(makeResults(), { sheets: ["data-quality"] }).sheets[0];
  it("reports exclusions like Annex A, by reason, area and measure, and the warnings", () => {
    const text = allText(s);
    expect(text).toContain("Approximately 6,543 (1.3%) of activity, in 120 rows, was excluded");
    const reason = find(s, "IMD quintile missing")!;
    // 4,000 of 503,308 read = 0.7947…%
    expect(rowValues(s, reason.row, 0, 6)).toEqual([
      "IMD quintile missing",
      null,
      null,
      80,
      4000,
      4000 / 503308,
    ]);
    expect(cellAt(s, reason.row, 5)?.numberFormat).toBe("0.0%");
    const area = find(s, "QAA")!;
    expect(rowValues(s, area.row, 0, 6)).toEqual([
      "QAA",
      "NHS Area 1 ICB",
      "IMD quintile missing",
      100000,
      3000,
      0.03,
    ]);
    const warn = find(s, "blank-as-zero")!;
    expect(rowValues(s, warn.row, 0, 5)).toEqual([
      "blank-as-zero",
      "3 blank counts were read as 0.",
      "activity",
      3,
      "5, 9, 12",
    ]);
  });
});

describe("Data quality with nothing excluded", () => {
  it("says so plainly instead of 'approximately 0'", () => {
    const r = makeResults();
    r.exclusions = {
      activityRows: 0,
      activityCount: 0,
      share: 0,
      byReason: [],
      byArea: [],
      byMeasure: [],
      populationRows: 0,
    };
    const text = allText(buildPlan(r, { sheets: ["data-quality"] }).sheets[0]);
    expect(text).toContain("No activity was excluded");
    expect(text).not.toContain("Approximately");
  });
});

describe("Detail plan", () => {
  const r = makeResults();
  const s = buildPlan(r, { sheets: ["detail"] }).sheets[0];
  it("is one filterable Excel table of every area × measure", () => {
    const h = find(s, "Code")!;
    expect(s.tables).toEqual([
      {
        name: "stdrates_detail",
        range: { row: h.row, col: 0, rows: 42 * 14 + 1, cols: 23 },
        showFilter: true,
        style: "TableStyleLight9",
      },
    ]);
    const first = rowValues(s, h.row + 1, 0, 23);
    // Fixture area 0, X-ray: ratio 0.8, rate 2936.16, crude 1.05 × rate, so SR/crude = 1/1.05.
    expect(first.slice(0, 4)).toEqual(["QAA", "NHS Area 1 ICB", "North West", "X-ray"]);
    expect(first[9]).toBeCloseTo(1 / 1.05, 14);
    expect(first.slice(15, 17)).toEqual(["lower", "lower"]);
    // Then the overdispersed limits (fixture: England × 0.9, 1.1, 0.85, 1.15) and verdicts (ratio 0.8: lower).
    const R = r.national[0].rate;
    expect(first.slice(17, 21)).toEqual([R * 0.9, R * 1.1, R * 0.85, R * 1.15]);
    expect(first.slice(21)).toEqual(["lower", "lower"]);
    expect(find(s, "Lower 99.8% (overdispersed)")).toEqual({ row: h.row, col: 19 });
    expect(cellAt(s, h.row + 1, 5)?.numberFormat).toBe("#,##0.0");
  });
});

describe("About plan", () => {
  it("lists input tables with their range and hash, the version and the time", () => {
    const r = makeResults();
    const s = buildPlan(r, { sheets: ["about"] }).sheets[0];
    // 7 columns from A, header on row 1, 7,980 data rows → A1:G7981.
    expect(tableRange(r.meta.tables[0])).toBe("A1:G7981");
    expect(find(s, "A1:G7981")).toBeDefined();
    expect(find(s, "1a2b3c4d")).toBeDefined();
    const v = find(s, "Version")!;
    expect(cellAt(s, v.row, 1)?.value).toBe("0.1.0");
    expect(find(s, "2026-11-28T15:00:00.000Z")).toBeDefined();
  });
});
