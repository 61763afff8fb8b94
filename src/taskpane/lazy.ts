// Everything not needed for the first screen is loaded on first use, in its own chunk: the
// engine (with its distributions), the report builder, the sample generator and ExcelJS.
// The function types restate the shared contracts so that the pane can be handed stand-ins.
import type { Results, RunInput, RunOptions, StandardPopulation, Table } from "../engine/types";
import type { Plan } from "../report/plan";
import type { SheetData } from "../workbook/port";
import type { Validation } from "../validate/types";
import type { ScenarioComparison } from "../scenario/compare";

export type Kind = "population" | "activity" | "reference";

export interface Guess {
  mapping: Record<string, string>;
  layout?: "long" | "wide";
  measureColumns?: string[];
}

export interface EngineModule {
  run(input: RunInput, options?: RunOptions): Results;
  guessMapping(headers: string[], kind: Kind): Guess;
  standardFromTable(t: Table): StandardPopulation;
}

export interface ReportModule {
  buildPlan(
    results: Results,
    options?: { sheets?: string[]; inputs?: string; validation?: Validation; scenario?: ScenarioComparison },
  ): Plan;
}

export interface SampleModule {
  generateSample(seed?: number): { population: SheetData; activity: SheetData };
}

export interface Loaders {
  engine(): Promise<EngineModule>;
  report(): Promise<ReportModule>;
  sample(): Promise<SampleModule>;
}

export const lazyLoaders: Loaders = {
  engine: () => import(/* webpackChunkName: "engine" */ "../engine"),
  report: () => import(/* webpackChunkName: "report" */ "../report"),
  sample: () => import(/* webpackChunkName: "sample" */ "../sample/generate"),
};
