// Scenarios: the adjustments do what they say, checked against hand arithmetic and against a
// fresh run on data the test edits itself; the user's tables are never changed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, InputError, parseAgeBand, parseImd, parseSex } from "../../src/engine";
import { generateSample } from "../../src/sample/generate";
import { gridToTable } from "../../src/workbook/tables";
import type { CellValue, Results, Table } from "../../src/engine/types";
import {
  applyScenario,
  compareScenario,
  parseScenario,
  readScenario,
  type Scenario,
} from "../../src/scenario";
import { buildPlan } from "../../src/report";
import { table, tableFromCsv } from "../engine/helpers";

const K = 10_000;
const strip = (r: Results) => ({ ...r, meta: { ...r.meta, createdAt: "", options: {} } });
const find = (r: Results, area: string, measure = "CT") =>
  r.areas.find((x) => x.area === area && x.measure === measure)!;

// Two areas, sex as the only stratum, one measure: small enough to do the arithmetic by hand.
const pop = table(
  ["Area", "Area name", "Sex", "Population"],
  [
    ["A", "Area A", "F", 1000],
    ["A", "Area A", "M", 1000],
    ["B", "Area B", "F", 500],
    ["B", "Area B", "M", 1500],
  ],
);
const act = table(
  ["Area", "Sex", "Measure", "Count"],
  [
    ["A", "F", "CT", 30],
    ["A", "M", "CT", 10],
    ["B", "F", "CT", 20],
    ["B", "M", "CT", 40],
    ["A", "F", "MRI", 5],
    ["B", "M", "MRI", 7],
  ],
);

describe("scale an area's activity by x%", () => {
  const x = 0.1;
  const scenario: Scenario = {
    name: "A +10% CT",
    adjustments: [{ type: "scale", area: "A", measure: "CT", percent: 10 }],
  };
  const s = applyScenario({ population: pop, activity: act }, {}, scenario);
  const after = run(s.input, s.options);
  const before = run({ population: pop, activity: act });

  it("scales the observed count: O' = O(1 + x)", () => {
    expect(find(after, "A").observed).toBeCloseTo(40 * (1 + x), 12);
    expect(find(after, "B").observed).toBe(60);
    expect(find(after, "A", "MRI").observed).toBe(5); // another measure is untouched
  });

  it("moves its SR as the hand arithmetic says: SR' = O'/E' · R'", () => {
    const oAF = 30 * (1 + x);
    const oAM = 10 * (1 + x);
    // National stratum rates and rate recomputed from the new sums.
    const rF = (oAF + 20) / (1000 + 500);
    const rM = (oAM + 40) / (1000 + 1500);
    const R = (K * (oAF + oAM + 20 + 40)) / 4000;
    const eA = rF * 1000 + rM * 1000;
    const eB = rF * 500 + rM * 1500;
    expect(after.national.find((n) => n.measure === "CT")!.rate).toBeCloseTo(R, 9);
    expect(find(after, "A").expected).toBeCloseTo(eA, 9);
    expect(find(after, "A").rate).toBeCloseTo(((oAF + oAM) / eA) * R, 9);
    // B's own count is the same: its SR moves only through the national rates (r and R).
    expect(find(after, "B").rate).toBeCloseTo((60 / eB) * R, 9);
    // Baseline by hand too, so the move is the difference of two hand results.
    const r0F = 50 / 1500;
    const r0M = 50 / 2500;
    const R0 = (K * 100) / 4000;
    expect(find(before, "B").rate).toBeCloseTo((60 / (r0F * 500 + r0M * 1500)) * R0, 9);
  });

  it("leaves the user's table as it was", () => {
    expect(act.columns[3]).toEqual([30, 10, 20, 40, 5, 7]);
  });

  it("all measures when no measure is named", () => {
    const all = applyScenario(
      { population: pop, activity: act },
      {},
      { name: "all", adjustments: [{ type: "scale", area: "Area A", percent: -50 }] },
    );
    expect(all.input.activity.columns[3]).toEqual([15, 5, 20, 40, 2.5, 7]);
  });
});

describe("on the shipped sample", () => {
  const sample = (f: string) =>
    tableFromCsv(readFileSync(join(__dirname, "../../assets/sample", f), "utf8"), f);
  const population = sample("population.csv");
  const activity = sample("activity.csv");
  const area = String(population.columns[0][0]);
  const baseline = run({ population, activity });

  it("scaling an area equals a fresh run on data edited by hand; other areas keep their counts", () => {
    // Sex, age band and IMD readable: the rows the baseline adds in (columns 1–3 of the sample).
    const readable = (i: number) =>
      [parseSex, parseAgeBand, parseImd].every((p, k) => p(activity.columns[k + 1][i] ?? null).ok);
    const s = applyScenario(
      { population, activity },
      {},
      { name: "up", adjustments: [{ type: "scale", area, percent: 12 }] },
    );
    const scen = run(s.input, s.options);
    const edited: Table = {
      ...activity,
      columns: activity.columns.map((c, j) =>
        j === 5
          ? c.map((v, i): CellValue =>
              activity.columns[0][i] === area && typeof v === "number" && readable(i) ? v * 1.12 : v,
            )
          : c,
      ),
    };
    expect(strip(scen)).toEqual(strip(run({ population, activity: edited })));
    // Rows the baseline excludes (an unknown sex, say) are not scaled: the excluded totals agree.
    expect(scen.exclusions.activityCount).toBe(baseline.exclusions.activityCount);
    expect(baseline.exclusions.byArea.some((x) => x.area === area)).toBe(true);
    for (const r of scen.areas) {
      const b = baseline.areas.find((x) => x.area === r.area && x.measure === r.measure)!;
      const R = scen.national.find((n) => n.measure === r.measure)!.rate;
      if (r.area === area) {
        expect(r.observed).toBeCloseTo(b.observed * 1.12, 6);
      } else {
        expect(r.observed).toBe(b.observed);
        // Only the standard moved: SR' = O / E' · R'.
        if (r.expected > 0) expect(r.rate).toBeCloseTo((b.observed / r.expected) * R, 8);
      }
    }
    const cmp = compareScenario("up", s.notes, baseline, scen);
    expect(cmp.rows).toHaveLength(baseline.areas.length);
    const changed = cmp.rows.filter((r) => r.changed);
    expect(changed.every((r) => r.baselineVerdict !== r.scenarioVerdict)).toBe(true);
    const plan = buildPlan(scen, { scenario: cmp, sheets: ["about"] });
    expect(plan.sheets.map((p) => p.key)).toEqual(["scenario", "about"]);
    const last = plan.sheets[0].blocks.at(-1)!;
    expect(last.values).toHaveLength(cmp.rows.length);
    expect(last.values.filter((v) => v[9] === "YES")).toHaveLength(changed.length);
  });

  it("excluding an area equals running without it", () => {
    const s = applyScenario(
      { population, activity },
      {},
      { name: "out", adjustments: [{ type: "exclude", area: area.toLowerCase() }] },
    );
    const keep = (t: Table): Table => {
      const rows = t.columns[0].map((_, i) => i).filter((i) => t.columns[0][i] !== area);
      return { ...t, columns: t.columns.map((c) => rows.map((i) => c[i])), rowCount: rows.length };
    };
    const without = run({ population: keep(population), activity: keep(activity) });
    expect(strip(run(s.input, s.options))).toEqual(strip(without));
    expect(without.meta.areaList.some((a) => a.area === area)).toBe(false);
  });

  it("multiplier, strata and standard are the run's options and reference", () => {
    const s = applyScenario(
      { population, activity },
      {},
      {
        name: "opts",
        adjustments: [
          { type: "multiplier", value: 100_000 },
          { type: "strata", factors: ["sex", "age"] },
          { type: "standard", reference: "last year" },
        ],
      },
      (name) => (name === "last year" ? population : undefined),
    );
    expect(s.options).toEqual({ multiplier: 100_000, strata: ["sex", "age"] });
    expect(s.input.reference?.rowCount).toBe(population.rowCount);
    expect(s.notes).toHaveLength(3);
  });
});

describe("scenario JSON", () => {
  it("reads the documented forms", () => {
    const s = readScenario(
      JSON.stringify({
        name: " NENC shortfall ",
        adjustments: [
          { type: "scale", area: "QHM", percent: 12.36 },
          { type: "exclude", area: "QYG" },
          { type: "standard", reference: null },
          { type: "multiplier", value: 1000 },
          { type: "strata", factors: ["sex", " imd"] },
        ],
      }),
    );
    expect(s.name).toBe("NENC shortfall");
    expect(s.adjustments[4]).toEqual({ type: "strata", factors: ["sex", "imd"] });
  });
  it("names the wrong adjustment", () => {
    expect(() => parseScenario({ name: "x", adjustments: [{ type: "scale", area: "A" }] })).toThrow(
      /adjustment 1: scale needs a percent/,
    );
    expect(() => parseScenario({ name: "x", adjustments: [{}, { type: "grow" }] })).toThrow(InputError);
    expect(() => readScenario("{", "s.json")).toThrow(/s\.json is not valid JSON/);
    expect(() =>
      applyScenario(
        { population: pop, activity: act },
        {},
        { name: "x", adjustments: [{ type: "exclude", area: "Z" }] },
      ),
    ).toThrow(/"Z" is not in the population table/);
    expect(() =>
      applyScenario(
        { population: pop, activity: act },
        {},
        { name: "x", adjustments: [{ type: "scale", area: "A", measure: "PET", percent: 1 }] },
      ),
    ).toThrow(/measure "PET"/);
  });
});

describe("the workbook's scenario list", () => {
  it("adds, replaces by name (any case), removes, and drops entries that are not scenarios", async () => {
    const { readScenarioList, upsertScenario, removeScenario } = await import("../../src/scenario");
    const a: Scenario = { name: "Shortfall", adjustments: [{ type: "scale", area: "QHM", percent: 12 }] };
    const b: Scenario = { name: "shortfall ", adjustments: [{ type: "exclude", area: "QHM" }] };
    let list = upsertScenario([], a);
    list = upsertScenario(list, { name: "Other", adjustments: [] });
    list = upsertScenario(list, b);
    expect(list.map((s) => s.adjustments[0]?.type ?? "none")).toEqual(["exclude", "none"]);
    expect(removeScenario(list, "SHORTFALL").map((s) => s.name)).toEqual(["Other"]);
    expect(readScenarioList([a, { name: 3 }, "x", b]).map((s) => s.name)).toEqual(["Shortfall"]);
    expect(readScenarioList(undefined)).toEqual([]);
  });
});

describe("a scenario standardised on a reference table of the data's own stratum rates", () => {
  // Sums written here (not the engine's): every stratum's national count per measure and its
  // national population, as a published reference would give them. Rows the engine would exclude
  // are dropped first, so that baseline and reference see the same data.
  const sample = generateSample();
  const areas = new Set(sample.population.rows.slice(1).map((r) => String(r[0])));
  const code = (r: CellValue[], i: number) =>
    [parseSex(r[i] ?? null), parseAgeBand(r[i + 1] ?? null), parseImd(r[i + 2] ?? null)] as const;
  const keyOf = (c: ReturnType<typeof code>) =>
    c.every((x) => x.ok) ? c.map((x) => x.ok && x.value).join("|") : undefined;
  const popRows = sample.population.rows.filter((r, i) => i === 0 || keyOf(code(r, 3)) !== undefined);
  const actRows = sample.activity.rows.filter(
    (r, i) =>
      i === 0 ||
      (areas.has(String(r[0])) && keyOf(code(r, 1)) !== undefined && typeof r[5] === "number" && r[5] >= 0),
  );
  const input = {
    population: gridToTable(popRows, { sheet: "Population" }),
    activity: gridToTable(actRows, { sheet: "Activity" }),
  };
  const popBy = new Map<string, number>();
  for (const r of popRows.slice(1)) {
    const k = keyOf(code(r, 3))!;
    popBy.set(k, (popBy.get(k) ?? 0) + Number(r[6]));
  }
  const countBy = new Map<string, number>();
  const measures = new Set<string>();
  for (const r of actRows.slice(1)) {
    measures.add(String(r[4]));
    const k = `${keyOf(code(r, 1))!}|${String(r[4])}`;
    countBy.set(k, (countBy.get(k) ?? 0) + Number(r[5]));
  }
  const refRows: CellValue[][] = [["Sex", "Age band", "IMD quintile", "Measure", "Count", "Population"]];
  for (const [k, p] of popBy)
    for (const m of measures) refRows.push([...k.split("|"), m, countBy.get(`${k}|${m}`) ?? 0, p]);
  const reference = gridToTable(refRows, { sheet: "Reference" });

  it("gives the baseline's rates and verdicts", () => {
    const baseline = run(input);
    expect(baseline.exclusions.activityRows).toBe(0); // the same data on both sides
    const sc: Scenario = { name: "own rates", adjustments: [{ type: "standard", reference: "Reference" }] };
    const applied = applyScenario(input, {}, sc, (n) => (n === "Reference" ? reference : undefined));
    const scenario = run(applied.input, applied.options);
    expect(scenario.meta.standard).toBe("external");
    expect(scenario.areas).toHaveLength(baseline.areas.length);
    scenario.areas.forEach((a, i) => {
      const b = baseline.areas[i]!;
      expect([a.area, a.measure]).toEqual([b.area, b.measure]);
      expect(a.expected).toBeCloseTo(b.expected, 6);
      expect(a.rate).toBeCloseTo(b.rate, 9);
    });
    const cmp = compareScenario(sc.name, applied.notes, baseline, scenario);
    expect(cmp.rows.filter((r) => r.changed)).toEqual([]);
  });
});
