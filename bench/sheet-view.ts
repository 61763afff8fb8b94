// The preview's sheet view (issue 11): the built pane (dist/) in Debian's headless Chromium at
// 350 × 900 inserts the sample, runs, and opens Detail (~600 rows × 20 columns) in the view;
// timed by the view itself (performance measure "stdrates:view-open": from the tab's click to
// the grid painted), switching between Annex B and Detail. Skipped with a message without
// Chromium or dist/. Numbers, not a timed test.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_LAUNCH, serve } from "../test/support/serve";

export async function sheetViewBench(root: string, runs: number): Promise<string> {
  const dist = join(root, "dist");
  if (!existsSync(CHROMIUM)) return `sheet view: skipped — no Chromium at ${CHROMIUM}`;
  if (!existsSync(join(dist, "taskpane.html")))
    return "sheet view: skipped — dist/ is missing (npm run build)";
  const { server, origin } = await serve(dist);
  const profile = mkdtempSync(join(tmpdir(), "stdrates-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    viewport: { width: 350, height: 900 },
  });
  const times: number[] = [];
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/taskpane.html`);
    const insert = page.getByRole("button", { name: "Insert sample data" });
    await insert.waitFor({ timeout: 60_000 });
    while (!(await insert.isEnabled())) await page.waitForTimeout(100);
    await insert.click();
    await page.getByText(/Inserted the sample sheets/).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Run" }).click();
    const results = page.getByRole("region", { name: "Results" });
    await results.getByText(/\d+ areas · \d+ measures/).waitFor({ timeout: 120_000 });
    await results
      .getByRole("navigation", { name: "Output sheets" })
      .getByRole("button", { name: "Annex B" })
      .click();
    const view = page.getByRole("region", { name: "Sheet view" });
    await view.getByRole("grid", { name: "Annex B" }).waitFor({ timeout: 60_000 });
    for (let i = 0; i < runs; i++) {
      await view.getByRole("tab", { name: "Detail" }).click();
      await view.getByRole("grid", { name: "Detail" }).waitFor({ timeout: 60_000 });
      const ms = await page.evaluate(async (n) => {
        for (let k = 0; k < 100; k++) {
          const m = performance
            .getEntriesByName("stdrates:view-open")
            .filter((e) => (e as PerformanceMeasure).detail === "Detail");
          if (m.length > n) return m[m.length - 1]!.duration;
          await new Promise((r) => setTimeout(r, 50));
        }
        return NaN;
      }, i);
      times.push(ms);
      await view.getByRole("tab", { name: "Annex B" }).click();
      await view.getByRole("grid", { name: "Annex B" }).waitFor({ timeout: 60_000 });
    }
  } finally {
    await context.close();
    await new Promise((r) => server.close(r));
    rmSync(profile, { recursive: true, force: true });
  }
  const t = [...times].sort((a, b) => a - b)[times.length >> 1]!;
  return `sheet view: Detail opened in the preview's view at 350 px, tab click to grid painted — ${t.toFixed(0)} ms (median of ${runs})`;
}

// `npx tsx bench/sheet-view.ts`: this figure alone.
if (require.main === module) void sheetViewBench(join(__dirname, ".."), 5).then((line) => console.log(line));
