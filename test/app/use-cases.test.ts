// The use cases of src/app over a test double of the port, with the real engine and report on the
// bundled sample: the numbers against hand sums, and the sequence (read, write, select) as the port saw it.
import { describe, expect, it } from "vitest";
import * as engine from "../../src/engine";
import { buildPlan } from "../../src/report";
import { generateSample } from "../../src/sample/generate";
import { runJob, type OverallProgress } from "../../src/app/run";
import { compareScenarioInWorkbook, runScenario } from "../../src/app/scenario";
import type { CellValue } from "../../src/engine/types";
import type { TableRef } from "../../src/workbook/port";
import { createMemoryPort } from "../taskpane/memory-port";

const sample = generateSample();
const sheetRef = (sheet: string): TableRef => ({ kind: "sheet", name: sheet, sheet, address: "" });

function samplePort() {
  const port = createMemoryPort({
    Population: sample.population.rows as CellValue[][],
    Activity: sample.activity.rows as CellValue[][],
  });
  const reads: string[] = [];
  const readTable = port.readTable.bind(port);
  port.readTable = (ref, p) => (reads.push(ref.sheet), readTable(ref, p));
  return { port, reads };
}

const modules = { engine: () => engine, report: () => ({ buildPlan }) };
const refs = { population: sheetRef("Population"), activity: sheetRef("Activity") };

/** National rate per 10,000 by hand: activity rows with a blank or unknown stratum left out. */
function nationalRate(measure: string): number {
  const known = (sex: CellValue, age: CellValue, imd: CellValue) =>
    (sex === "Female" || sex === "Male") && age !== null && age !== "" && imd !== null && imd !== "";
  let o = 0;
  for (const [, sex, age, imd, m, n] of sample.activity.rows.slice(1))
    if (m === measure && known(sex, age, imd)) o += n as number;
  let p = 0;
  for (const r of sample.population.rows.slice(1)) p += r[6] as number;
  return (10_000 * o) / p;
}

/** Observed count of one area and measure by hand, with the same rows left out. */
function observed(area: string, measure: string): number {
  let o = 0;
  for (const [a, sex, age, imd, m, n] of sample.activity.rows.slice(1))
    if (
      a === area &&
      m === measure &&
      (sex === "Female" || sex === "Male") &&
      age &&
      imd !== null &&
      imd !== ""
    )
      o += n as number;
  return o;
}

describe("runJob", () => {
  it("reads both tables, computes the national rates, writes one plan and selects its first sheet", async () => {
    const { port, reads } = samplePort();
    const steps: OverallProgress[] = [];
    const out = await runJob(port, { refs, runOptions: {}, ...modules, onProgress: (p) => steps.push(p) });
    expect(reads).toEqual(["Population", "Activity"]);
    for (const n of out.results.national.slice(0, 3)) expect(n.rate).toBeCloseTo(nationalRate(n.measure), 9);
    expect(port.plans).toEqual([out.plan]);
    expect(port.selections).toEqual([
      { sheet: out.applied.sheetNames[out.plan.activate!], address: undefined },
    ]);
    // One bar from 0 to 1, never going back.
    expect(steps[0]!.value).toBe(0);
    expect(steps.at(-1)).toEqual({ value: 1, label: "Done" });
    for (let i = 1; i < steps.length; i++)
      expect(steps[i]!.value).toBeGreaterThanOrEqual(steps[i - 1]!.value);
    expect(out.inputs).toBe(
      `population: sheet Population, ${(sample.population.rows.length - 1).toLocaleString("en-GB")} rows; ` +
        `activity: sheet Activity, ${(sample.activity.rows.length - 1).toLocaleString("en-GB")} rows`,
    );
  });

  it("asks for a missing table before reading anything", async () => {
    const { port, reads } = samplePort();
    await expect(
      runJob(port, { refs: { activity: refs.activity }, runOptions: {}, ...modules }),
    ).rejects.toThrow(/Choose the population table/);
    expect(reads).toEqual([]);
    expect(port.plans).toEqual([]);
  });

  it("writes only the sheets asked for", async () => {
    const { port } = samplePort();
    const out = await runJob(port, { refs, runOptions: {}, sheets: ["annex-b"], ...modules });
    expect(out.plan.sheets.map((s) => s.key)).toEqual(["annex-b"]);
  });
});

describe("scenarios", () => {
  it("doubling one area's activity of one measure doubles its observed count, and nothing else's", async () => {
    const { port } = samplePort();
    const base = await runJob(port, { refs, runOptions: {}, ...modules });
    const area = base.results.areas[0]!.area;
    const measure = base.results.measures[0]!;
    const { results, comparison } = await runScenario({
      scenario: { name: "double", adjustments: [{ type: "scale", area, measure, percent: 100 }] },
      input: base.input,
      runOptions: base.runOptions,
      baseline: base.results,
      readReference: () => undefined,
      engine: modules.engine,
    });
    const find = (r: typeof results, a: string, m: string) =>
      r.areas.find((x) => x.area === a && x.measure === m)!;
    expect(find(base.results, area, measure).observed).toBeCloseTo(observed(area, measure), 9);
    expect(find(results, area, measure).observed).toBeCloseTo(2 * observed(area, measure), 9);
    const other = base.results.areas.find((x) => x.area !== area && x.measure === measure)!;
    expect(find(results, other.area, measure).observed).toBe(other.observed);
    expect(comparison.name).toBe("double");
    expect(comparison.rows.length).toBe(base.results.areas.length);
  });

  it("writes the Scenario sheet and selects it", async () => {
    const { port } = samplePort();
    const base = await runJob(port, { refs, runOptions: {}, ...modules });
    const area = base.results.areas[0]!.area;
    const out = await compareScenarioInWorkbook(port, {
      scenario: { name: "without", adjustments: [{ type: "exclude", area }] },
      input: base.input,
      runOptions: base.runOptions,
      baseline: base.results,
      inputs: base.inputs,
      readReference: () => undefined,
      ...modules,
    });
    expect(port.plans.at(-1)!.sheets.map((s) => s.key)).toEqual(["scenario"]);
    expect(port.selections.at(-1)).toEqual({ sheet: out.sheet, address: undefined });
    expect(out.changed).toBe(out.comparison.rows.filter((r) => r.changed).length);
  });
});
