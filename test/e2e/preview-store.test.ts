// The standalone preview keeps its workbook in IndexedDB until the user clears it: insert the
// sample and run, reload the page, and the workbook is still there (its tables found, Run works
// without inserting again, the stored .xlsx holds the sample and Annex B); Clear forgets it, and a
// reload then starts from a new, empty workbook.
import { existsSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, openPane, type OpenPane } from "../support/serve";

const dist = join(__dirname, "..", "..", "dist");
const run = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

/** The stored record, read straight from IndexedDB (not through the pane's module). */
function stored(page: Page): Promise<{ name: string; savedAt: number; base64: string } | null> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("stdrates-preview");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("workbook")) return (db.close(), resolve(null));
          const get = db.transaction("workbook").objectStore("workbook").get("current");
          get.onsuccess = () => {
            db.close();
            const v = get.result as { name: string; savedAt: number; data: ArrayBuffer } | undefined;
            if (!v) return resolve(null);
            let bin = "";
            const bytes = new Uint8Array(v.data);
            for (let i = 0; i < bytes.length; i += 0x8000)
              bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
            resolve({ name: v.name, savedAt: v.savedAt, base64: btoa(bin) });
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

run("the preview keeps its workbook across a reload", () => {
  let pane: OpenPane;
  let origin: string;
  let page: Page;

  beforeAll(async () => {
    pane = await openPane({ dist, width: 350, height: 900, prefix: "stdrates-store-" });
    ({ page, origin } = pane);
  });

  afterAll(async () => {
    await pane?.close();
  });

  const populationTable = () => page.getByRole("combobox", { name: "Population table" });
  const runButton = () => page.getByRole("button", { name: "Run", exact: true });

  it(
    "restores the inserted and run workbook after a reload; Clear forgets it",
    { timeout: 300_000 },
    async () => {
      await page.goto(`${origin}/taskpane.html`);
      const insert = page.getByRole("button", { name: "Insert sample data" });
      await expect.poll(() => insert.isEnabled(), { timeout: 30_000 }).toBe(true);
      expect(await stored(page)).toBeNull();
      await insert.click();
      await page.getByText(/Inserted the sample sheets/).waitFor({ timeout: 30_000 });
      await expect.poll(() => runButton().isEnabled(), { timeout: 30_000 }).toBe(true);
      await runButton().click();
      await page
        .getByRole("region", { name: "Results" })
        .getByText("42 areas · 14 measures")
        .waitFor({ timeout: 90_000 });
      const ran = await page.evaluate(() => Date.now());

      // Saved shortly after the run's writes: a record newer than the run, holding its sheets.
      await expect
        .poll(async () => (await stored(page))?.savedAt ?? 0, { timeout: 60_000 })
        .toBeGreaterThan(ran);
      const record = (await stored(page))!;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(record.base64, "base64") as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(
        expect.arrayContaining(["Population", "Activity", "Annex B"]),
      );

      // Reload: the same workbook, its tables found, Run works without inserting the sample again.
      await page.reload();
      await expect
        .poll(async () => (await populationTable().locator("option:checked").textContent()) ?? "", {
          timeout: 60_000,
        })
        .toMatch(/Population/);
      await expect.poll(() => runButton().isEnabled(), { timeout: 60_000 }).toBe(true);
      await runButton().click();
      await page
        .getByRole("region", { name: "Results" })
        .getByText("42 areas · 14 measures")
        .waitFor({ timeout: 90_000 });

      // Clear: the record is gone, the pane is on a new workbook with no tables, also after a reload.
      await page.getByRole("button", { name: "Clear", exact: true }).click();
      await page.getByText(/working on New workbook/).waitFor({ timeout: 30_000 });
      await expect.poll(() => stored(page), { timeout: 30_000 }).toBeNull();
      await page.reload();
      await expect.poll(() => insert.isEnabled(), { timeout: 30_000 }).toBe(true);
      await page.waitForTimeout(1500);
      expect(await populationTable().inputValue()).toBe("");
      expect(await runButton().isEnabled()).toBe(false);
      expect(await stored(page)).toBeNull();
    },
  );
});
