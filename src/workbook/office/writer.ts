// Batches writes into as few requests as the payload budget allows: callers say how many bytes an
// operation adds; the writer syncs before the request would pass the budget. With ExcelApi 1.9
// each request suspends screen updating until its sync (once per request, never per operation).
import { REQUEST_BUDGET, apiSupported, isPayloadError, jsonBytes } from "./excel";
import { toExcelInput } from "./values";
import type { PlanValue } from "../../report/plan";

/**
 * What operations cost in a request, in bytes, as office.js serializes them: each operation is an
 * action plus the object paths it names (sheet, range, format, font …), about 270 bytes before
 * its arguments. Measured with the real serializer (@microsoft/office-js 1.1.110,
 * excel-web-16.00.debug.js) in test/workbook/office/payload.test.ts, which fails if any request
 * of a full run, an insert or a live update comes out larger than its estimate; the figures in
 * brackets are those measurements.
 */
export const COST = {
  /** Every reserve: one action on a range, with the range's path (a values write: 269 + JSON). */
  op: 400,
  /** Font, fill and alignment of a block (1,554 with every property set). */
  style: 1_300,
  /** One border edge: style, weight, colour (893). */
  borderEdge: 600,
  /** A conditional format besides its JSON (colour scale 906, cell value 1,349). */
  rule: 1_200,
  /** A rule's four border edges (a custom rule with borders: 3,053). */
  ruleBorders: 2_000,
  /** Table add, name, style, filter button (817). */
  table: 600,
  /** A chart, and each series (3 series: 6,758). */
  chart: 1_500,
  chartSeries: 2_000,
  /** A picture besides its base64: add, size, position, alt text. */
  image: 1_500,
  /** suspendScreenUpdatingUntilNextSync, once per request (252). */
  suspend: 300,
  /** A live rewrite's sheet swap: rename, add, position, marker, delete. */
  sheetSwap: 2_000,
  /** A bold, frozen header row (about 720). */
  header: 600,
  /**
   * Values and number formats: office.js splits a large write into sub-writes of about 18 KB,
   * each with its own range path, so a write costs about 4–6% more than its JSON (sample insert).
   */
  gridFactor: 1.1,
} as const;

export class BatchWriter {
  syncs = 0;
  /** Requests Excel refused for size and the writer sent again in halves. */
  splits = 0;
  /** The estimated size of each request sent (the payload test checks them against office.js's own). */
  readonly estimates: number[] = [];
  private bytes = 0;
  /** This request's operations, to queue again if Excel refuses it for size; null once one cannot be. */
  private ops: (() => void)[] | null = [];
  private readonly suspend = apiSupported("1.9");
  constructor(
    readonly ctx: Excel.RequestContext,
    readonly budget = REQUEST_BUDGET,
  ) {}
  /** Makes room for an operation of `bytes` argument bytes, syncing first when needed. */
  async reserve(bytes: number, replayable = false): Promise<void> {
    const cost = bytes + COST.op;
    if (this.bytes > 0 && this.bytes + cost > this.budget) await this.flush();
    // Queued by the caller, out of the writer's sight: this request cannot be sent again in parts.
    if (!replayable) this.ops = null;
    // The first operation of a request: screen updating stays off until this request's sync.
    if (this.bytes === 0 && this.suspend) {
      this.ctx.application.suspendScreenUpdatingUntilNextSync();
      this.bytes += COST.suspend;
    }
    this.bytes += cost;
  }
  /**
   * Reserves room for an operation and queues it. Unlike reserve() followed by the queuing code,
   * the writer keeps `queue`, so a request Excel refuses for size (RequestPayloadSizeLimitExceeded,
   * possible when a host's limit is below our estimate) can be sent again, split in halves, as
   * reads are. `queue` must make every object it uses (a refused request's objects are gone).
   */
  async op(bytes: number, queue: () => void): Promise<void> {
    await this.reserve(bytes, true);
    this.ops?.push(queue);
    queue();
  }

  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    this.estimates.push(this.bytes);
    const ops = this.ops;
    this.ops = [];
    this.bytes = 0;
    await this.send(ops);
  }

  private async send(ops: (() => void)[] | null): Promise<void> {
    try {
      this.syncs++;
      await this.ctx.sync();
    } catch (e) {
      if (!isPayloadError(e) || !ops || ops.length < 2) throw e;
      this.splits++;
      const half = Math.ceil(ops.length / 2);
      for (const part of [ops.slice(0, half), ops.slice(half)]) {
        if (this.suspend) this.ctx.application.suspendScreenUpdatingUntilNextSync();
        for (const queue of part) queue();
        await this.send(part);
      }
    }
  }
}

/**
 * Writes rows of values at (row, col) in row chunks that fit the budget, number formats first.
 * `formats` is one format per column, or undefined to leave the cells' format alone.
 */
export async function writeRows(
  w: BatchWriter,
  ws: Excel.Worksheet,
  row: number,
  col: number,
  values: PlanValue[][],
  formats?: (string | undefined)[],
  onRows?: (done: number) => void,
): Promise<void> {
  const cols = values.reduce((m, r) => Math.max(m, r.length), 0);
  if (cols === 0) return;
  const input = values.map((r) => {
    const out = new Array<string | number | boolean>(cols);
    for (let j = 0; j < cols; j++) out[j] = toExcelInput(j < r.length ? r[j]! : null);
    return out;
  });
  const fmtRow =
    formats && formats.some((f) => f)
      ? Array.from({ length: cols }, (_, j) => formats[j] ?? null)
      : undefined;
  const fmtBytes = fmtRow ? jsonBytes(fmtRow) : 0;
  // Chunks of half the budget keep a chunk plus styling in one request. Rows differ in length
  // (later codes and counts are longer): size chunks by the widest of three samples, and reserve
  // each chunk's exact JSON (what office.js sends for values).
  const perRow =
    Math.max(
      1,
      ...[0, input.length >> 1, Math.max(0, input.length - 200)].map((at) => {
        const s = input.slice(at, at + 200);
        return s.length ? jsonBytes(s) / s.length : 0;
      }),
    ) + fmtBytes;
  const chunk = Math.max(1, Math.floor(w.budget / 2 / perRow));
  for (let at = 0; at < input.length; at += chunk) {
    const part = input.slice(at, at + chunk);
    const range = () => ws.getRangeByIndexes(row + at, col, part.length, cols);
    if (fmtRow)
      await w.op(fmtBytes * part.length * COST.gridFactor, () => {
        range().numberFormat = part.map(() => fmtRow) as string[][];
      });
    await w.op(jsonBytes(part) * COST.gridFactor, () => void (range().values = part));
    onRows?.(at + part.length);
  }
}
