// The request machinery of the fake: proxies queue operations, sync() applies them to the model
// in order, delivers loaded properties, counts bytes and enforces Excel on the web's 5 MB limit.
import { Journal, type WorkbookModel } from "./model";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** Shaped like OfficeExtension.Error (what Excel.run rejects with). */
export class FakeRichApiError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export interface RequestRecord {
  ops: number;
  requestBytes: number;
  responseBytes: number;
  /** Error code when the sync was rejected. */
  error?: string;
}

export interface FakeStats {
  syncs: number;
  requests: RequestRecord[];
  suspendScreenUpdating: number;
}

export interface Result {
  /** What goes back over the wire (counted in the response bytes). */
  data?: unknown;
  /** Runs after the whole batch succeeded: fills proxies. */
  deliver?: () => void;
}

export interface Op {
  id: number;
  action: string;
  args?: unknown;
  run: (j: Journal) => Result | void;
}

export interface FakeOptions {
  /** Highest ExcelApi requirement set the fake host supports (e.g. "1.7", "1.9"). */
  apiVersion: string;
  /** Request/response size limit in bytes (5 MB in Excel on the web). */
  payloadLimit: number;
  /**
   * Whether the host honours Excel.run's `delayForCellEdit` (no requirement set is documented for
   * it; a host that ignores it fails the batch in cell-edit mode as if it were not asked).
   */
  delayForCellEdit: boolean;
}

export interface Core {
  model: WorkbookModel;
  options: FakeOptions;
  stats: FakeStats;
  /** Test hook: a later sync fails with this code before touching the model. */
  failNextSync?: string;
  /** Syncs to let through before failNextSync applies. */
  failAfter?: number;
  handlers: { target: object; event: string; handler: (args: unknown) => unknown }[];
  /** The user is typing in a cell (Excel's cell-edit mode). */
  cellEdit: boolean;
  /** Delayed requests waiting for the user to leave cell-edit mode. */
  cellEditWaiters: (() => void)[];
  /** Page-layout properties this host refuses (test hook). */
  refusedPageSettings: Set<string>;
}

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, "utf8");

/**
 * A request's size as office.js serializes it: each operation is an action naming an object path
 * (and the paths it descends from: sheet, range, format …), about 200 bytes before its arguments;
 * a large values write is split into ~18 KB sub-writes with paths of their own (~5% more). Checked
 * against the real serializer in test/workbook/office/payload.test.ts (a full run within 15%).
 */
export const OFFICE_OP_BYTES = 200;

function officeJsBytes(ops: Op[]): number {
  let n = 0;
  for (const o of ops) {
    if (o.action === "require") continue; // the fake's own requirement-set check, not sent
    const args = utf8Bytes(JSON.stringify(o.args ?? null));
    n += OFFICE_OP_BYTES + (args > 18_000 ? Math.ceil(args * 1.05) : args);
  }
  return n;
}

export function apiAtLeast(core: Core, version: string): boolean {
  const [a, b] = core.options.apiVersion.split(".").map(Number);
  const [c, d] = version.split(".").map(Number);
  return a! > c! || (a === c && b! >= d!);
}

/** One RequestContext's pending batch. */
export class Batch {
  ops: Op[] = [];
  proxies: ClientProxy<unknown>[] = [];
  /** Excel.run({ delayForCellEdit: true }, …): wait out cell-edit mode instead of failing. */
  delayForCellEdit = false;
  /** Its Excel.run has returned: its objects are unusable until the context is run again. */
  closed = false;
  /** The RequestContext this batch belongs to (what `handler.context` gives back). */
  owner: unknown;
  private nextId = 1;
  constructor(readonly core: Core) {}
  newId(): number {
    return this.nextId++;
  }

  async sync(): Promise<void> {
    const core = this.core;
    // office.js: objects of an Excel.run that has ended fail with InvalidObjectPath ("If you're
    // using the object across multiple context.sync calls and outside the sequential execution of
    // a .run batch, please use context.trackedObjects…"); a handler is removed by running its
    // context again, Excel.run(handler.context, …) (docs: "Work with events", remove a handler).
    if (this.closed && this.ops.length > 0) {
      this.ops = [];
      throw new FakeRichApiError(
        "InvalidObjectPath",
        "The object path isn't working for what you're trying to do: its Excel.run batch has ended.",
      );
    }
    // Cell-edit mode: without delayForCellEdit "the batch automatically fails"; with it "the batch
    // request is delayed until the user exits cell edit mode" (Excel.RunOptions reference;
    // OfficeDev/office-js#856; office-js-docs-reference#2244: false is the default).
    while (core.cellEdit && this.ops.length > 0) {
      if (!(this.delayForCellEdit && core.options.delayForCellEdit)) {
        core.stats.syncs++;
        core.stats.requests.push({
          ops: this.ops.length,
          requestBytes: 0,
          responseBytes: 0,
          error: "InvalidOperationInCellEditMode",
        });
        for (const p of this.proxies) p._unresolve();
        this.ops = [];
        this.proxies = [];
        throw new FakeRichApiError(
          "InvalidOperationInCellEditMode",
          "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
        );
      }
      await new Promise<void>((resolve) => core.cellEditWaiters.push(resolve));
    }
    const { ops, proxies } = this;
    this.ops = [];
    this.proxies = [];
    await Promise.resolve();
    core.stats.syncs++;
    const record: RequestRecord = { ops: ops.length, requestBytes: 0, responseBytes: 0 };
    core.stats.requests.push(record);
    record.requestBytes = officeJsBytes(ops);
    const reject = (code: string, message: string): never => {
      record.error = code;
      for (const p of proxies) p._unresolve();
      throw new FakeRichApiError(code, message);
    };
    if (core.failNextSync && (core.failAfter ?? 0) > 0) core.failAfter!--;
    else if (core.failNextSync) {
      const code = core.failNextSync;
      core.failNextSync = undefined;
      reject(code, `Injected failure: ${code}`);
    }
    if (record.requestBytes > core.options.payloadLimit) {
      reject("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    const journal = new Journal();
    const results: Result[] = [];
    for (const op of ops) {
      try {
        const r = op.run(journal);
        if (r) results.push(r);
      } catch (e) {
        // Excel applies the operations before the failing one; the rest are dropped.
        record.error = e instanceof FakeRichApiError ? e.code : "GeneralException";
        for (const p of proxies) p._unresolve();
        throw e instanceof FakeRichApiError ? e : new FakeRichApiError("GeneralException", String(e));
      }
    }
    record.responseBytes = utf8Bytes(JSON.stringify(results.map((r) => r.data ?? null)));
    if (record.responseBytes > core.options.payloadLimit) {
      journal.rollback();
      reject("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    for (const r of results) r.deliver?.();
    for (const p of proxies) p._afterSync();
  }
}

export const notLoaded = (prop: string): FakeRichApiError =>
  new FakeRichApiError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

export interface PropSpec<T> {
  get?: (t: T) => unknown;
  set?: (t: T, value: unknown, j: Journal, p: ClientProxy<T>) => void;
  /** ExcelApi set that introduced the property. */
  api?: string;
}

/**
 * A client proxy: the fake's stand-in for an OfficeExtension.ClientObject. Its target in the
 * model is found when the batch runs (so "get then add then getItem" in one batch works), and
 * a property is readable only after load() + sync().
 */
export class ClientProxy<T = unknown> {
  readonly _id: number;
  readonly _loaded = new Map<string, unknown>();
  private _target: T | null | undefined = undefined;
  private _synced = false;
  constructor(
    readonly _batch: Batch,
    private readonly _resolver: () => T | null,
    /** Queue a "get" op so a missing item fails the sync, as in Excel. */
    queueGet = false,
  ) {
    this._id = _batch.newId();
    _batch.proxies.push(this as ClientProxy<unknown>);
    if (queueGet) this._op("get", undefined, () => void this._resolve());
  }

  /** The scalar properties of this kind of object. */
  protected _props(): Record<string, PropSpec<T>> {
    return {};
  }

  get context(): unknown {
    return this._batch;
  }

  _resolve(): T | null {
    if (this._target === undefined) this._target = this._resolver();
    const t = this._target as { deleted?: boolean } | null;
    if (t && typeof t === "object" && t.deleted)
      throw new FakeRichApiError("InvalidObjectPath", "The object has been deleted.");
    return this._target;
  }
  _need(): T {
    const t = this._resolve();
    if (t === null) throw new FakeRichApiError("InvalidObjectPath", "The object is a null object.");
    return t;
  }
  _unresolve(): void {
    if (!this._synced) this._target = undefined;
  }
  _afterSync(): void {
    this._synced = true;
  }

  get isNullObject(): boolean {
    if (!this._synced) throw notLoaded("isNullObject");
    return this._target === null;
  }

  _op(action: string, args: unknown, run: (j: Journal) => Result | void): void {
    this._batch.ops.push({ id: this._id, action, args, run });
  }

  _requireApi(version: string, what: string): void {
    const core = this._batch.core;
    this._op("require", undefined, () => {
      if (!apiAtLeast(core, version)) {
        throw new FakeRichApiError(
          "ApiNotFound",
          `${what} needs ExcelApi ${version}; this host has ${core.options.apiVersion}.`,
        );
      }
    });
  }

  _get(prop: string): unknown {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._loaded.get(prop);
  }
  _set(prop: string, value: unknown): void {
    const spec = this._props()[prop];
    if (!spec?.set) throw new TypeError(`fake: ${prop} is read-only`);
    if (spec.api) this._requireApi(spec.api, prop);
    this._op("set:" + prop, value, (j) => spec.set!(this._need(), value, j, this));
  }

  /** load("a, b"), load(["a"]), load({ select: "a" }) or load() for every scalar. */
  load(arg?: string | string[] | { select?: string | string[] }): this {
    const props = parseLoad(arg, Object.keys(this._props()));
    const specs = this._props();
    for (const p of props)
      if (!specs[p]?.get) throw new TypeError(`fake: cannot load '${p}' on ${this.constructor.name}`);
    // A property named in load() that the host's requirement sets lack fails the request, as in
    // Excel (e.g. Range.left/top/width/height, ExcelApi 1.10); load() of everything skips them.
    if (arg !== undefined) for (const p of props) if (specs[p]!.api) this._requireApi(specs[p]!.api!, p);
    this._op("load", props, () => {
      const t = this._resolve();
      const data: Record<string, unknown> = {};
      for (const p of props) data[p] = t === null ? null : specs[p]!.get!(t);
      return { data, deliver: () => props.forEach((p) => this._loaded.set(p, data[p])) };
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

export function parseLoad(
  arg: string | string[] | { select?: string | string[] } | undefined,
  all: string[],
): string[] {
  if (arg === undefined) return all;
  const sel = typeof arg === "string" || Array.isArray(arg) ? arg : (arg.select ?? all);
  const list = typeof sel === "string" ? sel.split(",") : sel;
  return list.map((s) => s.trim().replace(/^items\//, "")).filter(Boolean);
}

/** Adds getters/setters on the prototype for each scalar (the class declares their types). */
export function scalarAccessors(cls: { prototype: object }, names: string[]): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      get(this: ClientProxy) {
        return this._get(name);
      },
      set(this: ClientProxy, v: unknown) {
        this._set(name, v);
      },
      configurable: true,
    });
  }
}

/** A collection proxy: `items` after load; each item a loaded proxy of `make`. */
export class CollectionProxy<T, I extends ClientProxy<T>> extends ClientProxy<T[]> {
  private _items?: I[];
  constructor(
    batch: Batch,
    resolver: () => T[],
    private readonly _make: (item: T) => I,
  ) {
    super(batch, resolver);
  }
  get items(): I[] {
    if (!this._items) throw notLoaded("items");
    return this._items;
  }
  override load(arg?: string | string[] | { select?: string | string[] }): this {
    this._op("load", arg ?? null, () => {
      const list = this._need();
      const proxies = list.map((t) => this._make(t));
      const parts = proxies.map((p) => {
        const specs = (p as unknown as { _props(): Record<string, PropSpec<T>> })._props();
        const props = parseLoad(arg, Object.keys(specs));
        return Object.fromEntries(props.map((k) => [k, specs[k]?.get?.(t(p))]));
      });
      function t(p: I): T {
        return p._need();
      }
      return {
        data: parts,
        deliver: () => {
          proxies.forEach((p, i) => {
            for (const [k, v] of Object.entries(parts[i]!)) p._loaded.set(k, v);
            p._afterSync();
          });
          this._items = proxies;
        },
      };
    });
    return this;
  }
}
