// Live what-if: the port's live session started over the chosen tables (or resumed on opening a
// workbook saved with Live on). After a Run it starts over the plan the run wrote, so the first
// update writes only differences.
import type { RunOptions, Table } from "../engine/types";
import type { Plan } from "../report/plan";
import type { LiveHandle, LiveStart, TableRef, WorkbookPort } from "../workbook/port";
import type { Load, ReportApi } from "./modules";
import type { RunOutcome } from "./run";

export interface LiveJob {
  /** Output sheets Live rewrites (the report's keys). */
  sheets: string[];
  inputs?: string;
  runOptions: RunOptions;
  reference?: Table;
  written?: { plan: Plan; sheetNames: Record<string, string> };
  report: Load<ReportApi>;
  onUpdate?: LiveStart["onUpdate"];
  onError?: LiveStart["onError"];
  onStale?: LiveStart["onStale"];
}

/** What Live needs to follow a run: its inputs line, options, reference and what it wrote. */
export function liveAfter(
  outcome: RunOutcome,
): Pick<LiveJob, "inputs" | "runOptions" | "reference" | "written"> {
  return {
    inputs: outcome.inputs,
    runOptions: outcome.runOptions,
    reference: outcome.input.reference,
    written: { plan: outcome.plan, sheetNames: outcome.applied.sheetNames },
  };
}

async function session(job: LiveJob): Promise<LiveStart> {
  const report = await job.report();
  return {
    plan: (r) => report.buildPlan(r, { sheets: job.sheets, inputs: job.inputs }),
    runOptions: job.runOptions,
    reference: job.reference,
    written: job.written,
    onUpdate: job.onUpdate,
    onError: job.onError,
    onStale: job.onStale,
  };
}

/** Starts Live over the two input tables; undefined where the host has no live session (the preview). */
export async function startLive(
  port: WorkbookPort,
  refs: { population: TableRef; activity: TableRef },
  job: LiveJob,
): Promise<LiveHandle | undefined> {
  return port.startLive ? port.startLive(refs, await session(job)) : undefined;
}

/** Live again on opening, if the workbook was saved with it on. */
export async function resumeLive(port: WorkbookPort, job: LiveJob): Promise<LiveHandle | undefined> {
  return port.resumeLive ? port.resumeLive(await session(job)) : undefined;
}

/** The pane's line after a live recalculation. */
export function liveUpdateNote(info: { written: number | "plan"; computeMs: number }): string {
  const what =
    info.written === "plan" ? "all output sheets" : `${info.written.toLocaleString("en-GB")} cells`;
  return `Recalculated in ${info.computeMs.toFixed(0)} ms; ${what} rewritten.`;
}
