// Run: read the chosen tables (values only, in chunks), compute, build the Plan, write it and select
// the sheet it asks for. Progress is one 0–1 fraction across the three phases so one bar follows it.
import type { Results, RunInput, RunOptions, Table } from "../engine/types";
import type { Plan } from "../report/plan";
import type { ApplyReport, Progress, TableRef, WorkbookPort } from "../workbook/port";
import type { EngineApi, Load, ReportApi } from "./modules";

export type InputKind = "population" | "activity" | "reference";
export type InputRefs = Partial<Record<InputKind, TableRef>>;

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

export interface RunJobOptions {
  /** Where the inputs are; `reference` only when the standard is a reference table. */
  refs: InputRefs;
  /** The engine's options, mapping included. */
  runOptions: RunOptions;
  /** SPEC §11: the DSR's standard population as a workbook table, read as the other inputs are. */
  directTable?: TableRef;
  /** Output sheets to build (the report's keys); all when absent. */
  sheets?: string[];
  engine: Load<EngineApi>;
  report: Load<ReportApi>;
  onProgress?: (p: OverallProgress) => void;
  /** Gives the host a moment (the pane: a frame to paint the progress bar) before computing. */
  yieldToHost?: () => Promise<void>;
}

// Reading dominates in Excel (many syncs); computing is fast; writing is a few syncs.
const SPAN = { read: [0, 0.6], compute: [0.6, 0.75], write: [0.75, 1] } as const;

function describeRef(ref: TableRef): string {
  return ref.kind === "range"
    ? `${ref.sheet}!${ref.address}`
    : ref.kind === "sheet"
      ? `sheet ${ref.sheet}`
      : `${ref.name} (${ref.sheet}!${ref.address})`;
}

/** The "Inputs" line the About sheet records. */
export function describeInputs(tables: Partial<Record<InputKind, Table>>, refs: InputRefs): string {
  return (Object.keys(tables) as InputKind[])
    .map((k) => {
      const t = tables[k]!;
      const ref = refs[k];
      return `${k}: ${ref ? describeRef(ref) : (t.source.sheet ?? "?")}, ${t.rowCount.toLocaleString("en-GB")} rows`;
    })
    .join("; ");
}

/** The tables a run reads, in order, or an error saying which one to choose. */
function inputKinds(refs: InputRefs): ("population" | "activity" | "reference")[] {
  for (const k of ["population", "activity"] as const)
    if (!refs[k]) throw new Error(`Choose the ${k} table (or select its range and choose Use selection).`);
  return refs.reference ? ["population", "activity", "reference"] : ["population", "activity"];
}

async function readInputs(
  port: WorkbookPort,
  refs: InputRefs,
  onProgress: (p: OverallProgress) => void,
): Promise<Partial<Record<InputKind, Table>>> {
  const kinds = inputKinds(refs);
  const tables: Partial<Record<InputKind, Table>> = {};
  const [r0, r1] = SPAN.read;
  for (const [i, k] of kinds.entries()) {
    const lo = r0 + ((r1 - r0) * i) / kinds.length;
    const width = (r1 - r0) / kinds.length;
    onProgress({ value: lo, label: `Reading the ${k} table…` });
    tables[k] = await port.readTable(refs[k]!, (p: Progress) =>
      onProgress({
        value: lo + width * p.fraction,
        label: `Reading the ${k} table${p.detail ? ` (${p.detail})` : ""}…`,
      }),
    );
  }
  return tables;
}

/** SPEC §11: the options with the DSR's standard population taken from a table (pane and CLI alike). */
export function withDirectStandard(
  engine: Pick<EngineApi, "standardFromTable">,
  runOptions: RunOptions,
  table: Table | undefined,
): RunOptions {
  return table ? { ...runOptions, directStandard: engine.standardFromTable(table) } : { ...runOptions };
}

/** One Run, start to finish, over any workbook port. */
export async function runJob(port: WorkbookPort, o: RunJobOptions): Promise<RunOutcome> {
  const onProgress = o.onProgress ?? (() => {});
  inputKinds(o.refs); // fail before reading anything
  // Start loading the code while the data is read.
  const enginePromise = Promise.resolve(o.engine());
  const reportPromise = Promise.resolve(o.report());

  const t0 = performance.now();
  const tables = await readInputs(port, o.refs, onProgress);
  const standard = o.directTable ? await port.readTable(o.directTable) : undefined;
  const t1 = performance.now();

  onProgress({ value: SPAN.compute[0], label: "Computing rates…" });
  const engine = await enginePromise;
  await o.yieldToHost?.();
  const input: RunInput = {
    population: tables.population!,
    activity: tables.activity!,
    reference: tables.reference,
  };
  const runOptions = withDirectStandard(engine, o.runOptions, standard);
  const results = engine.run(input, runOptions);
  const inputs = describeInputs(tables, o.refs);
  const plan = (await reportPromise).buildPlan(results, { sheets: o.sheets, inputs });
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
  await selectWritten(port, applied, plan.activate);
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

/** Shows the sheet a write produced (by its key), under the name it got; a failed select is harmless. */
export async function selectWritten(
  port: WorkbookPort,
  applied: ApplyReport,
  key: string | undefined,
  fallback?: string,
): Promise<string | undefined> {
  const name = (key && applied.sheetNames[key]) || fallback;
  if (name) await port.select(name).catch(() => {});
  return name;
}
