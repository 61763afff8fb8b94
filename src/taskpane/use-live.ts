// Live what-if in the pane: one switch over the port's live session (Excel only). Started from the
// chosen tables, or resumed when the pane opens on a workbook saved with Live on; a Run stops it
// first and starts it again over the plan the run wrote, so updates diff against what is there.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Results, RunOptions, Table } from "../engine/types";
import type { Plan } from "../report/plan";
import { liveUpdateNote, resumeLive, startLive, type LiveJob } from "../app/live";
import type { LiveHandle, TableRef, WorkbookPort } from "../workbook/port";
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

  /** The use case's job, with the pane's notes as its callbacks. */
  const job = useCallback(
    (c: LiveContext): LiveJob => ({
      ...c,
      report: loaders.report,
      onUpdate: (r, info) => {
        setLatest(r);
        setNote(liveUpdateNote(info));
      },
      onError: (e) => setNote(e instanceof Error ? e.message : String(e)),
      onStale: (stale, reason) => {
        if (stale)
          setNote(
            `The output sheets may be out of date: the last edit could not be applied yet (${reason ?? "Excel refused the update"}). stdrates keeps your edits and tries again.`,
          );
      },
    }),
    [loaders],
  );

  const start = useCallback(
    async (refs: { population: TableRef; activity: TableRef }, c: LiveContext) => {
      if (!port.startLive) return;
      await handle.current?.stop();
      setLatest(null); // until the first edit, the run's (or the first write's) results stand
      handle.current = (await startLive(port, refs, job(c))) ?? null;
      setOn(true);
      setNote(
        "Live: edits to the population and activity tables update the output sheets while this pane is open.",
      );
    },
    [port, job],
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
      const h = await resumeLive(port, job(c));
      if (!h) return;
      handle.current = h;
      setOn(true);
      setNote(
        "Live is on (as when this workbook was saved): the output sheets were recalculated now. Live follows edits only while this pane is open.",
      );
    },
    [port, job],
  );

  // Handlers belong to this pane: a pane that goes away takes them along (without saving Live as off).
  useEffect(() => () => void (handle.current = null), []);

  return { available, on, note, setNote, latest, start, stop, resume };
}
