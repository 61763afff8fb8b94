// The built pane (dist/) served from 127.0.0.1, for the end-to-end test and the preview benchmark.
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

export function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(dir, path === "/" ? "taskpane.html" : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

/** Debian's Chromium, which Playwright drives (it downloads no browser of its own). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Headless Chromium as root on a machine without a network (TOOLCHAIN.md trap 10): no sandbox, no
 * GPU, and none of its background connections, which this machine refuses many at a time.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export interface OpenPane {
  context: BrowserContext;
  page: Page;
  origin: string;
  /** The browser's profile folder, removed by close(); tests may keep scratch files in it. */
  profile: string;
  close(): Promise<void>;
}

/**
 * The built pane (dist/) served and opened in a persistent Chromium profile (persistent so that
 * IndexedDB survives a reload) at the given window size.
 */
export async function openPane(options: {
  dist: string;
  width: number;
  height: number;
  /** Prefix of the temporary profile folder. */
  prefix: string;
  acceptDownloads?: boolean;
}): Promise<OpenPane> {
  if (!existsSync(join(options.dist, "taskpane.html")))
    throw new Error("dist/ is missing: run npm run build");
  const { server, origin } = await serve(options.dist);
  const profile = mkdtempSync(join(tmpdir(), options.prefix));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    viewport: { width: options.width, height: options.height },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    await new Promise((r) => server.close(r));
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, origin, profile, close };
}
