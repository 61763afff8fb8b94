// The WorkbookPort over the open Excel workbook (office.js). This folder is the only code that
// calls Excel.run and context.sync; the task pane talks to the port only.
import type { WorkbookPort } from "../port";
import { isCellEditError } from "./excel";
import { applyPlan } from "./apply";
import { readGrid, sheetNames } from "./grid";
import { insertPicture } from "./picture";
import { resumeLiveSession, startLiveSession, type LiveSessionOptions } from "./live";
import type { LiveStart } from "../port";

/** Why a live update failed, in the user's terms. */
function staleReason(e: unknown): string {
  if (isCellEditError(e)) return "Excel was busy with a cell being edited";
  return e instanceof Error ? e.message : String(e);
}

/** The pane's Live options as the office live session takes them. */
function liveSessionOptions(o: LiveStart): LiveSessionOptions {
  return {
    plan: o.plan,
    runOptions: o.runOptions,
    reference: o.reference,
    written: o.written,
    live: {
      onUpdate: (u) => o.onUpdate?.(u.results, { mode: u.mode, written: u.written, computeMs: u.computeMs }),
      onError: o.onError,
      onStale: (stale, e) => o.onStale?.(stale, e === undefined ? undefined : staleReason(e)),
    },
  };
}
import { listTables, selectionRef } from "./list";
import { readTable } from "./read";
import { loadSettings, saveSettings } from "./settings";
import { insertSheets, select } from "./sheets";

export function createOfficePort(): WorkbookPort {
  return {
    listTables,
    selectionRef,
    readTable: (ref, onProgress) => readTable(ref, onProgress),
    applyPlan,
    select,
    insertSheets,
    loadSettings,
    saveSettings,
    sheetNames,
    readGrid,
    insertPicture,
    async startLive(refs, o) {
      const session = await startLiveSession(refs, liveSessionOptions(o));
      return { stop: () => session.stop() };
    },
    async resumeLive(o) {
      const session = await resumeLiveSession(liveSessionOptions(o));
      return session && { stop: () => session.stop() };
    },
  };
}

export { readRows, type ReadStats } from "./read";
export { widthToPoints } from "./apply";
