// Scenarios (issue 5): named adjustments applied to a copy of the data, compared with the baseline.
export * from "./types";
export { parseScenario, readScenario } from "./parse";
export { applyScenario, type ScenarioRun, type ReferenceLookup } from "./apply";
export { compareScenario, type ScenarioRow, type ScenarioComparison } from "./compare";
export { SCENARIOS_SETTING, readScenarioList, upsertScenario, removeScenario } from "./store";
