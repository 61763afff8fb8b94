// One Run from the pane: its settings turned into the use case's options (src/app/run.ts does the
// reading, computing, writing and selecting). Kept as the pane's entry so views need not know RunOptions.
import { runJob, type InputRefs, type OverallProgress, type RunOutcome } from "../app/run";
import type { EngineModule, ReportModule } from "./lazy";
import { toRunOptions, type PaneOptions, type PaneSettings } from "./settings";

export { describeInputs } from "../app/run";
export type { OverallProgress, RunOutcome } from "../app/run";

export interface RunRequest {
  tables: PaneSettings["tables"];
  mapping: PaneSettings["mapping"];
  options: PaneOptions;
  /** Wide activity: the measure columns guessed from its headers. */
  measureColumns?: string[];
}

/** Gives the browser a frame to paint the progress bar before a synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runAnalysis(
  port: Parameters<typeof runJob>[0],
  req: RunRequest,
  modules: { engine: () => Promise<EngineModule>; report: () => Promise<ReportModule> },
  onProgress: (p: OverallProgress) => void = () => {},
): Promise<RunOutcome> {
  const reference = req.options.standard === "reference";
  if (reference && !req.tables.reference)
    throw new Error("Choose a reference table for the standard, or use this data's national rates.");
  const refs: InputRefs = {
    population: req.tables.population,
    activity: req.tables.activity,
    ...(reference ? { reference: req.tables.reference } : {}),
  };
  return runJob(port, {
    refs,
    runOptions: toRunOptions(req.options, req.mapping, req.measureColumns),
    directTable: req.options.direct ? req.options.directTable : undefined,
    sheets: req.options.sheets,
    engine: modules.engine,
    report: modules.report,
    onProgress,
    yieldToHost: nextFrame,
  });
}
