// `ADDIN_URL=https://host/path/ npm run build`, through the real webpack config: dist/manifest.xml
// names that base URL and no localhost, and the pages load office.js from Microsoft's CDN with a
// CSP that allows exactly that. The bundle entries are swapped for stubs (and type-checking left
// out) so the build takes seconds; the pages, the copied files and the manifest are the real ones.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Window } from "happy-dom";
import { afterAll, describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const require_ = createRequire(import.meta.url);
type Config = {
  entry: Record<string, string>;
  output: { path: string };
  plugins: { constructor: { name: string } }[];
};
const configFn = require_(join(root, "webpack.config.js")) as (e: object, a: object) => Promise<Config>;
const webpack = require_("webpack") as (
  c: Config,
  cb: (err: Error | null, stats?: { hasErrors(): boolean; toString(): string }) => void,
) => void;

const BASE = "https://apps.example.nhs.uk/stdrates/";
const out = mkdtempSync(join(tmpdir(), "stdrates-prod-"));

async function build(env: Record<string, string | undefined>): Promise<string> {
  const dir = mkdtempSync(join(out, "dist-"));
  const stub = join(dir, "..", "stub.js");
  writeFileSync(stub, "window.stub = 1;\n");
  const saved = process.env.ADDIN_URL;
  if (env.ADDIN_URL) process.env.ADDIN_URL = env.ADDIN_URL;
  else delete process.env.ADDIN_URL;
  try {
    const config = await configFn({}, { mode: "production" });
    config.entry = { taskpane: stub, commands: stub };
    config.output.path = dir;
    config.plugins = config.plugins.filter((p) => p.constructor.name !== "ForkTsCheckerWebpackPlugin");
    await new Promise<void>((resolve, reject) =>
      webpack({ ...config, context: root } as Config, (err, stats) =>
        err || stats?.hasErrors() ? reject(err ?? new Error(stats!.toString())) : resolve(),
      ),
    );
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  }
  return dir;
}

const page = (file: string) =>
  new new Window().DOMParser().parseFromString(
    readFileSync(file, "utf8"),
    "text/html",
  ) as unknown as Document;
const scripts = (doc: Document) =>
  Array.from(doc.querySelectorAll("script[src]")).map((s) => s.getAttribute("src"));
const csp = (doc: Document) =>
  doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")!;

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("production build (ADDIN_URL)", () => {
  it(
    "writes a manifest with the base URL and no localhost, and pages that load office.js from the CDN",
    { timeout: 120_000 },
    async () => {
      const dir = await build({ ADDIN_URL: BASE });
      const manifest = readFileSync(join(dir, "manifest.xml"), "utf8");
      expect(manifest).not.toMatch(/localhost/i);
      expect(manifest).toContain(`<SourceLocation DefaultValue="${BASE}taskpane.html"/>`);
      expect(manifest).toContain("<AppDomain>https://apps.example.nhs.uk</AppDomain>");
      for (const name of ["taskpane.html", "commands.html"]) {
        const doc = page(join(dir, name));
        expect(scripts(doc)[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
        expect(scripts(doc)[1]).toBe("webview-guard.js");
        const scriptSrc = csp(doc)
          .split(";")
          .map((d) => d.trim().split(/\s+/))
          .find(([k]) => k === "script-src")!
          .slice(1);
        expect(scriptSrc).toEqual(["'self'", "https://appsforoffice.microsoft.com/lib/1/hosted/"]);
      }
      expect(existsSync(join(dir, "office-js")), "no local office.js in a deployed build").toBe(false);
      expect(existsSync(join(dir, "webview-guard.js"))).toBe(true);
    },
  );

  it(
    "without ADDIN_URL stays the development build: localhost manifest, local office.js",
    { timeout: 120_000 },
    async () => {
      const dir = await build({});
      expect(readFileSync(join(dir, "manifest.xml"), "utf8")).toBe(
        readFileSync(join(root, "manifest.xml"), "utf8"),
      );
      const doc = page(join(dir, "taskpane.html"));
      expect(scripts(doc).slice(0, 2)).toEqual(["office-js/office.js", "webview-guard.js"]);
      expect(csp(doc)).toContain("script-src 'self';");
    },
  );
});
