// End to end: the built standalone pane (dist/, as `npm run build` makes it) in Debian's
// headless Chromium, served from 127.0.0.1. Insert sample data → Run → Results → Download, by
// accessible names only. Also: no request leaves 127.0.0.1, no CSP violation, no page error.
// Prints the time to first render; saves test-output/pane.png and docs/pane.png. Then the Pictures
// view: the hex map of one measure (test-output/pane-map.png, docs/pane-map.png), the boundary
// map (lazy d3-geo and GeoJSON from the same origin), and Insert picture through the canvas.
import type { Server } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSample } from "../../src/sample/generate";
import { CHROMIUM, CHROMIUM_LAUNCH, serve } from "../support/serve";

const root = join(__dirname, "..", "..");
const dist = join(root, "dist");
const haveChromium = existsSync(CHROMIUM);
// On CI a missing browser is a failure, never a skip.
const run = haveChromium || process.env.CI ? describe : describe.skip;

run("standalone task pane in headless Chromium", () => {
  let context: BrowserContext;
  let server: Server;
  let origin: string;
  let page: Page;
  let profile: string;
  const outside: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    expect(haveChromium, `Chromium is missing at ${CHROMIUM} (apt-get install -y chromium)`).toBe(true);
    expect(
      existsSync(join(dist, "taskpane.html")),
      "dist/ is missing: run npm run build (npm test does)",
    ).toBe(true);
    ({ server, origin } = await serve(dist));
    profile = mkdtempSync(join(tmpdir(), "stdrates-chromium-"));
    // A fresh profile per run (removed afterwards), as a persistent context so it is ours to choose.
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH,
      viewport: { width: 320, height: 900 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("request", (r) => {
      if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) outside.push(r.url());
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.stack ?? e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(
          `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        ),
      );
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => server?.close(r));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  // Two full runs on a busy 2-core machine: give it room.
  it(
    "inserts the sample, runs, shows the results and downloads the workbook",
    { timeout: 240_000 },
    async () => {
      await page.goto(`${origin}/taskpane.html`);
      const insert = page.getByRole("button", { name: "Insert sample data" });
      await insert.waitFor({ state: "visible" });
      await expect.poll(() => insert.isEnabled(), { timeout: 20_000 }).toBe(true);
      const timing = await page.evaluate(() => ({
        firstRender: performance.getEntriesByName("stdrates:first-render")[0]?.startTime,
        ready: performance.getEntriesByName("stdrates:ready")[0]?.startTime,
        load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
      }));
      console.log(
        `[e2e] time to first render ${timing.firstRender?.toFixed(0)} ms; ready (tables listed) ${timing.ready?.toFixed(0)} ms; load event ${timing.load.toFixed(0)} ms`,
      );
      expect(timing.firstRender).toBeGreaterThan(0);

      await insert.click();
      await page.getByText(/Inserted the sample sheets/).waitFor({ timeout: 30_000 });
      await page.getByRole("button", { name: "Run" }).click();

      const results = page.getByRole("region", { name: "Results" });
      await results.getByText("42 areas · 14 measures").waitFor({ timeout: 60_000 });
      const rates = results.getByRole("table", { name: "National rates" });
      await expect.poll(() => rates.getByRole("row").count()).toBe(15);
      await expect.poll(async () => (await rates.textContent()) ?? "").toMatch(/X-ray[\d,]+[\d,]+/);

      // Usable at 320 px: nothing wider than the pane.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      mkdirSync(join(root, "test-output"), { recursive: true });
      await page.screenshot({ path: join(root, "test-output", "pane.png"), fullPage: true });
      writeFileSync(join(root, "docs", "pane.png"), readFileSync(join(root, "test-output", "pane.png")));

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        results.getByRole("button", { name: "Download workbook" }).click(),
      ]);
      const saved = join(root, "test-output", "pane-download.xlsx");
      await download.saveAs(saved);
      expect(download.suggestedFilename()).toBe("stdrates.xlsx");

      // A valid workbook: the inserted sheets plus Annex B listing every ICB of the sample.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
      const names = wb.worksheets.map((w) => w.name);
      expect(names).toEqual(expect.arrayContaining(["Population", "Activity", "Annex B"]));
      const annex = wb.getWorksheet("Annex B")!;
      const text = new Set<string>();
      annex.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && text.add(c.value))));
      const icbs = new Set(
        generateSample()
          .population.rows.slice(1)
          .map((r) => r[0] as string),
      );
      expect(icbs.size).toBe(42);
      for (const code of icbs) expect(text.has(code), `Annex B lists ${code}`).toBe(true);

      // Open the downloaded workbook in the preview and run again: the output sheets are replaced,
      // not duplicated, and the user's sheets stay.
      await page.getByLabel("Open an .xlsx workbook").setInputFiles(saved);
      await page.getByText(/working on pane-download\.xlsx/).waitFor({ timeout: 30_000 });
      const run2 = page.getByRole("button", { name: "Run" });
      await expect.poll(() => run2.isEnabled(), { timeout: 30_000 }).toBe(true);
      await run2.click();
      await page
        .getByRole("region", { name: "Results" })
        .getByText("42 areas · 14 measures")
        .waitFor({ timeout: 60_000 });
      const [again] = await Promise.all([
        page.waitForEvent("download"),
        page
          .getByRole("region", { name: "Results" })
          .getByRole("button", { name: "Download workbook" })
          .click(),
      ]);
      expect(again.suggestedFilename()).toBe("pane-download-stdrates.xlsx");
      const saved2 = join(root, "test-output", "pane-download-2.xlsx");
      await again.saveAs(saved2);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(readFileSync(saved2) as unknown as ArrayBuffer);
      expect(wb2.worksheets.map((w) => w.name)).toEqual(names);

      expect(outside, "requests outside 127.0.0.1").toEqual([]);
      // office.js (not the pane) tries to frame Microsoft's telemetry page: the CSP blocks that, as meant.
      const officeTelemetry = (p: string) =>
        /frame-src https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com/.test(p) ||
        /Framing 'https:\/\/telemetryservice\./.test(p);
      expect(problems.filter((p) => !officeTelemetry(p))).toEqual([]);
    },
  );

  it(
    "shows the pictures of a measure, legible at 320 px, and inserts one into the workbook",
    { timeout: 120_000 },
    async () => {
      // Continues on the page the run above left (results of the second run shown).
      await page.getByRole("button", { name: "Show pictures" }).click();
      const pictures = page.getByRole("region", { name: "Pictures" });
      await pictures.waitFor({ timeout: 30_000 });
      await pictures.getByRole("combobox", { name: "Measure" }).selectOption("MRI");
      const areas = pictures.locator("[data-picture] svg [data-area]");
      await expect.poll(() => areas.count(), { timeout: 30_000 }).toBe(42);
      await expect
        .poll(async () => (await pictures.locator("[data-picture] svg > title").textContent()) ?? "")
        .toMatch(/^MRI: /);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      // Drawn at the pane's width (the builders' minimum is 300 px), not scaled down from a wider picture: text keeps its size.
      const drawn = await pictures
        .locator("[data-picture] svg")
        .evaluate((e) => [Number(e.getAttribute("width")), e.getBoundingClientRect().width]);
      expect(drawn[1]! / drawn[0]!).toBeGreaterThan(0.95);
      await pictures.scrollIntoViewIfNeeded();
      await pictures.screenshot({ path: join(root, "test-output", "pane-map.png") });
      writeFileSync(
        join(root, "docs", "pane-map.png"),
        readFileSync(join(root, "test-output", "pane-map.png")),
      );

      // The true boundaries, loaded on demand: 42 ICB outlines, and London's five again in the inset.
      await pictures.getByRole("tab", { name: "Boundaries" }).click();
      await expect
        .poll(() => pictures.locator("[data-picture] svg > path[data-area]").count(), { timeout: 30_000 })
        .toBe(42);
      expect(await pictures.locator("[data-picture] svg [data-inset] path[data-area]").count()).toBe(5);

      // Insert picture: the browser renders the SVG to PNG (canvas) and the preview workbook takes it.
      await pictures.getByRole("tab", { name: "Hex map" }).click();
      await pictures.getByRole("button", { name: "Insert picture" }).click();
      await pictures.getByText(/The picture is in the workbook/).waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page
          .getByRole("region", { name: "Results" })
          .getByRole("button", { name: "Download workbook" })
          .click(),
      ]);
      const saved = join(root, "test-output", "pane-download-picture.xlsx");
      await download.saveAs(saved);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
      const media = (wb.model as unknown as { media: { extension: string; buffer: Uint8Array }[] }).media;
      expect(media.filter((m) => m.extension === "png").length).toBeGreaterThanOrEqual(1);

      expect(outside, "requests outside 127.0.0.1").toEqual([]);
      const officeTelemetry = (p: string) => /telemetryservice\./.test(p);
      expect(problems.filter((p) => !officeTelemetry(p))).toEqual([]);
    },
  );

  it("lists a scenario's changed verdicts at 320 px, each with Go to", { timeout: 120_000 }, async () => {
    // Continues on the same page: halving one ICB's activity changes its verdicts against England.
    const whatIf = page.getByRole("region", { name: "What if" });
    await whatIf.getByText("New scenario").click();
    await whatIf.getByRole("textbox", { name: "Scenario name" }).fill("QE1 halved");
    await whatIf.getByRole("combobox", { name: "Area" }).selectOption("QE1");
    await whatIf.getByRole("textbox", { name: /Change/ }).fill("-50");
    await whatIf.getByRole("button", { name: "Add adjustment" }).click();
    await whatIf.getByRole("button", { name: "Save scenario" }).click();
    await whatIf.getByRole("button", { name: "Compare QE1 halved" }).click();
    const verdicts = whatIf.getByRole("table", { name: "Verdicts that changed" });
    await verdicts.waitFor({ timeout: 60_000 });
    expect(await verdicts.getByRole("row").count()).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await whatIf.scrollIntoViewIfNeeded();
    await whatIf.screenshot({ path: join(root, "test-output", "pane-whatif.png") });
    writeFileSync(
      join(root, "docs", "pane-whatif.png"),
      readFileSync(join(root, "test-output", "pane-whatif.png")),
    );
  });
});
