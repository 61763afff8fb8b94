// The office.js source is a build setting: local (preview, tests: no network) by default, or
// Microsoft's CDN for a deployed add-in, with the CSP allowing exactly that one script origin.
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const require_ = createRequire(import.meta.url);
const configFn = require_(join(__dirname, "..", "..", "webpack.config.js")) as (
  env: Record<string, unknown>,
  argv: Record<string, unknown>,
) => Promise<{
  plugins: { constructor: { name: string }; userOptions?: Record<string, unknown>; patterns?: unknown[] }[];
}>;

async function pages(env: Record<string, unknown>) {
  const config = await configFn(env, { mode: "production" });
  const html = config.plugins
    .filter((p) => p.constructor.name === "HtmlWebpackPlugin")
    .map((p) => p.userOptions!);
  const copy = config.plugins.find((p) => p.constructor.name === "CopyPlugin") as unknown as {
    patterns: { from: string }[];
  };
  return { html, copy: copy.patterns.map((p) => p.from) };
}

afterEach(() => {
  delete process.env.OFFICE_JS;
  delete process.env.ADDIN_URL;
});

describe("webpack config", () => {
  it("serves the installed office.js by default and copies it with its mapping table", async () => {
    const { html, copy } = await pages({});
    const taskpane = html.find((h) => h.filename === "taskpane.html")!;
    const params = taskpane.templateParameters as { officeJs: string; csp: string };
    expect(params.officeJs).toBe("office-js/office.js");
    expect(params.csp).toContain("script-src 'self';");
    expect(copy.some((f) => f.endsWith("o15apptofilemappingtable.js"))).toBe(true);
  });

  it("with OFFICE_JS=cdn loads office.js from Microsoft's CDN and allows only that origin", async () => {
    process.env.OFFICE_JS = "cdn";
    const { html, copy } = await pages({});
    for (const h of html.filter((p) => p.filename !== "help.html")) {
      const params = h.templateParameters as { officeJs: string; csp: string };
      expect(params.officeJs).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      // Exactly office.js's CDN folder (it loads its host files from there), no other script source.
      expect(params.csp).toContain("script-src 'self' https://appsforoffice.microsoft.com/lib/1/hosted/;");
      expect(params.csp).toContain("connect-src 'self';");
    }
    expect(copy.some((f) => String(f).includes("office.js"))).toBe(false);
  });

  it("with ADDIN_URL loads office.js from the CDN (a deployed build), and refuses http or localhost", async () => {
    process.env.ADDIN_URL = "https://apps.example.nhs.uk/stdrates";
    const { html, copy } = await pages({});
    const params = html.find((h) => h.filename === "taskpane.html")!.templateParameters as {
      officeJs: string;
    };
    expect(params.officeJs).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(copy.some((f) => String(f).includes("office.js"))).toBe(false);
    process.env.ADDIN_URL = "http://apps.example.nhs.uk/";
    await expect(pages({})).rejects.toThrow(/https/);
    process.env.ADDIN_URL = "https://localhost:3000/";
    await expect(pages({})).rejects.toThrow(/localhost/);
  });

  it("refuses an unknown office.js source", async () => {
    process.env.OFFICE_JS = "somewhere";
    await expect(pages({})).rejects.toThrow(/OFFICE_JS must be "cdn" or "local"/);
  });
});
