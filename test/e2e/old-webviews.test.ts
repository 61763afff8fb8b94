// The built pane (dist/) opened as Excel's old webviews announce themselves: Internet Explorer 11
// (Trident) and Edge Legacy (EdgeHTML 18), as Office 2016/2019 and older Microsoft 365 builds on
// Windows host add-ins. webview-guard.js (ES5, first after office.js) must show why the pane
// cannot run within 2 s, in the task pane and with the bundle kept from starting. Chromium stands
// in for the engines; what those engines can parse is checked by acorn in bundle.test.ts.
import type { Server } from "node:http";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_LAUNCH, serve } from "../support/serve";

const dist = join(__dirname, "..", "..", "dist");
const run = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

const AGENTS = {
  // What Office on Windows reports in its IE11 webview, and in its Edge Legacy one.
  Trident: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko",
  EdgeHTML:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  // Chromium Edge (WebView2) says "Edg/": it runs the pane.
  WebView2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
};

run("old webviews", () => {
  let browser: Browser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    expect(existsSync(join(dist, "webview-guard.js")), "dist/ is missing: run npm run build").toBe(true);
    ({ server, origin } = await serve(dist));
    browser = await chromium.launch(CHROMIUM_LAUNCH);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  async function open(userAgent: string) {
    const context = await browser.newContext({ userAgent, viewport: { width: 320, height: 600 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${origin}/taskpane.html`);
    return { context, page, errors };
  }

  it.each(["Trident", "EdgeHTML"] as const)(
    "%s: says within 2 s which Excel versions work, and the pane does not start",
    async (kind) => {
      const { context, page, errors } = await open(AGENTS[kind]);
      const alert = page.getByRole("alert");
      await alert.waitFor({ timeout: 2_000 });
      const text = (await alert.textContent()) ?? "";
      expect(text).toContain(kind === "Trident" ? "Internet Explorer" : "Edge Legacy");
      expect(text).toMatch(/Excel 2021 or later, Microsoft 365 .* and Excel on the web/);
      // Give the bundle time to (wrongly) render over it.
      await page.waitForTimeout(1_000);
      expect(await page.getByRole("button", { name: "Run" }).count()).toBe(0);
      expect(await page.getByRole("alert").textContent()).toBe(text);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it("WebView2 (Chromium Edge): no message, the pane starts", async () => {
    const { context, page, errors } = await open(AGENTS.WebView2);
    await page.getByRole("button", { name: "Insert sample data" }).waitFor({ timeout: 20_000 });
    expect(await page.getByText(/cannot run in this version of Excel/).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
