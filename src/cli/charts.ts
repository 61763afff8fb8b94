// `stdrates charts <run options> --out DIR`: per measure, the ranked chart, funnel plot, hex map and
// boundary map as SVG and PNG files. Also the PNG renderer that `run --out` gives the report for the
// Charts sheet's pictures. PNGs come from @resvg/resvg-js (a maintained SVG renderer, no browser).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "./paths";
import { type IcbBoundaries, boundaryMapSvg } from "../charts/boundary";
import { measureChartData } from "../charts/data";
import { funnelPlotSvg } from "../charts/funnel";
import { hexMapSvg } from "../charts/hexmap";
import { hasIcbAreas } from "../charts/map-common";
import { rankedChartSvg } from "../charts/ranked";
import { run } from "../engine";
import type { Results } from "../engine/types";
import { areaNoun } from "../report/format";
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

interface Resvg {
  new (svg: string, options?: object): { render(): { asPng(): Uint8Array } };
}

let resvgClass: Resvg | undefined;

/** Loaded on first use: the native renderer costs start-up time that other commands should not pay. */
async function loadResvg(): Promise<Resvg> {
  if (!resvgClass) {
    const mod = (await import("@resvg/resvg-js")) as unknown as { Resvg: Resvg; default?: { Resvg: Resvg } };
    resvgClass = mod.Resvg ?? mod.default?.Resvg;
  }
  return resvgClass!;
}

/** SVG → PNG bytes; system fonts (DejaVu on CI, Liberation or Arial where present). */
export async function pngRenderer(zoom = PNG_ZOOM): Promise<(svg: string) => Uint8Array> {
  const R = await loadResvg();
  return (svg) =>
    new R(svg, {
      fitTo: { mode: "zoom", value: zoom },
      font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    })
      .render()
      .asPng();
}

/** The same, as base64 for the Plan's pictures. */
export async function pngBase64Renderer(zoom = PNG_ZOOM): Promise<(svg: string) => string> {
  const png = await pngRenderer(zoom);
  return (svg) => Buffer.from(png(svg)).toString("base64");
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
  const png = await pngRenderer();
  const noun = areaNoun(results).singular;
  const maps = hasIcbAreas(results.meta.areaList.map((a) => a.area));
  const boundaries = maps ? loadIcbBoundaries() : undefined;
  const files: string[] = [];
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
    for (const [kind, svg] of svgs) {
      const file = join(dir, `${base}-${kind}`);
      writeFileSync(`${file}.svg`, svg);
      writeFileSync(`${file}.png`, png(svg));
      files.push(`${file}.svg`, `${file}.png`);
    }
  });
  return { dir, files };
}
