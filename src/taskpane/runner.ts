// One Run: read the chosen tables (values only, in chunks), compute, build the Plan and write it.
// Progress is reported as one 0–1 fraction across the three phases so one bar can follow it.
import type { Results, RunInput, RunOptions, Table } from "../engine/types";
import type { Plan } from "../report/plan";
import type { ApplyReport, Progress, TableRef, WorkbookPort } from "../workbook/port";
import type { EngineModule, Kind, ReportModule } from "./lazy";
import { toRunOptions, type PaneOptions, type PaneSettings } from "./settings";

export interface RunRequest {
  tables: PaneSettings["tables"];
  mapping: PaneSettings["mapping"];
  options: PaneOptions;
  /** Wide activity: the measure columns guessed from its headers. */
  measureColumns?: string[];
}

export interface RunOutcome {
  results: Results;
  plan: Plan;
  applied: ApplyReport;
  /** The tables and options the run used (scenarios rerun on copies of them). */
  input: RunInput;
  runOptions: RunOptions;
  /** The "Inputs" line the report recorded (later sheets, e.g. Validation, repeat it). */
  inputs: string;
  /** Milliseconds per phase, shown to the curious and printed by the e2e test. */
  timings: { read: number; compute: number; write: number };
}

export interface OverallProgress {
  /** 0–1 over the whole run. */
  value: number;
  label: string;
}

// Reading dominates in Excel (many syncs); computing is fast; writing is a few syncs.
const SPAN = { read: [0, 0.6], compute: [0.6, 0.75], write: [0.75, 1] } as const;

/** Gives the browser a frame to paint the progress bar before a synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function describeRef(ref: TableRef): string {
  return ref.kind === "range"
    ? `${ref.sheet}!${ref.address}`
    : ref.kind === "sheet"
      ? `sheet ${ref.sheet}`
      : `${ref.name} (${ref.sheet}!${ref.address})`;
}

/** The "Inputs" line the About sheet records. */
export function describeInputs(tables: Partial<Record<Kind, Table>>, refs: PaneSettings["tables"]): string {
  return (Object.keys(tables) as Kind[])
    .map((k) => {
      const t = tables[k]!;
      const ref = refs[k];
      return `${k}: ${ref ? describeRef(ref) : (t.source.sheet ?? "?")}, ${t.rowCount.toLocaleString("en-GB")} rows`;
    })
    .join("; ");
}

export async function runAnalysis(
  port: WorkbookPort,
  req: RunRequest,
  modules: { engine: () => Promise<EngineModule>; report: () => Promise<ReportModule> },
  onProgress: (p: OverallProgress) => void = () => {},
): Promise<RunOutcome> {
  const kinds: Kind[] = ["population", "activity"];
  if (req.options.standard === "reference") {
    if (!req.tables.reference)
      throw new Error("Choose a reference table for the standard, or use this data's national rates.");
    kinds.push("reference");
  }
  for (const k of ["population", "activity"] as const)
    if (!req.tables[k])
      throw new Error(`Choose the ${k} table (or select its range and choose Use selection).`);

  // Start loading the code while the data is read.
  const enginePromise = modules.engine();
  const reportPromise = modules.report();

  const t0 = performance.now();
  const tables: Partial<Record<Kind, Table>> = {};
  const [r0, r1] = SPAN.read;
  for (const [i, k] of kinds.entries()) {
    const lo = r0 + ((r1 - r0) * i) / kinds.length;
    const width = (r1 - r0) / kinds.length;
    onProgress({ value: lo, label: `Reading the ${k} table…` });
    tables[k] = await port.readTable(req.tables[k]!, (p: Progress) =>
      onProgress({
        value: lo + width * p.fraction,
        label: `Reading the ${k} table${p.detail ? ` (${p.detail})` : ""}…`,
      }),
    );
  }
  // SPEC §11: a standard population from the workbook, read as the other inputs are.
  const standard =
    req.options.direct && req.options.directTable ? await port.readTable(req.options.directTable) : undefined;
  const t1 = performance.now();

  onProgress({ value: SPAN.compute[0], label: "Computing rates…" });
  const engine = await enginePromise;
  await nextFrame();
  const input: RunInput = {
    population: tables.population!,
    activity: tables.activity!,
    reference: tables.reference,
  };
  const runOptions = toRunOptions(req.options, req.mapping, req.measureColumns);
  if (standard) runOptions.directStandard = engine.standardFromTable(standard);
  const results = engine.run(input, runOptions);
  const report = await reportPromise;
  const inputs = describeInputs(tables, req.tables);
  const plan = report.buildPlan(results, { sheets: req.options.sheets, inputs });
  const t2 = performance.now();

  const [w0, w1] = SPAN.write;
  onProgress({ value: w0, label: "Writing the output sheets…" });
  const applied = await port.applyPlan(plan, (p) =>
    onProgress({
      value: w0 + (w1 - w0) * p.fraction,
      label: `Writing the output sheets${p.detail ? ` (${p.detail})` : ""}…`,
    }),
  );
  const t3 = performance.now();
  onProgress({ value: 1, label: "Done" });
  return {
    results,
    plan,
    applied,
    input,
    runOptions,
    inputs,
    timings: { read: t1 - t0, compute: t2 - t1, write: t3 - t2 },
  };
}
