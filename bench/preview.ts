// The preview opening an analyst's workbook (issue 13): the built pane (dist/) in Debian's headless
// Chromium opens assets/sample/sample.xlsx (DID scale) through its file input; timed from choosing
// the file to the Activity table's column mapping on screen. Skipped with a message without
// Chromium or dist/. Numbers, not a timed test.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_LAUNCH, serve } from "../test/support/serve";

export async function previewOpenBench(root: string, runs: number): Promise<string> {
  const dist = join(root, "dist");
  if (!existsSync(CHROMIUM)) return `preview open: skipped — no Chromium at ${CHROMIUM}`;
  if (!existsSync(join(dist, "taskpane.html")))
    return "preview open: skipped — dist/ is missing (npm run build)";
  const { server, origin } = await serve(dist);
  const profile = mkdtempSync(join(tmpdir(), "stdrates-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    viewport: { width: 320, height: 900 },
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      await page.goto(origin);
      const input = page.getByLabel("Open an .xlsx workbook");
      await input.waitFor({ state: "attached", timeout: 60_000 });
      const t0 = performance.now();
      await input.setInputFiles(join(root, "assets", "sample", "sample.xlsx"));
      await page.getByText(/working on sample\.xlsx/).waitFor({ timeout: 60_000 });
      // Both tables found, with their column mappings ("Columns: 6 of 6 found").
      await page
        .getByText(/^Columns: \d+ of \d+ found/)
        .nth(1)
        .waitFor({ timeout: 60_000 });
      times.push(performance.now() - t0);
      await page.close();
    }
  } finally {
    await context.close();
    await new Promise((r) => server.close(r));
    rmSync(profile, { recursive: true, force: true });
  }
  const t = [...times].sort((a, b) => a - b)[times.length >> 1];
  return `target: workbook opened in the preview, to the mapping dropdowns ≤ 1,500 ms — ${t.toFixed(0)} ms (median of ${runs}) ${t <= 1500 ? "MET" : "NOT MET"}`;
}
