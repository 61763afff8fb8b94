// The only place stdrates enters office.js: Excel.run, requirement-set checks and the request
// size budget. Everything else in this folder receives the RequestContext from here.

/** Excel on the web rejects a request or response over 5 MB; we aim under 4 MB per sync. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

export interface BatchOptions {
  /**
   * Wait while the user is typing in a cell instead of failing with InvalidOperationInCellEditMode
   * (Excel.RunOptions.delayForCellEdit; false by default, office-js-docs-reference#2244). For
   * batches the user did not start (Live): a button press may fail and say why, an edit may not be
   * lost. No requirement set is documented for it: a host that ignores it fails the batch as
   * before, and Live retries (src/live/controller.ts).
   */
  delayForCellEdit?: boolean;
}

export function runExcel<T>(
  batch: (ctx: Excel.RequestContext) => Promise<T>,
  options?: BatchOptions,
): Promise<T> {
  return options ? Excel.run(options, batch) : Excel.run(batch);
}

/**
 * Runs `batch` on an earlier run's context, whose objects (an event handler) are unusable outside
 * a run of their own ("Work with events using the Excel JavaScript API": remove a handler in
 * Excel.run(handler.context, …)).
 */
export function runAgain<T>(
  context: OfficeExtension.ClientRequestContext,
  batch: (ctx: Excel.RequestContext) => Promise<T>,
): Promise<T> {
  return Excel.run(context as Excel.RequestContext, batch);
}

/** True when the host supports ExcelApi `version` (the manifest asks for 1.9). */
export function apiSupported(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Did a sync fail because the user was typing in a cell? */
export function isCellEditError(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "InvalidOperationInCellEditMode";
}

/** Did a sync fail because its request or response was too large? */
export function isPayloadError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /PayloadSizeLimitExceeded|PayloadTooLarge|RequestTooLarge/i.test(code);
}

/** Byte size of a value as it travels in a request (JSON, UTF-8). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  let n = s.length;
  // Count non-ASCII characters' extra UTF-8 bytes (names such as "Sub-ICB" are ASCII; some are not).
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff ? 2 : 1;
  }
  return n;
}
