// The only place stdrates enters office.js: Excel.run, requirement-set checks and the request
// size budget. Everything else in this folder receives the RequestContext from here.

/** Excel on the web rejects a request or response over 5 MB; we aim under 4 MB per sync. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

export function runExcel<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(batch);
}

/** True when the host supports ExcelApi `version` (the manifest guarantees 1.7). */
export function apiSupported(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
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
