// The built pane at 350 × 900 (a normal task-pane width): open a workbook with the sample and a
// published-style Annex B (two figures altered), Run, Validate (the two differences listed: saved
// as docs/pane-validate.png), then open every section and start a new scenario: nothing is wider
// than the pane (document scrollWidth ≤ 352), and any text cut with an ellipsis carries its full
// text in a title tooltip.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as runEngine } from "../../src/engine";
import { generateSample } from "../../src/sample/generate";
import { gridToTable } from "../../src/workbook/tables";
import { CHROMIUM, openPane, type OpenPane } from "../support/serve";

const root = join(__dirname, "..", "..");
const dist = join(root, "dist");
const run = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;
const WIDTH = 350;

/** The sample's two tables and a published-style Annex B: its rates rounded, two of them off by 3. */
async function publishedWorkbook(
  dir: string,
): Promise<{ path: string; altered: { area: string; measure: string }[] }> {
  const sample = generateSample();
  const results = runEngine({
    population: gridToTable(sample.population.rows, { sheet: "Population" }),
    activity: gridToTable(sample.activity.rows, { sheet: "Activity" }),
  });
  const rows: (string | number | null)[][] = [["ICB code", "ICB name", ...results.measures]];
  for (const a of results.meta.areaList)
    rows.push([
      a.area,
      a.name,
      ...results.measures.map((m) =>
        Math.round(results.areas.find((x) => x.area === a.area && x.measure === m)!.rate),
      ),
    ]);
  (rows[5]![2] as number) += 3;
  (rows[17]![7] as number) -= 3;
  // The pane names an area by its name; the measures are the altered columns'.
  const altered = [
    { area: rows[5]![1] as string, measure: results.measures[0]! },
    { area: rows[17]![1] as string, measure: results.measures[5]! },
  ];
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Population").addRows(sample.population.rows);
  wb.addWorksheet("Activity").addRows(sample.activity.rows);
  wb.addWorksheet("Published Annex B").addRows(rows);
  const path = join(dir, "published.xlsx");
  writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
  return { path, altered };
}

/** Elements wider than the pane, and ellipsis-cut text without its full text in a title. */
function overflow(page: Page, width: number) {
  return page.evaluate((w) => {
    const wide: string[] = [];
    const cut: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll<HTMLElement>("#container *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > w + 2) wide.push(`${describe(el)} right=${Math.round(r.right)}`);
      const style = getComputedStyle(el);
      if (
        style.textOverflow === "ellipsis" &&
        el.scrollWidth > el.clientWidth + 1 &&
        el.tagName !== "SELECT"
      ) {
        const title = el.getAttribute("title") ?? el.closest("[title]")?.getAttribute("title") ?? "";
        if (!title.includes((el.textContent ?? "").trim())) cut.push(describe(el));
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 15), cut };
  }, width);
}

run(`the pane at ${WIDTH} px`, () => {
  let pane: OpenPane;
  let origin: string;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    pane = await openPane({ dist, width: WIDTH, height: 900, prefix: "stdrates-narrow-" });
    ({ page, origin, profile } = pane);
  });

  afterAll(async () => {
    await pane?.close();
  });

  it(
    "lists the two altered figures in Validate, and nothing is wider than the pane with every section open",
    { timeout: 300_000 },
    async () => {
      const { path, altered } = await publishedWorkbook(profile);
      await page.goto(`${origin}/taskpane.html`);
      await page.getByLabel("Open an .xlsx workbook").setInputFiles(path);
      await page.getByText(/working on published\.xlsx/).waitFor({ timeout: 60_000 });
      const runButton = page.getByRole("button", { name: "Run", exact: true });
      await expect.poll(() => runButton.isEnabled(), { timeout: 60_000 }).toBe(true);
      await runButton.click();
      await page
        .getByRole("region", { name: "Results" })
        .getByText("42 areas · 14 measures")
        .waitFor({ timeout: 90_000 });

      // Validate against the published sheet: exactly the two altered figures are listed.
      const validate = page.getByRole("region", { name: "Validate against a publication" });
      await expect
        .poll(() => validate.getByRole("combobox", { name: "Published sheet" }).inputValue(), {
          timeout: 30_000,
        })
        .toBe("Published Annex B");
      await validate.getByRole("button", { name: "Validate", exact: true }).click();
      const list = validate.getByRole("table", { name: "Differing figures" });
      await list.waitFor({ timeout: 60_000 });
      const rows = list.locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(2);
      const listed = await rows.allTextContents();
      for (const a of altered) {
        const row = listed.find((t) => t.includes(a.area));
        expect(row, `${a.area} in ${listed.join(" | ")}`).toBeDefined();
        expect(row).toContain(a.measure);
      }
      mkdirSync(join(root, "test-output"), { recursive: true });
      await validate.scrollIntoViewIfNeeded();
      await validate.screenshot({ path: join(root, "test-output", "pane-validate.png") });
      writeFileSync(
        join(root, "docs", "pane-validate.png"),
        readFileSync(join(root, "test-output", "pane-validate.png")),
      );

      // Every section open: the pictures, every collapsed part, and a new scenario.
      await page.getByRole("button", { name: "Show pictures" }).click();
      const pictures = page.getByRole("region", { name: "Pictures" });
      await pictures.waitFor({ timeout: 30_000 });
      // Hex labels at least 10 px as displayed (SVG font size × the picture's display scale).
      await expect
        .poll(() => pictures.locator("[data-picture] svg [data-area] text").count(), { timeout: 30_000 })
        .toBe(42);
      const shown = await pictures.locator("[data-picture] svg").evaluate((svg) => {
        const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute("width"));
        return [...svg.querySelectorAll("[data-area] text")].map(
          (t) => parseFloat(getComputedStyle(t).fontSize) * scale,
        );
      });
      expect(Math.min(...shown)).toBeGreaterThanOrEqual(10);
      const whatIf = page.getByRole("region", { name: "What if" });
      await whatIf.getByText("New scenario").click();
      for (let pass = 0; pass < 3; pass++)
        for (const d of await page.locator("details:not([open]) > summary").all())
          if (await d.isVisible()) await d.click();
      expect(await page.locator("details:not([open])").count()).toBe(0);
      await page.waitForTimeout(300);

      // Unselected options read as enabled: every enabled radio and checkbox label in the body colour
      // (Fluent greys unchecked ones), the same as a checked one's.
      // colorNeutralForeground1 (#242424) is the body text's colour; a grey one is named with its label.
      const colours = await page
        .locator(".fui-Radio__label, .fui-Checkbox__label")
        .evaluateAll((els) =>
          els
            .filter((e) => !(e.parentElement?.querySelector("input") as HTMLInputElement | null)?.disabled)
            .map((e) => ({ colour: getComputedStyle(e).color, label: e.textContent ?? "" })),
        );
      expect(colours.length).toBeGreaterThan(10);
      expect(colours.filter((c) => c.colour !== "rgb(36, 36, 36)")).toEqual([]);

      const o = await overflow(page, WIDTH);
      console.log(
        `[narrow] scrollWidth ${o.scrollWidth} at ${WIDTH} px; wider: ${o.wide.join("; ") || "none"}`,
      );
      expect(o.cut, "ellipsis without the full text in a title").toEqual([]);
      expect(o.scrollWidth).toBeLessThanOrEqual(WIDTH + 2);

      // The differences list: no heading or number cell clipped, no heading word split over lines.
      const cells = await page
        .getByRole("table", { name: "Differing figures" })
        .locator("th, td.num")
        .evaluateAll((els) =>
          els.map((e) => {
            // Lines the heading's text lies on: the distinct tops of its text nodes' line boxes.
            const tops = new Set<number>();
            const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              const range = document.createRange();
              range.selectNodeContents(n);
              for (const r of range.getClientRects()) tops.add(Math.round(r.top));
            }
            return {
              text: e.textContent ?? "",
              clipped: e.scrollWidth > e.clientWidth,
              lines: e.tagName === "TH" ? tops.size : 1,
            };
          }),
        );
      expect(cells.length).toBeGreaterThan(6);
      expect(cells.filter((c) => c.clipped)).toEqual([]);
      expect(cells.filter((c) => c.lines > 1)).toEqual([]);
    },
  );
});
