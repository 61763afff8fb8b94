// The workbook's list of scenarios, as the pane saves it in the document settings (WorkbookPort
// saveSettings/loadSettings under SCENARIOS_SETTING). Pure list operations; names are unique,
// compared without case.
import { parseScenario } from "./parse";
import type { Scenario } from "./types";

export const SCENARIOS_SETTING = "stdrates.scenarios"; // named like the pane's "stdrates.pane"

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The saved list, keeping only entries that still read as scenarios (a hand-edited setting cannot break the pane). */
export function readScenarioList(raw: unknown): Scenario[] {
  if (!Array.isArray(raw)) return [];
  const out: Scenario[] = [];
  for (const item of raw) {
    try {
      const s = parseScenario(item);
      if (!out.some((x) => same(x.name, s.name))) out.push(s);
    } catch {
      // skipped: not a scenario
    }
  }
  return out;
}

/** Adds `s`, or replaces the scenario of the same name in place. */
export function upsertScenario(list: Scenario[], s: Scenario): Scenario[] {
  const i = list.findIndex((x) => same(x.name, s.name));
  return i < 0 ? [...list, s] : list.map((x, k) => (k === i ? s : x));
}

export function removeScenario(list: Scenario[], name: string): Scenario[] {
  return list.filter((x) => !same(x.name, name));
}
