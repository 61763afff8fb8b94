// Compare a scenario: the run's inputs edited as the scenario says, run again, and compared verdict by
// verdict with the baseline. The command line prints the comparison; the pane writes the Scenario sheet.
import type { Results, RunInput, RunOptions, Table } from "../engine/types";
import { applyScenario } from "../scenario/apply";
import { compareScenario, type ScenarioComparison } from "../scenario/compare";
import type { Scenario } from "../scenario/types";
import type { WorkbookPort } from "../workbook/port";
import type { EngineApi, Load, ReportApi } from "./modules";
import { selectWritten } from "./run";

export interface ScenarioJob {
  scenario: Scenario;
  /** The baseline: the inputs and options it was run with, and its results. */
  input: RunInput;
  runOptions: RunOptions;
  baseline: Results;
  /** A reference table the scenario names as its standard (undefined: not found). */
  readReference: (name: string) => Promise<Table | undefined> | Table | undefined;
  engine: Load<EngineApi>;
}

/** The scenario's results and their comparison with the baseline (no workbook touched). */
export async function runScenario(
  job: ScenarioJob,
): Promise<{ results: Results; comparison: ScenarioComparison }> {
  // Each named table read once, before the (synchronous) edit of the inputs.
  const tables = new Map<string, Table>();
  for (const a of job.scenario.adjustments) {
    if (a.type !== "standard" || a.reference === null) continue;
    const key = a.reference.toLowerCase();
    if (tables.has(key)) continue;
    const t = await job.readReference(a.reference);
    if (t) tables.set(key, t);
  }
  const edited = applyScenario(job.input, job.runOptions, job.scenario, (n) => tables.get(n.toLowerCase()));
  const results = (await job.engine()).run(edited.input, edited.options);
  return { results, comparison: compareScenario(job.scenario.name, edited.notes, job.baseline, results) };
}

export interface ScenarioSheetJob extends ScenarioJob {
  /** The baseline run's "Inputs" line, repeated on the Scenario sheet. */
  inputs: string;
  report: Load<ReportApi>;
}

export const SCENARIO_SHEET = "scenario";

/** Compare a scenario and write the Scenario sheet into the workbook; selects it. */
export async function compareScenarioInWorkbook(
  port: WorkbookPort,
  job: ScenarioSheetJob,
): Promise<{ comparison: ScenarioComparison; sheet: string; changed: number }> {
  const [{ results, comparison }, report] = await Promise.all([runScenario(job), job.report()]);
  const plan = report.buildPlan(results, {
    sheets: [SCENARIO_SHEET],
    inputs: job.inputs,
    scenario: comparison,
  });
  const applied = await port.applyPlan(plan);
  const sheet = (await selectWritten(port, applied, SCENARIO_SHEET, "Scenario"))!;
  return { comparison, sheet, changed: comparison.rows.filter((r) => r.changed).length };
}
