// Live what-if in the pane: one switch over the port's live session (Excel only). Started from the
// chosen tables, or resumed when the pane opens on a workbook saved with Live on; a Run stops it
// first and starts it again over the plan the run wrote, so updates diff against what is there.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Results, RunOptions, Table } from "../engine/types";
import type { Plan } from "../report/plan";
import type { LiveHandle, LiveStart, TableRef, WorkbookPort } from "../workbook/port";
import type { Loaders } from "./lazy";

export interface LiveContext {
  sheets: string[];
  inputs?: string;
  runOptions: RunOptions;
  reference?: Table;
  written?: { plan: Plan; sheetNames: Record<string, string> };
}

export function useLive(port: WorkbookPort, loaders: Loaders) {
  const handle = useRef<LiveHandle | null>(null);
  const [on, setOn] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  /** Results of the last live recalculation (null until one happens after Live was started). */
  const [latest, setLatest] = useState<Results | null>(null);
  const available = Boolean(port.startLive);

  const options = useCallback(
    async (c: LiveContext): Promise<LiveStart> => {
      const report = await loaders.report();
      return {
        plan: (r) => report.buildPlan(r, { sheets: c.sheets, inputs: c.inputs }),
        runOptions: c.runOptions,
        reference: c.reference,
        written: c.written,
        onUpdate: (r, info) => {
          setLatest(r);
          setNote(
            `Recalculated in ${info.computeMs.toFixed(0)} ms; ${info.written === "plan" ? "all output sheets" : `${info.written.toLocaleString("en-GB")} cells`} rewritten.`,
          );
        },
        onError: (e) => setNote(e instanceof Error ? e.message : String(e)),
        onStale: (stale, reason) => {
          if (stale)
            setNote(
              `The output sheets may be out of date: the last edit could not be applied yet (${reason ?? "Excel refused the update"}). stdrates keeps your edits and tries again.`,
            );
        },
      };
    },
    [loaders],
  );

  const start = useCallback(
    async (refs: { population: TableRef; activity: TableRef }, c: LiveContext) => {
      if (!port.startLive) return;
      await handle.current?.stop();
      setLatest(null); // until the first edit, the run's (or the first write's) results stand
      handle.current = await port.startLive(refs, await options(c));
      setOn(true);
      setNote(
        "Live: edits to the population and activity tables update the output sheets while this pane is open.",
      );
    },
    [port, options],
  );

  const stop = useCallback(async () => {
    const h = handle.current;
    handle.current = null;
    setOn(false);
    setLatest(null);
    await h?.stop();
  }, []);

  const resume = useCallback(
    async (c: LiveContext) => {
      if (!port.resumeLive) return;
      const h = await port.resumeLive(await options(c));
      if (!h) return;
      handle.current = h;
      setOn(true);
      setNote(
        "Live is on (as when this workbook was saved): the output sheets were recalculated now. Live follows edits only while this pane is open.",
      );
    },
    [port, options],
  );

  // Handlers belong to this pane: a pane that goes away takes them along (without saving Live as off).
  useEffect(() => () => void (handle.current = null), []);

  return { available, on, note, setNote, latest, start, stop, resume };
}
