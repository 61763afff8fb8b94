// A real application opens the written workbook: LibreOffice converts it to PDF, every sheet must be
// there, and the Annex B page must show the colour scale (more than one fill colour in the measure
// columns). Skips only when soffice is absent on a developer machine; on CI (.ci/run installs it) a
// missing soffice fails.
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPlan } from "../../src/report";
import { writePlanXlsx } from "../../src/workbook/xlsx/write";
import { sampleResults } from "../report/sample";
import { convertToPdf, parsePpm, poppler, soffice } from "./soffice";

if (!soffice || !poppler)
  console.warn(
    "Skipping the LibreOffice test: soffice or pdftoppm/pdftotext is not installed here (apt-get install libreoffice-calc poppler-utils).",
  );

describe.skipIf(!soffice || !poppler)("LibreOffice opens the written workbook", () => {
  const dir = mkdtempSync(join(tmpdir(), "stdrates-lo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("converts to PDF with every sheet, and Annex B shows the colour scale", async () => {
    const plan = buildPlan(sampleResults());
    const xlsx = join(dir, "annex-b-sample.xlsx");
    writeFileSync(xlsx, await writePlanXlsx(plan));

    const pdf = convertToPdf(xlsx, dir);
    expect(readdirSync(dir)).toContain("annex-b-sample.pdf");

    // Every sheet is present: its title is in the text, in tab order.
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    const titles = [
      "Standardised rates per 10,000 population, by ICB",
      "National rates per 10,000 population",
      "Table 6. Age band rates ratios by Early Diagnosis of Cancer",
      "Rates ratios: standardised rates and p-values",
      "Distribution of standardised rates across ICBs",
      "Data quality: excluded activity and warnings",
      "Standardised rates per 10,000 population: detail",
      "About these results",
    ];
    expect(plan.sheets).toHaveLength(titles.length);
    let at = -1;
    for (const t of titles) {
      const i = text.indexOf(t, at + 1);
      expect(i, t).toBeGreaterThan(at);
      at = i;
    }
    // Page 1 is Annex B, whole: England and the last ICB of the population table on one page.
    const page1 = execFileSync("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"], {
      encoding: "utf8",
    });
    expect(page1).toContain("England");
    expect(page1).toContain("NHS Sussex ICB");
    expect(page1).toContain("3,670");

    // Rasterise page 1 and look at the fills: the scale runs blue (below England) to red (above).
    const base = join(dir, "annex-b");
    execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, base]);
    const { width, height, rgb } = parsePpm(readFileSync(`${base}.ppm`));
    let reddish = 0;
    let bluish = 0;
    const colours = new Set<number>();
    for (let p = 0; p < width * height; p++) {
      const r = rgb[3 * p];
      const g = rgb[3 * p + 1];
      const b = rgb[3 * p + 2];
      const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
      if (r > b + 40 && r > g + 20) {
        reddish++;
        colours.add(key);
      }
      // Excludes the NHS-blue title text (#005EB8: r = 0) and the pale header fill (b − r = 26).
      if (b > r + 40 && r > 40) {
        bluish++;
        colours.add(key);
      }
    }
    // Measured at 60 dpi on the sample: about 18,000 reddish and 23,000 bluish pixels in 166 shades;
    // the same page without the colour scale has 0, 308 and 18 (anti-aliased title text).
    expect(reddish).toBeGreaterThan(2000);
    expect(bluish).toBeGreaterThan(2000);
    expect(colours.size).toBeGreaterThan(40);

    // Keep a PNG of the page for people to look at (test-output is gitignored).
    mkdirSync("test-output", { recursive: true });
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "110",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      pdf,
      join(dir, "annex-b-png"),
    ]);
    copyFileSync(join(dir, "annex-b-png.png"), "test-output/annex-b.png");
  });
});
