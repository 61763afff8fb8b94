// Printed pages (issue 11), as LibreOffice prints the written workbook: a table's title is never the
// last line of a page (Rates ratios' Table 6 was left at the bottom of one page, its table on the
// next); the Charts sheet prints one measure to a page with its three pictures at a readable size.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPlan } from "../../src/report";
import { writePlanXlsx } from "../../src/workbook/xlsx/write";
import { sampleResults } from "../report/sample";
import { convertToPdf, poppler, soffice } from "./soffice";

const png = (svg: string) =>
  Buffer.from(
    new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render().asPng(),
  ).toString("base64");

describe.skipIf(!soffice || !poppler)("printed pages of the written workbook", () => {
  const dir = mkdtempSync(join(tmpdir(), "stdrates-print-"));
  const results = sampleResults();
  let pdf = "";
  /** Each page's non-empty lines, footer ("… Page n of N") removed. */
  let pages: { lines: string[]; footer: string }[] = [];
  beforeAll(async () => {
    const plan = buildPlan(results, { sheets: ["ratios", "data-quality"], charts: { renderPng: png } });
    const xlsx = join(dir, "print.xlsx");
    writeFileSync(xlsx, await writePlanXlsx(plan));
    pdf = convertToPdf(xlsx, dir);
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    pages = Array.from({ length: n }, (_, i) => {
      const text = execFileSync("pdftotext", ["-layout", "-f", `${i + 1}`, "-l", `${i + 1}`, pdf, "-"], {
        encoding: "utf8",
      });
      const lines = text
        .split("\n")
        .map((l) => l.trim().replace(/\s+/g, " "))
        .filter(Boolean);
      return { lines: lines.slice(0, -1), footer: lines.at(-1) ?? "" };
    });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("never ends a page with a table's title: Rates ratios and Data quality", () => {
    const ratioPages = pages.filter((p) => p.footer.startsWith("Rates ratios Page"));
    // A factor a page (sex, deprivation, age), each starting with its title: no page of text that
    // ran past the tables (long lines wrap within them).
    expect(ratioPages.map((p) => p.lines[0])).toEqual([
      "Rates ratios",
      expect.stringMatching(/^Table 3\./),
      expect.stringMatching(/^Table 5\./),
    ]);
    expect(pages.filter((p) => p.footer.startsWith("Data quality Page")).length).toBeLessThanOrEqual(3);
    const titles = ratioPages.flatMap((p) => p.lines.filter((l) => /^Table \d+\./.test(l)));
    expect(titles).toHaveLength(6);
    for (const p of [...ratioPages, ...pages.filter((q) => q.footer.startsWith("Data quality Page"))]) {
      p.lines.forEach((l, i) => {
        if (/^(Table \d+\.|Excluded activity by|Warnings$)/.test(l))
          // The title, its header row and at least one row of its table ("None." for no warnings) on one page.
          expect(p.lines.length - i, `"${l}" at the bottom of a page`).toBeGreaterThanOrEqual(3);
      });
    }
    // Every table whole across the page: Table 1's last modality heading is on its title's page.
    const t1 = ratioPages.find((p) => p.lines.some((l) => l.startsWith("Table 1.")))!;
    expect(t1.lines.join("\n")).toMatch(/Photography/);
    // Table 6 (age bands by early-diagnosis test) starts with its base level on its title's page.
    const t6 = ratioPages.find((p) => p.lines.some((l) => l.startsWith("Table 6.")))!;
    expect(t6.lines.slice(t6.lines.findIndex((l) => l.startsWith("Table 6."))).join("\n")).toMatch(/0 - <45/);
  });

  it("prints the Charts sheet one measure to a page, three pictures each at least 6 cm wide", () => {
    const chartPages = pages
      .map((p, i) => ({ ...p, n: i + 1 }))
      .filter((p) => p.footer.startsWith("Charts Page"));
    for (const m of results.measures) {
      const at = chartPages.filter((p) => p.lines.includes(m));
      expect(at, m).toHaveLength(1);
      // Only this measure's title on its page (the data tables print on later pages).
      expect(
        at[0].lines.filter((l) => results.measures.includes(l)),
        m,
      ).toEqual([m]);
      const list = execFileSync("pdfimages", ["-list", "-f", `${at[0].n}`, "-l", `${at[0].n}`, pdf], {
        encoding: "utf8",
      });
      const images = list
        .split("\n")
        .slice(2)
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[2] === "image");
      expect(images, m).toHaveLength(3);
      // Displayed width = pixels ÷ pixels per inch.
      for (const f of images) expect((Number(f[3]) / Number(f[12])) * 2.54, m).toBeGreaterThanOrEqual(6);
    }
  });
});
