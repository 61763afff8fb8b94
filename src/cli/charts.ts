// `stdrates charts <run options> --out DIR`: per measure, the ranked chart, funnel plot, hex map and
// boundary map as SVG and PNG files. Also the PNG renderer that `run --out` gives the report for the
// Charts sheet's pictures. PNGs come from @resvg/resvg-js (a maintained SVG renderer, no browser).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "./paths";
import { pngPool } from "./png-pool";
import { type IcbBoundaries, boundaryMapSvg } from "../charts/boundary";
import { measureChartData } from "../charts/data";
import { funnelPlotSvg } from "../charts/funnel";
import { hexMapSvg } from "../charts/hexmap";
import { hasIcbAreas } from "../charts/map-common";
import { rankedChartSvg } from "../charts/ranked";
import { run } from "../engine";
import type { Results } from "../engine/types";
import { areaNoun } from "../report/format";
import type { Plan } from "../report/plan";
import { parseCommandLine, UsageError } from "./args";
import { readInputs } from "./inputs";

export const CHARTS_HELP = `
stdrates charts [WORKBOOK.xlsx] [run options] --out DIR
  Per measure, writes NN-measure-ranked, -funnel, -map (ICB hex map) and -boundary-map (ICB
  boundaries), each as .svg and .png (480 px wide; PNGs at twice that, sharp in print). Maps are
  drawn when the areas are ICB codes (ODS or ONS); ICBs missing from the data are hatched "no data".
`;

/** Pixels per SVG pixel in the PNGs: sharp when printed or zoomed. */
export const PNG_ZOOM = 2;

/** DejaVu Sans, regular and bold, where Debian (fonts-dejavu-core) and Fedora put it. */
const DEJAVU_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts"];
const DEJAVU_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];
/** Our Latin subset of the same two faces (assets/fonts/README.md). */
const LATIN_FILES = ["DejaVuSans-Latin.ttf", "DejaVuSans-Bold-Latin.ttf"];

/**
 * resvg's fonts: DejaVu Sans (the face the SVGs' text widths are estimated for), first our Latin
 * subset, then the system's full DejaVu behind it for any other character (or, without it, the
 * system's fonts). resvg builds its font database anew for each picture (scanning the system's
 * fonts cost ~75 ms of the ~80 ms a picture took) and re-reads a font file for nearly every glyph
 * it draws: the 140 KB subset instead of the 760 KB file took 0.7 s of CPU off the 42 pictures.
 */
function resvgFonts(): object {
  const latin = LATIN_FILES.map((f) => projectPath("assets", "fonts", f)).filter((f) => existsSync(f));
  for (const dir of DEJAVU_DIRS) {
    const files = DEJAVU_FILES.map((f) => join(dir, f)).filter((f) => existsSync(f));
    if (files.length > 0)
      return { loadSystemFonts: false, fontFiles: [...latin, ...files], defaultFontFamily: "DejaVu Sans" };
  }
  return { loadSystemFonts: true, fontFiles: latin, defaultFontFamily: "DejaVu Sans" };
}

/** resvg's options for PNGs at `zoom` pixels per SVG pixel. */
function resvgOptions(zoom: number): object {
  return { fitTo: { mode: "zoom", value: zoom }, font: resvgFonts() };
}

/** SVGs → PNG bytes, in order, drawn side by side on worker threads (see png-pool.ts). */
export async function renderPngs(svgs: string[], zoom = PNG_ZOOM): Promise<Uint8Array[]> {
  const pool = pngPool(resvgOptions(zoom));
  try {
    return await Promise.all(svgs.map((svg) => pool.render(svg)));
  } finally {
    await pool.close();
  }
}

/** assets/data/ of this checkout. */
function assetsData(): string {
  return projectPath("assets", "data");
}

export function loadIcbBoundaries(): IcbBoundaries {
  return JSON.parse(
    readFileSync(join(assetsData(), "icb_boundaries_apr2023_bsc.geojson"), "utf8"),
  ) as IcbBoundaries;
}

/** "Kidney or Bladder Ultrasound" → "kidney-or-bladder-ultrasound". */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "measure"
  );
}

export interface ChartFiles {
  dir: string;
  files: string[];
}

export async function chartsCommand(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(CHARTS_HELP);
    return 0;
  }
  const cmd = parseCommandLine(["run", ...argv]);
  if (!cmd.out) throw new UsageError("stdrates charts needs --out DIR (the folder for the pictures).");
  if (/\.xlsx$/i.test(cmd.out))
    throw new UsageError(`--out for charts is a folder, not a workbook (got ${cmd.out}).`);
  if (!cmd.workbook && !cmd.population && !cmd.activity)
    throw new UsageError(
      "No input: give a workbook, or --population FILE and --activity FILE. See stdrates charts --help.",
    );
  const input = await readInputs(cmd);
  const results = run(input, cmd.options);
  const { files } = await writeChartFiles(results, cmd.out);
  if (!cmd.quiet) io.out(`Wrote ${files.length} files to ${cmd.out}\n`);
  return 0;
}

export async function writeChartFiles(results: Results, dir: string): Promise<ChartFiles> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`Cannot create ${dir}: ${(e as Error).message}.`);
  }
  const noun = areaNoun(results).singular;
  const maps = hasIcbAreas(results.meta.areaList.map((a) => a.area));
  const boundaries = maps ? loadIcbBoundaries() : undefined;
  const files: string[] = [];
  const pictures: { file: string; svg: string }[] = [];
  const digits = String(results.measures.length).length;
  results.measures.forEach((measure, i) => {
    const d = measureChartData(results, measure);
    const base = `${String(i + 1).padStart(Math.max(2, digits), "0")}-${slug(measure)}`;
    const svgs: [string, string][] = [
      ["ranked", rankedChartSvg(d, { width: 480, noun })],
      ["funnel", funnelPlotSvg(d, { width: 480, noun })],
    ];
    if (maps) svgs.push(["map", hexMapSvg(d, { width: 480, noun })]);
    if (boundaries) svgs.push(["boundary-map", boundaryMapSvg(d, boundaries, { width: 480, noun })]);
    for (const [kind, svg] of svgs) pictures.push({ file: join(dir, `${base}-${kind}`), svg });
  });
  const pngs = await renderPngs(pictures.map((p) => p.svg));
  pictures.forEach(({ file, svg }, i) => {
    writeFileSync(`${file}.svg`, svg);
    writeFileSync(`${file}.png`, pngs[i]);
    files.push(`${file}.svg`, `${file}.png`);
  });
  return { dir, files };
}

/**
 * A Plan whose pictures are drawn on worker threads: `build` makes it with a placeholder for
 * each picture (the report asks for PNGs one by one), each queued for drawing as it is asked
 * for, so drawing overlaps building; then the PNGs are filled in.
 */
export async function planWithPictures(build: (renderPng: (svg: string) => string) => Plan): Promise<Plan> {
  const pool = pngPool(resvgOptions(PNG_ZOOM));
  try {
    const pngs: Promise<Uint8Array>[] = [];
    const plan = build((svg) => `${PLACEHOLDER}${pngs.push(pool.render(svg)) - 1}`);
    const drawn = await Promise.all(pngs);
    for (const sheet of plan.sheets)
      for (const image of sheet.images ?? [])
        if (image.base64.startsWith(PLACEHOLDER))
          image.base64 = Buffer.from(drawn[Number(image.base64.slice(PLACEHOLDER.length))]).toString(
            "base64",
          );
    return plan;
  } finally {
    await pool.close();
  }
}

/** Not base64 (which has no "#"), so never mistaken for a picture. */
const PLACEHOLDER = "#picture-";
