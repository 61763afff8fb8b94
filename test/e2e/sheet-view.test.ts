// End to end: the preview's sheet view (the built pane in dist/, Debian's headless Chromium) at a
// task pane's width, 350 × 900. Insert sample → Run → the Annex B link opens a grid with England
// and every ICB, its colour scale drawn as cell fills; a click on an ICB on the hex map and Go to
// on a bad input cell scroll the view to the cell and highlight it. Prints the time to open
// Detail in the view; saves docs/sheet-view.png.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSample } from "../../src/sample/generate";
import { CHROMIUM, openPane, type OpenPane } from "../support/serve";

const root = join(__dirname, "..", "..");
const dist = join(root, "dist");
const haveChromium = existsSync(CHROMIUM);
const run = haveChromium || process.env.CI ? describe : describe.skip;
const WIDTH = 350;

/** Every cell text of a virtualised grid: scrolled through from top to bottom. */
async function gridTexts(grid: Locator): Promise<Set<string>> {
  const seen = new Set<string>();
  await grid.evaluate((el) => void (el.scrollTop = 0));
  for (;;) {
    for (const t of await grid.getByRole("gridcell").allTextContents()) seen.add(t.trim());
    const done = await grid.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += el.clientHeight / 2;
      return el.scrollTop === before;
    });
    if (done) break;
    await grid.page().waitForTimeout(50);
  }
  return seen;
}

/** The highlighted (top-left selected) cell: its text, row/col and whether it is inside the grid's visible box. */
async function highlighted(page: Page) {
  const cell = page.locator("[data-grid] [data-selected]");
  await cell.waitFor({ timeout: 30_000 });
  // Let the scroll settle (the view scrolls in a layout effect; rows render on the next frame).
  await page.waitForTimeout(200);
  return cell.evaluate((el) => {
    const grid = el.closest("[role=grid]")!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const [row, col] = el.getAttribute("data-cell")!.split(",").map(Number);
    const rowText = Array.from(el.closest("[role=row]")!.querySelectorAll("[role=gridcell]")).map(
      (c) => c.textContent ?? "",
    );
    return {
      text: el.textContent ?? "",
      row: row!,
      col: col!,
      rowText,
      inView:
        r.top >= grid.top - 1 &&
        r.bottom <= grid.bottom + 1 &&
        r.left < grid.right &&
        r.right > grid.left &&
        r.bottom <= window.innerHeight &&
        r.top >= 0,
    };
  });
}

run("the preview's sheet view at 350 px", () => {
  let pane: OpenPane;
  let origin: string;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    pane = await openPane({
      dist,
      width: WIDTH,
      height: 900,
      prefix: "stdrates-chromium-",
      acceptDownloads: true,
    });
    ({ page, origin } = pane);
    page.on("pageerror", (e) => problems.push(`page error: ${e.stack ?? e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/telemetryservice\./.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await pane?.close();
  });

  it(
    "opens Annex B from its link with every ICB and the colour scale, and Detail quickly",
    { timeout: 240_000 },
    async () => {
      await page.goto(`${origin}/taskpane.html`);
      const insert = page.getByRole("button", { name: "Insert sample data" });
      await expect.poll(() => insert.isEnabled(), { timeout: 30_000 }).toBe(true);
      await insert.click();
      await page.getByText(/Inserted the sample sheets/).waitFor({ timeout: 30_000 });
      // The native charts too: the view draws them from their cells.
      await page.getByText(/^Output sheets:/).click();
      const charts = page.getByRole("checkbox", { name: "Charts (ranked and funnel, native)" });
      if (!(await charts.isChecked())) await charts.check();
      await page.getByRole("button", { name: "Run" }).click();
      const results = page.getByRole("region", { name: "Results" });
      await results.getByText("42 areas · 14 measures").waitFor({ timeout: 90_000 });

      await results
        .getByRole("navigation", { name: "Output sheets" })
        .getByRole("button", { name: "Annex B" })
        .click();
      const view = page.getByRole("region", { name: "Sheet view" });
      const grid = view.getByRole("grid", { name: "Annex B" });
      await grid.waitFor({ state: "visible", timeout: 30_000 });
      expect(await grid.isVisible()).toBe(true);

      const texts = await gridTexts(grid);
      const icbs = new Set(
        generateSample()
          .population.rows.slice(1)
          .map((r) => r[0] as string),
      );
      expect(icbs.size).toBe(42);
      expect(texts.has("England")).toBe(true);
      for (const code of icbs) expect(texts.has(code), `the view of Annex B shows ${code}`).toBe(true);

      // The colour scale: rate cells are filled with many different colours, neither white nor grey only.
      await grid.evaluate((el) => void (el.scrollTop = 0));
      await page.waitForTimeout(100);
      const fills = await grid.evaluate((el) =>
        Array.from(el.querySelectorAll("[role=gridcell]")).map((c) => getComputedStyle(c).backgroundColor),
      );
      const coloured = new Set(fills.filter((f) => f !== "rgba(0, 0, 0, 0)" && f !== "rgb(255, 255, 255)"));
      expect(coloured.size, `distinct fills: ${[...coloured].slice(0, 8).join("; ")}`).toBeGreaterThan(10);
      // Blue below England, red above (COLOR.low #5A8AC6, COLOR.high #F8696B interpolate through white).
      const rgb = [...coloured].map((f) => f.match(/\d+/g)!.map(Number));
      expect(rgb.some(([r, , b]) => b! > r! + 40)).toBe(true);
      expect(rgb.some(([r, , b]) => r! > b! + 40)).toBe(true);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH + 2);
      mkdirSync(join(root, "test-output"), { recursive: true });
      // The picture for the docs: past the names to the rates and their colours.
      await grid.evaluate((el) => void (el.scrollLeft = 420));
      await page.waitForTimeout(200);
      await view.screenshot({ path: join(root, "test-output", "sheet-view.png") });
      writeFileSync(
        join(root, "docs", "sheet-view.png"),
        readFileSync(join(root, "test-output", "sheet-view.png")),
      );

      // A native chart, drawn where it sits from the cells it names.
      await view.getByRole("tab", { name: /^Charts/ }).click();
      const chart = view.locator("[data-grid] img[data-chart]").first();
      await chart.waitFor({ timeout: 30_000 });
      expect(await chart.getAttribute("alt")).toMatch(/(standardised rate|funnel plot).*native Excel chart/);
      expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
      await chart.scrollIntoViewIfNeeded();
      await view.screenshot({ path: join(root, "test-output", "sheet-view-charts.png") });

      // In the downloaded file the native charts are pictures: a ranked chart and a funnel plot
      // for each of the 14 measures, over the cells the charts cover.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        results.getByRole("button", { name: "Download workbook" }).click(),
      ]);
      const saved = join(root, "test-output", "sheet-view-download.xlsx");
      await download.saveAs(saved);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
      expect(book.getWorksheet("Charts")!.getImages()).toHaveLength(2 * 14);

      // Detail (~600 rows × 20 columns): time from its tab to the grid painted.
      await view.getByRole("tab", { name: "Detail" }).click();
      await view.getByRole("grid", { name: "Detail" }).waitFor({ timeout: 30_000 });
      const open = await page.evaluate(async () => {
        for (let i = 0; i < 50; i++) {
          const m = performance
            .getEntriesByName("stdrates:view-open")
            .filter((e) => (e as PerformanceMeasure).detail === "Detail");
          if (m.length) return m[m.length - 1]!.duration;
          await new Promise((r) => setTimeout(r, 100));
        }
        return NaN;
      });
      const rows = await view.getByRole("grid", { name: "Detail" }).getAttribute("aria-rowcount");
      console.log(`[e2e] sheet view: Detail (${rows} rows) opened in ${open.toFixed(0)} ms`);
      expect(open).toBeGreaterThan(0);
      expect(Number(rows)).toBeGreaterThan(500);
    },
  );

  it("scrolls to an ICB's row when it is clicked on the hex map", { timeout: 120_000 }, async () => {
    await page.getByRole("button", { name: "Show pictures" }).click();
    const pictures = page.getByRole("region", { name: "Pictures" });
    await pictures.getByRole("combobox", { name: "Measure" }).selectOption("MRI");
    const areas = pictures.locator("[data-picture] svg [data-area]");
    await expect.poll(() => areas.count(), { timeout: 30_000 }).toBe(42);
    // An ICB far down the Detail sheet: the last one in the list.
    const codes = await areas.evaluateAll((els) => els.map((e) => e.getAttribute("data-area")!));
    const code = [...codes].sort().at(-1)!;
    await pictures.locator(`[data-picture] svg [data-area="${code}"]`).click();
    await page.getByRole("region", { name: "Sheet view" }).getByRole("grid", { name: "Detail" }).waitFor();
    await expect
      .poll(async () => (await highlighted(page)).rowText.join("|"), { timeout: 30_000 })
      .toContain(code);
    const h = await highlighted(page);
    expect(h.rowText).toContain("MRI");
    expect(h.row).toBeGreaterThan(30);
    expect(h.inView).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH + 2);

    // Insert picture: it goes at the selected cell, and the view draws it there.
    await pictures.getByRole("button", { name: "Insert picture" }).click();
    await pictures.getByText(/The picture is in the workbook/).waitFor({ timeout: 30_000 });
    const img = page.getByRole("region", { name: "Sheet view" }).locator("[data-grid] img");
    await img.waitFor({ timeout: 30_000 });
    expect(await img.getAttribute("alt")).toMatch(/^MRI: /);
    const [imgTop, cellTop] = await Promise.all([
      img.evaluate((e) => e.getBoundingClientRect().top),
      page.locator("[data-grid] [data-selected]").evaluate((e) => e.getBoundingClientRect().top),
    ]);
    expect(Math.abs(imgTop - cellTop)).toBeLessThan(2);
  });

  it("scrolls to a bad input cell from Go to", { timeout: 180_000 }, async () => {
    // The sample as a workbook with one population cell that is not a number, far down the sheet.
    const sample = generateSample();
    const bad = 700; // 0-based row of the population sheet (row 701 in Excel)
    const popCol = sample.population.rows[0]!.indexOf("Population");
    const wb = new ExcelJS.Workbook();
    for (const s of [sample.population, sample.activity]) {
      const ws = wb.addWorksheet(s.name);
      ws.addRows(s.rows);
    }
    wb.getWorksheet(sample.population.name)!.getCell(bad + 1, popCol + 1).value = "n/a";
    const dir = mkdtempSync(join(tmpdir(), "stdrates-bad-"));
    const file = join(dir, "bad-cell.xlsx");
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    try {
      await page.getByLabel("Open an .xlsx workbook").setInputFiles(file);
      await page.getByText(/working on bad-cell\.xlsx/).waitFor({ timeout: 60_000 });
      const runButton = page.getByRole("button", { name: "Run" });
      await expect.poll(() => runButton.isEnabled(), { timeout: 60_000 }).toBe(true);
      await runButton.click();
      const goTo = page.getByRole("button", { name: /^Go to (cell|row)/ }).first();
      await goTo.waitFor({ timeout: 90_000 });
      await goTo.click();
      const view = page.getByRole("region", { name: "Sheet view" });
      await view.getByRole("grid", { name: sample.population.name }).waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await highlighted(page)).row, { timeout: 30_000 }).toBe(bad);
      const h = await highlighted(page);
      // The highlighted cell is the bad cell, or the first cell of its row (a warning names the row).
      const want = sample.population.rows[bad]![h.col];
      expect(h.col === popCol || h.col === 0).toBe(true);
      expect(h.text).toBe(h.col === popCol ? "n/a" : String(want));
      expect(h.inView).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH + 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  });
});
