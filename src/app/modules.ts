// What the use cases need of the engine and the report, as contracts: the pane hands in its lazily
// loaded chunks, the command line the modules themselves, tests stand-ins.
import type { Results, RunInput, RunOptions, StandardPopulation, Table } from "../engine/types";
import type { Plan } from "../report/plan";
import type { ScenarioComparison } from "../scenario/compare";
import type { Validation } from "../validate/types";

export interface EngineApi {
  run(input: RunInput, options?: RunOptions): Results;
  standardFromTable(t: Table): StandardPopulation;
}

export interface PlanRequest {
  sheets?: string[];
  inputs?: string;
  validation?: Validation;
  scenario?: ScenarioComparison;
}

export interface ReportApi {
  buildPlan(results: Results, options?: PlanRequest): Plan;
}

/** A module now, or a promise of it (the pane loads the engine and report on first use). */
export type Load<T> = () => Promise<T> | T;
