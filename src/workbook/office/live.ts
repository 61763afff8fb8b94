// Live what-if on the open workbook: onChanged handlers on the input tables or sheets (registered
// again each time the pane starts, from the saved setting), reads of the changed rows only, and
// writes of the changed output cells only. The decisions are in src/live (pure); this is the I/O.
import type { CellValue, Results, RunOptions, Table } from "../../engine/types";
import { LiveEngine, type EditedTable } from "../../engine/delta";
import {
  LiveController,
  type CellRun,
  type LiveEvent,
  type LiveIo,
  type LiveOptions,
  type RowSpan,
  type RuleChange,
} from "../../live";
import type { Plan, SheetPlan } from "../../report/plan";
import type { TableRef } from "../port";
import { applyPlan, conditionalFormat, pageSetup, rewriteSheets } from "./apply";
import { type BatchOptions, apiSupported, runAgain, runExcel } from "./excel";
import { readTable } from "./read";
import { loadSettings, saveSettings } from "./settings";
import { fromExcel } from "./values";
import { withDateFormat } from "../dates";
import { BatchWriter, writeRows } from "./writer";

export type LiveRefs = Record<EditedTable, TableRef>;

/** Live's batches start on their own while the user types: they wait out cell-edit mode. */
const LIVE_RUN: BatchOptions = { delayForCellEdit: true };

/** The document setting that turns Live on again when the workbook is opened. */
export const LIVE_SETTING = "stdrates.live"; // named like the pane's "stdrates.pane"

export interface LiveSetting {
  on: boolean;
  refs: LiveRefs;
}

export interface LiveRegistration {
  /** Events ignored as the add-in's own (triggerSource, or the guard while it writes). */
  ignored: number;
  /** Events ignored as a co-author's (source "Remote"): their own pane recalculates for them. */
  remote: number;
  remove(): Promise<void>;
}

/** Shared by the handlers and the writer: while the add-in writes, events from the sheets it writes are its own. */
export interface WriteGuard {
  writing: boolean;
  /** Names of the sheets being written. */
  sheets: Set<string>;
}

export function newGuard(): WriteGuard {
  return { writing: false, sheets: new Set() };
}

/**
 * Registers onChanged on each input (its Excel table, or its sheet). Events caused by this
 * add-in's own writes are dropped: ExcelApi 1.14 says so in `triggerSource`; older hosts get the
 * guard (an event from a sheet the add-in is writing at that moment). So are co-authors' edits
 * (`source` "Remote", ExcelApi 1.7): in a shared workbook with Live on every open pane would
 * otherwise write the same outputs for every edit; each pane follows its own user's edits.
 */
export async function registerLive(
  refs: LiveRefs,
  onEvent: (e: LiveEvent) => void,
  guard: WriteGuard = newGuard(),
): Promise<LiveRegistration> {
  const hasTrigger = apiSupported("1.14");
  const reg: LiveRegistration = { ignored: 0, remote: 0, remove: async () => {} };
  const removers: (() => Promise<void>)[] = [];
  await runExcel(async (ctx) => {
    for (const role of ["population", "activity"] as EditedTable[]) {
      const ref = refs[role];
      const target =
        ref.kind === "table"
          ? ctx.workbook.tables.getItem(ref.name)
          : ctx.workbook.worksheets.getItem(ref.sheet);
      const handler = async (args: Excel.WorksheetChangedEventArgs | Excel.TableChangedEventArgs) => {
        const trigger = (args as { triggerSource?: string }).triggerSource;
        if (args.source === "Remote") {
          reg.remote++;
          return;
        }
        if ((hasTrigger && trigger === "ThisLocalAddin") || (guard.writing && guard.sheets.has(ref.sheet))) {
          reg.ignored++;
          return;
        }
        onEvent({ role, address: args.address, changeType: args.changeType });
      };
      const h = (target.onChanged as OfficeExtension.EventHandlers<Excel.WorksheetChangedEventArgs>).add(
        handler,
      );
      // A handler is removed through the context that added it, run again.
      removers.push(() =>
        runAgain(h.context, async (c) => {
          h.remove();
          await c.sync();
        }),
      );
    }
    await ctx.sync();
  });
  reg.remove = async () => {
    for (const r of removers.splice(0)) await r();
  };
  return reg;
}

/**
 * The I/O the live controller needs. `tables(role)` gives the table as last read (its sheet,
 * header row, first column and width say where a data row lives).
 */
export function officeLiveIo(
  refs: LiveRefs,
  tables: (role: EditedTable) => Table,
  guard: WriteGuard = newGuard(),
): LiveIo & { sheetNames: Record<string, string> } {
  const sheetNames: Record<string, string> = {};
  const guarded = async <T>(sheets: string[], f: () => Promise<T>): Promise<T> => {
    guard.writing = true;
    sheets.forEach((s) => guard.sheets.add(s));
    try {
      return await f();
    } finally {
      guard.writing = false;
      guard.sheets.clear();
    }
  };
  return {
    sheetNames,
    readRows: (spans: RowSpan[]) =>
      runExcel(async (ctx) => {
        // Every span in one request: an edited cell costs one sync to read.
        const ranges = spans.map((s) => {
          const t = tables(s.role);
          const ws = ctx.workbook.worksheets.getItem(t.source.sheet ?? refs[s.role].sheet);
          return ws
            .getRangeByIndexes(
              t.source.headerRow + s.first,
              t.source.firstColumn - 1,
              s.count,
              t.headers.length,
            )
            .load("values,numberFormat");
        });
        await ctx.sync();
        // As read.ts reads tables: a date-formatted serial is the date it shows.
        return ranges.map((r) =>
          r.values.map((row, i) =>
            row.map((v, j): CellValue => withDateFormat(fromExcel(v), r.numberFormat[i]?.[j])),
          ),
        );
      }, LIVE_RUN),
    readTable: (role) => readTable(refs[role], undefined, undefined, LIVE_RUN),
    writeCells: (runs: CellRun[], rules: RuleChange[] = [], rewrite: SheetPlan[] = [], marker = "") =>
      guarded(
        [...runs, ...rules, ...rewrite].map((r) => sheetNames[r.key] ?? r.key),
        () =>
          runExcel(async (ctx) => {
            const w = new BatchWriter(ctx);
            // Sheets that changed shape first: their one read precedes every queued write.
            const named = rewrite.map((sheet) => {
              const name = sheetNames[sheet.key];
              if (name === undefined)
                throw new Error(`Live: the output sheet ${sheet.key} was not written by this session.`);
              return { sheet, name };
            });
            const pages = await rewriteSheets(w, named, marker);
            const sheets = new Map<string, Excel.Worksheet>();
            const sheet = (key: string): Excel.Worksheet => {
              const name = sheetNames[key];
              if (name === undefined)
                throw new Error(`Live: the output sheet ${key} was not written by this session.`);
              let ws = sheets.get(name);
              if (!ws) sheets.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
              return ws;
            };
            for (const run of runs)
              await writeRows(w, sheet(run.key), run.row, run.col, [run.values], run.formats);
            for (const change of rules) {
              const ws = sheet(change.key);
              for (const old of change.previous)
                await w.op(100, () =>
                  ws
                    .getRangeByIndexes(old.range.row, old.range.col, old.range.rows, old.range.cols)
                    .conditionalFormats.clearAll(),
                );
              for (const cf of change.rules) await conditionalFormat(w, ws, cf);
            }
            await w.flush();
            // As in a full run: a page setting the host refuses must not fail the update.
            await pageSetup(ctx, pages);
          }, LIVE_RUN),
      ),
    applyPlan: (plan: Plan) =>
      guarded(
        plan.sheets.map((s) => sheetNames[s.key] ?? s.name),
        async () => {
          // Live never moves the user to another sheet.
          const report = await applyPlan({ ...plan, activate: undefined }, undefined, LIVE_RUN);
          Object.assign(sheetNames, report.sheetNames);
        },
      ),
  };
}

export async function loadLiveSetting(): Promise<LiveSetting | undefined> {
  return loadSettings<LiveSetting>(LIVE_SETTING);
}

export async function saveLiveSetting(setting: LiveSetting): Promise<void> {
  await saveSettings(LIVE_SETTING, setting);
}

export interface LiveSessionOptions {
  /** How results become the output sheets (the pane's buildPlan with its chosen sheets). */
  plan: (results: Results) => Plan;
  runOptions?: RunOptions;
  /** An external standard, read once (live edits to it are not followed). */
  reference?: Table;
  live?: LiveOptions;
  /** The plan the last run wrote and where (ApplyReport.sheetNames), so the first update writes only differences. */
  written?: { plan: Plan; sheetNames: Record<string, string> };
}

export interface LiveSession {
  controller: LiveController;
  engine: LiveEngine;
  registration: LiveRegistration;
  /** Removes the handlers and saves Live as off. */
  stop(): Promise<void>;
}

/** Live on: read the inputs, write (or adopt) the outputs, register the handlers, remember it in the document. */
export async function startLiveSession(refs: LiveRefs, options: LiveSessionOptions): Promise<LiveSession> {
  const population = await readTable(refs.population);
  const activity = await readTable(refs.activity);
  const engine = new LiveEngine(
    { population, activity, ...(options.reference ? { reference: options.reference } : {}) },
    options.runOptions,
  );
  const guard = newGuard();
  const io = officeLiveIo(refs, (role) => engine.input[role], guard);
  const controller = new LiveController(engine, io, options.plan, options.live);
  if (options.written) {
    Object.assign(io.sheetNames, options.written.sheetNames);
    controller.written(options.written.plan);
  } else {
    const plan = options.plan(engine.results);
    await io.applyPlan(plan);
    controller.written(plan);
  }
  const registration = await registerLive(refs, (e) => controller.notify(e), guard);
  await saveLiveSetting({ on: true, refs });
  return {
    controller,
    engine,
    registration,
    stop: async () => {
      await controller.flush();
      await registration.remove();
      await saveLiveSetting({ on: false, refs });
    },
  };
}

/** On opening the workbook: Live again if it was on when the workbook was saved (handlers do not survive a reopen). */
export async function resumeLiveSession(options: LiveSessionOptions): Promise<LiveSession | undefined> {
  const setting = await loadLiveSetting();
  return setting?.on ? startLiveSession(setting.refs, options) : undefined;
}
