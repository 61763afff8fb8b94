// `stdrates run --scenario FILE.json`: the baseline and the scenario from the same inputs; the
// report is the scenario's, with the Scenario sheet comparing the two. Reference tables named in
// the scenario are files, relative to the scenario file.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { run } from "../engine";
import type { Results, RunInput, RunOptions, Table } from "../engine/types";
import { applyScenario, compareScenario, readScenario, type ScenarioComparison } from "../scenario";
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
  const refs = new Map<string, Table>();
  for (const adj of scenario.adjustments) {
    if (adj.type === "standard" && adj.reference !== null && !refs.has(adj.reference))
      refs.set(adj.reference, await readTableFile(resolve(dirname(file), adj.reference), "reference"));
  }
  const baseline: Results = run(input, options);
  const s = applyScenario(input, options, scenario, (name) => refs.get(name));
  return compareScenario(scenario.name, s.notes, baseline, run(s.input, s.options));
}

/** One line for stdout: how many verdicts the scenario changed. */
export function scenarioLine(c: ScenarioComparison): string {
  const changed = c.rows.filter((r) => r.changed);
  const list = changed
    .slice(0, 5)
    .map((r) => `${r.area} ${r.measure} ${r.baselineVerdict}→${r.scenarioVerdict}`);
  return `Scenario "${c.name}": ${changed.length} of ${c.rows.length} area × measure verdicts changed${list.length ? ` (${list.join("; ")}${changed.length > 5 ? "; …" : ""})` : ""}.\n`;
}
