// Batches writes into as few requests as the payload budget allows: callers say how many bytes an
// operation adds; the writer syncs before the request would pass the budget. With ExcelApi 1.9
// each request suspends screen updating until its sync (once per request, never per operation).
import { REQUEST_BUDGET, apiSupported, jsonBytes } from "./excel";
import { toExcelInput } from "./values";
import type { PlanValue } from "../../report/plan";

/** What one queued operation costs besides its arguments (object path, action, ids). */
export const OP_BYTES = 120;

export class BatchWriter {
  syncs = 0;
  private bytes = 0;
  private readonly suspend = apiSupported("1.9");
  constructor(
    readonly ctx: Excel.RequestContext,
    readonly budget = REQUEST_BUDGET,
  ) {}
  /** Makes room for an operation of `bytes` argument bytes, syncing first when needed. */
  async reserve(bytes: number): Promise<void> {
    const cost = bytes + OP_BYTES;
    if (this.bytes > 0 && this.bytes + cost > this.budget) await this.flush();
    // The first operation of a request: screen updating stays off until this request's sync.
    if (this.bytes === 0 && this.suspend) this.ctx.application.suspendScreenUpdatingUntilNextSync();
    this.bytes += cost;
  }
  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    await this.ctx.sync();
    this.syncs++;
    this.bytes = 0;
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
  // Chunk by measured row size: half the budget per chunk keeps a chunk plus styling in one request.
  const sample = input.slice(0, 200);
  const perRow = Math.max(1, jsonBytes(sample) / sample.length) + fmtBytes;
  const chunk = Math.max(1, Math.floor(w.budget / 2 / perRow));
  for (let at = 0; at < input.length; at += chunk) {
    const part = input.slice(at, at + chunk);
    const range = ws.getRangeByIndexes(row + at, col, part.length, cols);
    if (fmtRow) {
      await w.reserve(fmtBytes * part.length);
      range.numberFormat = part.map(() => fmtRow) as string[][];
    }
    await w.reserve(perRow * part.length);
    range.values = part;
    onRows?.(at + part.length);
  }
}
