// A typed in-memory fake of the Excel JavaScript API (the subset stdrates uses), installed as the
// globals `Excel`, `Office` and `OfficeExtension`. It enforces load-before-read, applies writes
// only at sync, counts syncs and payload bytes, and rejects a request or response over 5 MB with
// a RichApi error the way Excel on the web does (the model is left as it was).
import {
  Batch,
  type Core,
  FakeRichApiError,
  type FakeOptions,
  type FakeStats,
  PAYLOAD_LIMIT,
  apiAtLeast,
} from "./core";
import {
  type SheetModel,
  type WorkbookModel,
  editCell,
  newWorkbook,
  parseA1,
  typeIn,
  Journal,
  cellKey,
} from "./model";
import { FakeWorkbook } from "./objects";

export { FakeRichApiError, OFFICE_OP_BYTES, PAYLOAD_LIMIT } from "./core";
export type { FakeStats, RequestRecord } from "./core";
export * from "./model";
export {
  DEFAULT_COLUMN_POINTS,
  DEFAULT_ROW_POINTS,
  type ShapeModel,
  type ChartModel,
  type SeriesModel,
} from "./objects";

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeWorkbook["application"];
  readonly _batch: Batch;
  constructor(core: Core) {
    this._batch = new Batch(core);
    this._batch.owner = this;
    this.workbook = new FakeWorkbook(this._batch);
    this.application = this.workbook.application;
  }
  sync<T>(passThroughValue?: T): Promise<T | undefined> {
    return this._batch.sync().then(() => passThroughValue);
  }
  /** Pending operations (tests use it to check nothing is left unsynced). */
  get pending(): number {
    return this._batch.ops.length;
  }
}

export interface ChangeArgs {
  address: string;
  source?: "Local" | "Remote";
  changeType?: string;
  /** ExcelApi 1.14: "ThisLocalAddin" when the add-in's own write caused the event. */
  triggerSource?: "Unknown" | "ThisLocalAddin";
}

export interface FakeExcel {
  model: WorkbookModel;
  stats: FakeStats;
  options: FakeOptions;
  /** Persisted document settings (after saveAsync), and the in-memory ones. */
  settings: { saved: Record<string, unknown>; live: Record<string, unknown> };
  /** The host refuses to set this page-layout property (the sync fails with GeneralException). */
  refusePageSetting(property: string): void;
  /** The user starts typing in a cell (cell-edit mode): syncs fail, or wait if the run asked to be delayed. */
  enterCellEdit(): void;
  /** The user presses Enter: delayed requests go ahead. */
  exitCellEdit(): Promise<void>;
  /** Make the next sync (or the one after `skip` more) fail with this error code, before it touches the model. */
  failNextSync(code: string, skip?: number): void;
  /** Fire `onChanged` handlers registered on a worksheet (by name) or a table (by name). */
  fireChanged(target: { sheet: string } | { table: string }, args: ChangeArgs): Promise<void>;
  /**
   * Test setup without syncs: put values on a sheet (added if needed), as imported data holds
   * them: strings stay text, except error literals ("#N/A") which become error cells.
   */
  put(sheet: string, address: string, rows: (string | number | boolean | null)[][]): SheetModel;
  sheet(name: string): SheetModel;
  resetStats(): void;
  uninstall(): void;
}

type Globals = { Excel?: unknown; Office?: unknown; OfficeExtension?: unknown };

export function installFakeExcel(opts: Partial<FakeOptions> & { sheets?: string[] } = {}): FakeExcel {
  const options: FakeOptions = {
    apiVersion: opts.apiVersion ?? "1.9",
    payloadLimit: opts.payloadLimit ?? PAYLOAD_LIMIT,
    delayForCellEdit: opts.delayForCellEdit ?? true,
  };
  const model = newWorkbook(opts.sheets ?? ["Sheet1"]);
  const stats: FakeStats = { syncs: 0, requests: [], suspendScreenUpdating: 0 };
  const core: Core = {
    model,
    options,
    stats,
    handlers: [],
    cellEdit: false,
    cellEditWaiters: [],
    refusedPageSettings: new Set(),
  };
  const settings = { saved: {} as Record<string, unknown>, live: {} as Record<string, unknown> };
  const g = globalThis as Globals;
  const before = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };

  g.OfficeExtension = { Error: FakeRichApiError };
  g.Excel = {
    RequestContext: function () {
      return new FakeRequestContext(core);
    },
    /**
     * Excel.run(batch), Excel.run(options, batch) with RunOptions (delayForCellEdit), or
     * Excel.run(context, batch) to use an earlier run's objects again (how a handler is removed).
     */
    async run<T>(
      a: ((ctx: FakeRequestContext) => Promise<T>) | FakeRequestContext | { delayForCellEdit?: boolean },
      b?: (ctx: FakeRequestContext) => Promise<T>,
    ): Promise<T> {
      const batch = typeof a === "function" ? a : b!;
      const ctx = a instanceof FakeRequestContext ? a : new FakeRequestContext(core);
      if (typeof a === "object" && !(a instanceof FakeRequestContext))
        ctx._batch.delayForCellEdit = Boolean(a.delayForCellEdit);
      ctx._batch.closed = false;
      try {
        const result = await batch(ctx);
        // Excel.run flushes anything still queued when the batch returns.
        if (ctx.pending > 0) await ctx.sync();
        return result;
      } finally {
        ctx._batch.closed = true;
      }
    },
  };
  const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  g.Office = {
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name === "ExcelApi" ? apiAtLeast(core, version ?? "1.1") : false,
      },
      document: {
        settings: {
          get: (name: string) => (name in settings.live ? clone(settings.live[name]) : null),
          set: (name: string, value: unknown) => {
            settings.live[name] = clone(value);
          },
          remove: (name: string) => {
            delete settings.live[name];
          },
          saveAsync: (cb?: (r: { status: string; error?: Error }) => void) => {
            settings.saved = clone(settings.live);
            queueMicrotask(() => cb?.({ status: "succeeded" }));
          },
        },
      },
    },
  };

  const sheet = (name: string): SheetModel => {
    const s = model.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  };

  return {
    model,
    stats,
    options,
    settings,
    refusePageSetting(property) {
      core.refusedPageSettings.add(property);
    },
    enterCellEdit() {
      core.cellEdit = true;
    },
    async exitCellEdit() {
      core.cellEdit = false;
      for (const go of core.cellEditWaiters.splice(0)) go();
      await new Promise((r) => setTimeout(r, 0));
    },
    failNextSync: (code, skip = 0) => {
      core.failNextSync = code;
      core.failAfter = skip;
    },
    async fireChanged(target, args) {
      const obj =
        "sheet" in target
          ? sheet(target.sheet)
          : model.sheets.flatMap((s) => s.tables).find((t) => t.name === target.table);
      const worksheetId =
        "sheet" in target
          ? sheet(target.sheet).id
          : model.sheets.find((s) => s.tables.includes(obj as never))?.id;
      const full = {
        address: args.address,
        source: args.source ?? "Local",
        changeType: args.changeType ?? "RangeEdited",
        ...(args.triggerSource ? { triggerSource: args.triggerSource } : {}),
        worksheetId,
        type: "sheet" in target ? "WorksheetChanged" : "TableChanged",
        ...("table" in target ? { tableId: (obj as { id: string }).id } : {}),
      };
      for (const h of core.handlers.filter((x) => x.target === obj && x.event === "onChanged"))
        await h.handler(full);
    },
    put(name, address, rows) {
      let s = model.sheets.find((x) => x.name === name);
      if (!s) {
        s = { ...newWorkbook([name]).sheets[0]!, id: `{sheet-${model.nextId++}}` };
        model.sheets.push(s);
      }
      const at = parseA1(address);
      const j = new Journal();
      rows.forEach((r, i) =>
        r.forEach((v, k) => {
          if (v === null) return;
          const cell = editCell(j, s!, at.row + i, at.col + k);
          const typed = typeof v === "string" ? typeIn(v) : {};
          if (typed.error) cell.error = typed.error;
          else cell.value = v;
        }),
      );
      return s;
    },
    sheet,
    resetStats() {
      stats.syncs = 0;
      stats.requests = [];
      stats.suspendScreenUpdating = 0;
    },
    uninstall() {
      g.Excel = before.Excel;
      g.Office = before.Office;
      g.OfficeExtension = before.OfficeExtension;
    },
  };
}

export { cellKey };
