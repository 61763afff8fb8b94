// The workbook `stdrates run --out` writes: a Charts sheet holding 14 ranked charts, 14 funnel plots
// and 14 hex maps as PNG pictures, and LibreOffice opens it and draws them. `stdrates charts --out DIR`
// writes the same pictures as files. Both through the real command (node bin/stdrates.cjs).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../cli/helpers";
import { convertToPdf, parsePpm, poppler, soffice } from "../libreoffice/soffice";

const dir = tempDir("stdrates-charts-");
const xlsx = join(dir, "report.xlsx");
const sample = (f: string) => join("assets", "sample", f);
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("run --out: the Charts sheet", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const r = await runCli([
      "run",
      "--population",
      sample("population.csv"),
      "--activity",
      sample("activity.csv"),
      "--out",
      xlsx,
      "-q",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
  }, 180_000);

  it("comes after Annex B and holds 42 PNG pictures: 14 ranked charts (A), 14 funnels (B), 14 maps (C)", () => {
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(["Annex B", "Charts"]);
    const ws = wb.getWorksheet("Charts")!;
    const images = ws.getImages();
    expect(images).toHaveLength(42);
    const byCol = [0, 1, 2].map((c) => images.filter((im) => Math.round(im.range.tl.col) === c).length);
    expect(byCol).toEqual([14, 14, 14]);
    // Every picture is a distinct PNG in xl/media.
    const media = (wb.model as unknown as { media: { type: string; extension: string; buffer: Buffer }[] })
      .media;
    expect(media).toHaveLength(42);
    for (const m of media) {
      expect(m.extension).toBe("png");
      expect([...m.buffer.subarray(0, 4)]).toEqual(PNG_MAGIC);
    }
  });

  it("the data beside the pictures: each measure's title and England rate", () => {
    const ws = wb.getWorksheet("Charts")!;
    const titles: string[] = [];
    ws.getColumn(1).eachCell((c) => {
      if (typeof c.value === "string") titles.push(c.value);
    });
    expect(titles).toEqual(expect.arrayContaining(["X-ray", "Fluoroscopy", "Abdomen or Pelvis Ultrasound"]));
  });

  it.skipIf(!soffice || !poppler)("LibreOffice renders the Charts sheet with its pictures", () => {
    const pdf = convertToPdf(xlsx, dir);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    let page = 0;
    for (let p = 1; p <= pages && !page; p++)
      if (
        execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], {
          encoding: "utf8",
        }).includes("Charts: standardised rates")
      )
        page = p;
    expect(page).toBeGreaterThan(0);
    // The pictures are in the PDF as images on that page.
    const list = execFileSync("pdfimages", ["-list", "-f", String(page), "-l", String(page), pdf], {
      encoding: "utf8",
    });
    expect(list.trim().split("\n").length - 2).toBeGreaterThanOrEqual(6);
    // And drawn: the maps' and bars' reds and blues show on the rasterised page.
    const base = join(dir, "charts-page");
    execFileSync("pdftoppm", ["-r", "60", "-f", String(page), "-l", String(page), "-singlefile", pdf, base]);
    const { width, height, rgb } = parsePpm(readFileSync(`${base}.ppm`));
    let red = 0;
    let blue = 0;
    for (let p = 0; p < width * height; p++) {
      const [r, g, b] = [rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]];
      if (r > b + 40 && r > g + 20) red++;
      if (b > r + 40 && r > 40) blue++;
    }
    expect(red).toBeGreaterThan(500);
    expect(blue).toBeGreaterThan(500);
    mkdirSync("test-output", { recursive: true });
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "110",
      "-f",
      String(page),
      "-l",
      String(page),
      "-singlefile",
      pdf,
      join(dir, "charts-png"),
    ]);
    copyFileSync(join(dir, "charts-png.png"), "test-output/charts-sheet.png");
  });
});

describe("stdrates charts --out DIR", () => {
  it("writes a ranked chart, funnel plot, hex map and boundary map per measure, as SVG and PNG", async () => {
    const out = join(dir, "pictures");
    const r = await runCli([
      "charts",
      "--population",
      sample("population.csv"),
      "--activity",
      sample("activity.csv"),
      "--out",
      out,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(14 * 4 * 2);
    for (const kind of ["ranked", "funnel", "map", "boundary-map"])
      for (const ext of ["svg", "png"]) expect(files).toContain(`01-x-ray-${kind}.${ext}`);
    expect(files).toContain("14-abdomen-or-pelvis-ultrasound-map.png");
    const png = readFileSync(join(out, "05-fluoroscopy-map.png"));
    expect([...png.subarray(0, 4)]).toEqual(PNG_MAGIC);
    // PNGs at twice the SVG's 480 px width.
    expect(png.readUInt32BE(16)).toBe(960);
    expect(readFileSync(join(out, "05-fluoroscopy-map.svg"), "utf8")).toMatch(/^<svg [^>]*width="480"/);
    mkdirSync("test-output/charts", { recursive: true });
    for (const f of files) copyFileSync(join(out, f), join("test-output/charts", f));
  }, 180_000);

  it("needs --out, and a folder rather than a workbook", async () => {
    const r = await runCli([
      "charts",
      "--population",
      sample("population.csv"),
      "--activity",
      sample("activity.csv"),
      "--out",
      "x.xlsx",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/folder/);
    expect(existsSync("x.xlsx")).toBe(false);
    const r2 = await runCli([
      "charts",
      "--population",
      sample("population.csv"),
      "--activity",
      sample("activity.csv"),
    ]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--out DIR/);
  });
});
