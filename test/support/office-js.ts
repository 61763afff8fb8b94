// The real office.js request serializer, in Node: excel-web-16.00.debug.js from @microsoft/office-js
// run in a vm context whose global is its own `window` (office.js sets window.Type, window.OSF …
// and reads them back as globals). `new Excel.RequestContext()` then queues operations exactly as
// in Excel, and `_pendingRequest.buildRequestMessageBodyAndRequestFlags().body` is the JSON that
// would be sent. No host answers: loads are never filled, so only writes can be measured.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import vm from "node:vm";

const require_ = createRequire(import.meta.url);
const DIST = join(dirname(require_.resolve("@microsoft/office-js/package.json")), "dist");

let cached: typeof Excel | undefined;

/** The Excel namespace of the real office.js (loaded once per test file). */
export function realOfficeJs(): typeof Excel {
  if (cached) return cached;
  const g: Record<string, unknown> = {
    Microsoft: { Office: { WebExtension: {} } },
    location: { href: "https://localhost/", protocol: "https:", hostname: "localhost", search: "", hash: "" },
    navigator: { userAgent: "node" },
    document: {
      addEventListener() {},
      getElementsByTagName: () => [],
      createElement: () => ({ setAttribute() {}, style: {} }),
      readyState: "complete",
      cookie: "",
    },
    addEventListener() {},
    removeEventListener() {},
    setTimeout,
    clearTimeout,
    console,
  };
  g.window = g;
  g.self = g;
  vm.createContext(g);
  vm.runInContext(readFileSync(join(DIST, "excel-web-16.00.debug.js"), "utf8"), g, {
    filename: "excel-web-16.00.debug.js",
  });
  cached = g.Excel as typeof Excel;
  return cached;
}

/** UTF-8 bytes of the request office.js would send for what is queued on `ctx`. */
export function requestBytes(ctx: Excel.RequestContext): number {
  const pending = (
    ctx as unknown as { _pendingRequest: { buildRequestMessageBodyAndRequestFlags(): { body: unknown } } }
  )._pendingRequest;
  return Buffer.byteLength(JSON.stringify(pending.buildRequestMessageBodyAndRequestFlags().body), "utf8");
}

/**
 * A real RequestContext whose sync() measures the request and starts the next one instead of
 * sending it: `sizes` holds each request's real size, in order.
 */
export function measuringContext(): { ctx: Excel.RequestContext; sizes: number[] } {
  const ExcelJs = realOfficeJs();
  const ctx = new ExcelJs.RequestContext();
  const sizes: number[] = [];
  (ctx as unknown as { sync: () => Promise<void> }).sync = async () => {
    sizes.push(requestBytes(ctx));
    (ctx as unknown as { m_pendingRequest: unknown }).m_pendingRequest = null;
  };
  return { ctx, sizes };
}
