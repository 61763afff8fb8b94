// Live what-if (issue 5), without Office: events in, debounced; then either the changed rows are
// read and the cube is updated by the difference (LiveEngine), or — for paste-sized edits and
// rows or columns inserted or deleted — the table is read again in full, in chunks. Only the
// output cells whose values changed are written (diffPlans); a sheet that changed shape is
// rewritten whole in the same request; only another set of sheets applies the whole plan.
import type { CellValue, Results, Table } from "../engine/types";
import { LiveEngine, type EditedTable, type RowEdit } from "../engine/delta";
import { InputError } from "../engine/errors";
import type { Plan, SheetPlan } from "../report/plan";
import { diffPlans, type CellRun, type RuleChange } from "./diff";

/** An edit as Excel reports it: which input, the A1 address on its sheet, and the kind of change. */
export interface LiveEvent {
  role: EditedTable;
  /** "F12", "B2:D40" or "'Sheet'!F12" (the sheet part is ignored: the role says where). */
  address: string;
  /** Excel's changeType: "RangeEdited", "RowInserted", "RowDeleted", "ColumnInserted", … */
  changeType?: string;
}

/** A span of data rows (0-based, below the header) to read. */
export interface RowSpan {
  role: EditedTable;
  first: number;
  count: number;
}

export interface LiveIo {
  /** Reads these data rows, every column of the table, all in one request. */
  readRows(spans: RowSpan[]): Promise<CellValue[][][]>;
  /** Reads a whole input table again (chunked). */
  readTable(role: EditedTable): Promise<Table>;
  /**
   * Writes changed output cells and rules (sheet keys; the adapter knows their names), and
   * rewrites whole the sheets that changed shape (marked with `marker`), one request if it fits.
   */
  writeCells(runs: CellRun[], rules: RuleChange[], sheets?: SheetPlan[], marker?: string): Promise<void>;
  /** Writes a whole plan (a change of shape). */
  applyPlan(plan: Plan): Promise<void>;
}

export interface LiveUpdate {
  mode: "delta" | "full" | "reread";
  results: Results;
  /** Output cells written, or "plan" when the whole plan was applied. */
  written: number | "plan";
  /** Milliseconds spent computing (engine + plan + diff), not reading or writing. */
  computeMs: number;
  /** Milliseconds in the engine alone (cube update and results). */
  engineMs: number;
  /** Why the whole plan was applied, when it was. */
  reason?: string;
  /** Keys of the sheets rewritten whole because their shape changed. */
  rewritten?: string[];
}

export interface LiveOptions {
  /** Quiet time after the last event before recalculating. */
  debounceMs?: number;
  /** More changed cells than this in one batch is a paste: read the table again in full. */
  pasteCells?: number;
  schedule?: (fn: () => void, ms: number) => () => void;
  now?: () => number;
  onUpdate?: (u: LiveUpdate) => void;
  onError?: (e: unknown) => void;
  /**
   * An update failed (the user was typing in a cell, the host refused a request): the output
   * sheets may be out of date until a retry succeeds (`stale` false again). Its edits are kept.
   */
  onStale?: (stale: boolean, error?: unknown) => void;
  /** Retries of a failed update's own reads before its tables are read again in full (2). */
  retries?: number;
  /** Wait before retry n (1-based): 0.5 s, 1 s, 2 s … up to 30 s. */
  retryMs?: (n: number) => number;
}

const STRUCTURAL = /Inserted|Deleted|Sort|Shift/i;

/** "'My sheet'!B2:D9" → 0-based rows and columns of the rectangle. */
export function parseRect(address: string): { row: number; col: number; rows: number; cols: number } {
  const a = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const [p, q = p] = a.split(":");
  const part = (s: string) => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(s.trim());
    if (!m || (!m[1] && !m[2])) throw new Error(`Not an A1 address: ${address}`);
    let col = -1;
    if (m[1]) {
      col = 0;
      for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
      col -= 1;
    }
    return { row: m[2] ? Number(m[2]) - 1 : -1, col };
  };
  const x = part(p);
  const y = part(q);
  const row = x.row < 0 ? 0 : x.row;
  const endRow = y.row < 0 ? 1_048_575 : y.row;
  const col = x.col < 0 ? 0 : x.col;
  const endCol = y.col < 0 ? 16_383 : y.col;
  return { row, col, rows: endRow - row + 1, cols: endCol - col + 1 };
}

/**
 * One event per area: a change to several areas at once (a multi-area selection filled with
 * Ctrl+Enter, or deleted) arrives as one event whose address lists them, "B2:B4,D7"
 * (WorksheetChangedEventArgs.address: "the range address that represents the changed area").
 */
function areas(events: LiveEvent[]): LiveEvent[] {
  return events.flatMap((e) =>
    e.address.includes(",")
      ? e.address.split(",").map((address) => ({ ...e, address: address.trim() }))
      : [e],
  );
}

export class LiveController {
  private queue: LiveEvent[] = [];
  private cancel?: () => void;
  private busy: Promise<void> = Promise.resolve();
  private lastPlan?: Plan;
  /** Updates failed in a row (0 when the outputs are current). */
  private failures = 0;
  /** A write failed part-way: the sheets may hold some of it, so the next update writes the whole plan. */
  private outputsUnknown = false;

  constructor(
    readonly engine: LiveEngine,
    private readonly io: LiveIo,
    private readonly plan: (results: Results) => Plan,
    private readonly options: LiveOptions = {},
  ) {}

  /** The plan last written (what the output sheets hold). */
  get current(): Plan | undefined {
    return this.lastPlan;
  }

  /** The plan already in the workbook (so the first live update writes only differences). */
  written(plan: Plan): void {
    this.lastPlan = plan;
  }

  /** True while an update has failed and its edits wait for a retry. */
  get stale(): boolean {
    return this.failures > 0;
  }

  /** Queues an event and (re)starts the debounce timer. */
  notify(e: LiveEvent): void {
    this.queue.push(e);
    this.later(this.options.debounceMs ?? 400);
  }

  private later(ms: number): void {
    this.cancel?.();
    const schedule =
      this.options.schedule ??
      ((fn: () => void, ms: number) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      });
    this.cancel = schedule(() => void this.flush(), ms);
  }

  /** Processes queued events now; resolves when they are written (updates never overlap). */
  flush(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    const events = this.queue;
    this.queue = [];
    if (events.length === 0) return this.busy;
    this.busy = this.busy.then(() => this.attempt(events));
    return this.busy;
  }

  /**
   * One update. A failure never drops its edits: they go back to the head of the queue and a
   * retry is scheduled; after `retries` failed retries the tables they touched are read again in
   * full (whatever part of the edits was lost to the failure is then in what is read).
   */
  private async attempt(events: LiveEvent[]): Promise<void> {
    const retries = this.options.retries ?? 2;
    try {
      await this.process(events, this.failures > retries);
      if (this.failures > 0) {
        this.failures = 0;
        this.options.onStale?.(false);
      }
    } catch (e) {
      // Bad input is the user's to fix (their next edit brings a new update), not the host's.
      if (e instanceof InputError) {
        if (this.options.onError) return this.options.onError(e);
        throw e;
      }
      this.failures++;
      this.queue = [...events, ...this.queue];
      this.options.onStale?.(true, e);
      const wait = this.options.retryMs ?? ((n: number) => Math.min(30_000, 500 * 2 ** (n - 1)));
      this.later(wait(this.failures));
      if (this.failures === retries + 1) {
        if (this.options.onError) this.options.onError(e);
        else if (!this.options.onStale) throw e;
      }
    }
  }

  /** Which tables need a full reread, and which row spans can be read on their own. */
  triage(events: LiveEvent[]): { reread: Set<EditedTable>; spans: RowSpan[] } {
    const reread = new Set<EditedTable>();
    const rows = new Map<EditedTable, Set<number>>();
    const cells = new Map<EditedTable, number>();
    const limit = this.options.pasteCells ?? 2_000;
    for (const e of areas(events)) {
      if (reread.has(e.role)) continue;
      const t = this.engine.input[e.role];
      const r = parseRect(e.address);
      const top = t.source.headerRow; // 0-based sheet row of data row 0
      const left = t.source.firstColumn - 1;
      const width = t.headers.length;
      // Outside the table's columns: not an input cell.
      if (r.col >= left + width || r.col + r.cols <= left) {
        if (!STRUCTURAL.test(e.changeType ?? "")) continue;
      }
      const n = (cells.get(e.role) ?? 0) + r.rows * Math.min(r.cols, width);
      cells.set(e.role, n);
      if (
        STRUCTURAL.test(e.changeType ?? "") ||
        n > limit ||
        r.row < top || // the header row (or above): the mapping may change
        r.row + r.rows > top + t.rowCount // rows added below the table
      ) {
        reread.add(e.role);
        continue;
      }
      let set = rows.get(e.role);
      if (!set) rows.set(e.role, (set = new Set()));
      for (let i = r.row - top; i < r.row - top + r.rows; i++) set.add(i);
    }
    const spans: RowSpan[] = [];
    for (const [role, set] of rows) {
      if (reread.has(role)) continue;
      const sorted = [...set].sort((a, b) => a - b);
      for (const i of sorted) {
        const last = spans[spans.length - 1];
        if (last && last.role === role && last.first + last.count === i) last.count++;
        else spans.push({ role, first: i, count: 1 });
      }
    }
    return { reread, spans };
  }

  private async process(events: LiveEvent[], rereadAll = false): Promise<void> {
    const triaged = this.triage(events);
    const reread = triaged.reread;
    let spans = triaged.spans;
    if (rereadAll) {
      for (const s of spans) reread.add(s.role);
      spans = [];
    }
    if (reread.size === 0 && spans.length === 0) return;
    const now = this.options.now ?? (() => performance.now());
    let mode: LiveUpdate["mode"];
    let results: Results;
    let computeMs = 0;
    let engineMs = 0;
    if (reread.size > 0) {
      for (const role of reread) this.engine.input[role] = await this.io.readTable(role);
      const t0 = now();
      results = this.engine.rebuild();
      computeMs += now() - t0;
      mode = "reread";
      // Rows of the other table edited in the same batch were read with it, or are read now.
      if (spans.length > 0) {
        const rows = await this.io.readRows(spans);
        const t1 = now();
        results = this.applySpans(spans, rows).results;
        computeMs += now() - t1;
      }
    } else {
      const rows = await this.io.readRows(spans);
      const t0 = now();
      const out = this.applySpans(spans, rows);
      computeMs += now() - t0;
      results = out.results;
      mode = out.mode;
    }
    engineMs = computeMs;
    const t2 = now();
    const plan = this.plan(results);
    const diff = this.outputsUnknown ? diffPlans(undefined, plan) : diffPlans(this.lastPlan, plan);
    computeMs += now() - t2;
    this.outputsUnknown = true; // until this write completes
    let written: LiveUpdate["written"];
    let reason: string | undefined;
    let rewritten: string[] | undefined;
    if (diff.kind === "cells") {
      if (diff.runs.length > 0 || diff.rules.length > 0 || diff.sheets.length > 0)
        await this.io.writeCells(diff.runs, diff.rules, diff.sheets, plan.marker);
      written = diff.cells;
      if (diff.sheets.length > 0) rewritten = diff.sheets.map((s) => s.key);
    } else {
      await this.io.applyPlan(plan);
      written = "plan";
      reason = diff.reason;
    }
    this.outputsUnknown = false;
    this.lastPlan = plan;
    this.options.onUpdate?.({
      mode,
      results,
      written,
      computeMs,
      engineMs,
      ...(reason ? { reason } : {}),
      ...(rewritten ? { rewritten } : {}),
    });
  }

  private applySpans(spans: RowSpan[], rows: CellValue[][][]): { results: Results; mode: "delta" | "full" } {
    const byRole = new Map<EditedTable, RowEdit[]>();
    spans.forEach((s, k) => {
      const width = this.engine.input[s.role].headers.length;
      const list = byRole.get(s.role) ?? [];
      rows[k].forEach((values, i) => {
        const row = values.slice(0, width);
        while (row.length < width) row.push(null);
        list.push({ row: s.first + i, values: row });
      });
      byRole.set(s.role, list);
    });
    let out: { results: Results; mode: "delta" | "full" } = { results: this.engine.results, mode: "delta" };
    let mode: "delta" | "full" = "delta";
    for (const [role, edits] of byRole) {
      out = this.engine.apply(role, edits);
      if (out.mode === "full") mode = "full";
    }
    return { results: out.results, mode };
  }
}
