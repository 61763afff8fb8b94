// `stdrates run --scenario FILE.json`: the baseline and the scenario from the same inputs; the
// report is the scenario's, with the Scenario sheet comparing the two. Reference tables named in
// the scenario are files, relative to the scenario file.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { run, standardFromTable } from "../engine";
import { runScenario as runScenarioJob } from "../app/scenario";
import type { RunInput, RunOptions } from "../engine/types";
import { readScenario, type ScenarioComparison } from "../scenario";
import { UsageError } from "./args";
import { readTableFile } from "./inputs";

export async function runScenario(
  file: string,
  input: RunInput,
  options: RunOptions,
): Promise<ScenarioComparison> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`Cannot read the scenario ${file}: ${(e as Error).message}.`);
  }
  const scenario = readScenario(text, file);
  // The same use case as the pane's What if (src/app/scenario.ts): here references are files.
  const { comparison } = await runScenarioJob({
    scenario,
    input,
    runOptions: options,
    baseline: run(input, options),
    readReference: (name) => readTableFile(resolve(dirname(file), name), "reference"),
    engine: () => ({ run, standardFromTable }),
  });
  return comparison;
}

/** One line for stdout: how many verdicts the scenario changed. */
export function scenarioLine(c: ScenarioComparison): string {
  const changed = c.rows.filter((r) => r.changed);
  const list = changed
    .slice(0, 5)
    .map((r) => `${r.area} ${r.measure} ${r.baselineVerdict}→${r.scenarioVerdict}`);
  return `Scenario "${c.name}": ${changed.length} of ${c.rows.length} area × measure verdicts changed${list.length ? ` (${list.join("; ")}${changed.length > 5 ? "; …" : ""})` : ""}.\n`;
}
