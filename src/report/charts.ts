// The Charts sheet: per measure, the data every picture is drawn from, written as cells (areas ranked
// by standardised rate with England's rate and the limits; the funnel's points; its exact Poisson
// control lines), ChartSpecs over those cells for Excel's native charts, and, when the caller can
// render PNG (the command line, through resvg), the ranked chart, funnel plot and hex map as pictures.
// Pictures and native charts share anchors: columns A–C of each measure's section.
import { type MeasureChartData, measureChartData } from "../charts/data";
import { funnelPlotSvg } from "../charts/funnel";
import { hexMapSvg } from "../charts/hexmap";
import { hasIcbAreas } from "../charts/map-common";
import { rankedChartSvg } from "../charts/ranked";
import { ADJUSTED, VERDICT_TEXT } from "../charts/colour";
import { ROW_POINTS, printScale } from "./print";
import { SUPPRESSED } from "./suppressed";
import type { Results } from "../engine/types";
import type { ChartSpec, ColumnWidth, ImagePlan, Rect, SheetPlan, ValueBlock } from "./plan";
import { FMT, FONT, areaNoun, cellValue, headerRow, perK, sheetHeading, textBlock } from "./format";

/** Renders an SVG string to PNG and returns it as base64 (Node only: the caller supplies it). */
export type PngRenderer = (svg: string) => string;

export interface ChartSheetOptions {
  /** When given, the ranked chart, funnel plot and hex map of each measure are placed as PNG pictures. */
  renderPng?: PngRenderer;
  /** Picture width in pixels (default 440). */
  pictureWidth?: number;
}

export const CHARTS_SHEET_KEY = "charts";

/** Excel's default row height (15 pt) in pixels at 96 dpi: pictures span whole rows of it. */
const ROW_PX = 20;
/** Columns: A ranked chart, B funnel plot, C map, D gap, then the data tables. */
const PICTURE_COLS = { ranked: 0, funnel: 1, map: 2 } as const;
const RANKED_COL = 4;
const RANKED_HEADERS = (k: string) => [
  "Rank",
  "Code",
  "Name",
  `Standardised rate ${k}`,
  "Lower 95%",
  "Upper 95%",
  "Lower 99.8%",
  "Upper 99.8%",
  `England ${k}`,
  "vs England (99.8%)",
];
/** The ranked table's verdict header says which verdicts it holds (SPEC §4b setting). */
const rankedHeaders = (k: string, d: MeasureChartData) =>
  RANKED_HEADERS(k).map((h) =>
    h === "vs England (99.8%)" && d.verdicts === "overdispersed" ? "vs England (99.8%, overdispersed)" : h,
  );
const POINTS_COL = RANKED_COL + 11;
const POINTS_HEADERS = [
  "Code",
  "Name",
  "Expected (E)",
  "Ratio O/E",
  "Funnel significance",
  "vs overdispersed 99.8%",
];
const LIMITS_COL = POINTS_COL + 7;
const LIMITS_HEADERS = [
  "Expected (E)",
  "Lower 99.8%",
  "Lower 95%",
  "England (1)",
  "Upper 95%",
  "Upper 99.8%",
  "Lower 99.8% (overdispersed)",
  "Lower 95% (overdispersed)",
  "Upper 95% (overdispersed)",
  "Upper 99.8% (overdispersed)",
];

/** Excel column width (characters) that shows `px` pixels in Calibri/Arial 11 at 96 dpi. */
const widthForPx = (px: number) => Math.round(((px - 5) / 7) * 100) / 100;

/** Pixel height of an SVG document from its root element. */
export function svgHeight(svg: string): number {
  const m = /^<svg[^>]*\sheight="([\d.]+)"/.exec(svg);
  return m ? Number(m[1]) : 0;
}

export interface ChartSection {
  measure: string;
  /** 0-based row of the measure's title. */
  row: number;
  /** First data row (below the header row) of the three tables. */
  dataRow: number;
  rankedRows: number;
  pointRows: number;
  limitRows: number;
}

const colRect = (row: number, col: number, rows: number): Rect => ({ row, col, rows, cols: 1 });

export function buildCharts(
  results: Results,
  marker: string,
  inputs?: string,
  options: ChartSheetOptions = {},
): SheetPlan {
  const k = perK(results);
  const noun = areaNoun(results).singular;
  const pictureWidth = options.pictureWidth ?? 440;
  const blocks: ValueBlock[] = sheetHeading(
    `Charts: standardised rates ${k} population by ${noun}`,
    results,
    marker,
    inputs,
  );
  blocks.push(
    textBlock(
      2,
      0,
      `For each measure: ${noun}s ranked by standardised rate with England's rate and the 95% and 99.8% limits; the funnel plot's points (ratio of observed to expected against the expected count); and its control limits, exact Poisson at 95% and 99.8% around England (ratio 1), as in English public-health funnel plots, and the overdispersion-adjusted ones exp(±z·√(1/E + τ²)) (Spiegelhalter 2005), which allow for real variation between areas. Charts and pictures are drawn from these cells.`,
      { font: FONT.note },
    ),
  );
  const charts: ChartSpec[] = [];
  const images: ImagePlan[] = [];
  const maps = hasIcbAreas(results.meta.areaList.map((a) => a.area));
  let row = 4;
  const starts: number[] = [];
  for (const measure of results.measures) {
    starts.push(row);
    const d = measureChartData(results, measure);
    const section = writeSection(d, row, k, blocks);
    const rankedRect = colRect(row + 1, PICTURE_COLS.ranked, 0);
    const funnelRect = colRect(row + 1, PICTURE_COLS.funnel, 0);
    let pictureRows = 0;
    if (options.renderPng) {
      const pictures: [string, string, number][] = [
        [
          rankedChartSvg(d, { width: pictureWidth, noun }),
          `${measure}: ranked chart of standardised rates`,
          PICTURE_COLS.ranked,
        ],
        [funnelPlotSvg(d, { width: pictureWidth, noun }), `${measure}: funnel plot`, PICTURE_COLS.funnel],
      ];
      if (maps)
        pictures.push([
          hexMapSvg(d, { width: pictureWidth, noun }),
          `${measure}: hex map of ICBs`,
          PICTURE_COLS.map,
        ]);
      for (const [svg, title, col] of pictures) {
        const rows = Math.max(1, Math.round(svgHeight(svg) / ROW_PX));
        pictureRows = Math.max(pictureRows, rows);
        images.push({ base64: options.renderPng(svg), anchor: colRect(row + 1, col, rows), title });
      }
    }
    // Native charts sit where the pictures would, sized like them.
    rankedRect.rows = Math.max(pictureRows, 28);
    funnelRect.rows = Math.max(Math.round((pictureWidth * 0.75) / ROW_PX), 16);
    charts.push(...sectionCharts(d, section, rankedRect, funnelRect, k, noun));
    row =
      Math.max(
        section.dataRow + Math.max(section.rankedRows, section.pointRows, section.limitRows),
        row + 1 + pictureRows,
        row + 1 + rankedRect.rows,
      ) + 2;
  }
  const columnWidths: ColumnWidth[] = [
    ...[PICTURE_COLS.ranked, PICTURE_COLS.funnel, PICTURE_COLS.map].map((col) => ({
      col,
      width: widthForPx(pictureWidth),
    })),
    { col: 3, width: 2 },
    ...[6, 10, 36, 12, 10, 10, 10, 10, 12, 18].map((width, j) => ({ col: RANKED_COL + j, width })),
    { col: POINTS_COL - 1, width: 2 },
    ...[10, 36, 12, 10, 20, 14].map((width, j) => ({ col: POINTS_COL + j, width })),
    { col: LIMITS_COL - 1, width: 2 },
    ...[12, 11, 11, 11, 11, 11, 13, 13, 13, 13].map((width, j) => ({ col: LIMITS_COL + j, width })),
  ];
  return {
    key: CHARTS_SHEET_KEY,
    name: "Charts",
    blocks,
    columnWidths,
    charts,
    images,
    hideGridlines: false,
    print: { landscape: true, title: "Charts", ...onePagePerMeasure(starts, row, columnWidths) },
  };
}

/** Extra points for a section's wrapped header row (three lines of a 12-wide column). */
const HEADER_EXTRA_PT = 30;

/**
 * One measure to a printed page: a break before each section, and a scale at which the picture
 * columns (A–C) fit the page's width and the tallest section its height. The data tables to the
 * right print on the pages after (Excel's "down, then over" order).
 */
function onePagePerMeasure(starts: number[], end: number, widths: ColumnWidth[]) {
  const heights = starts.map(
    (start, i) => ((starts[i + 1] ?? end) - (i === 0 ? 0 : start)) * ROW_POINTS + HEADER_EXTRA_PT,
  );
  const scale = printScale({
    widths,
    lastCol: PICTURE_COLS.map,
    landscape: true,
    heightPt: Math.max(0, ...heights),
  });
  return { rowBreaks: starts.slice(1), scale };
}

/** Writes one measure's title and three tables from `row`; returns where they are. */
function writeSection(d: MeasureChartData, row: number, k: string, blocks: ValueBlock[]): ChartSection {
  blocks.push(
    textBlock(row, 0, d.measure, { font: FONT.subtitle }),
    textBlock(row, RANKED_COL, `England rate ${k}:`, { font: FONT.bold }),
    {
      row,
      col: RANKED_COL + 3,
      values: [[cellValue(d.england)]],
      font: FONT.bold,
      numberFormat: FMT.rate,
      horizontal: "left",
    },
  );
  const head = row + 1;
  const dataRow = row + 2;
  blocks.push(headerRow(head, RANKED_COL, rankedHeaders(k, d)));
  const ranked = [
    ...d.ranked.map((a) => [
      a.rank,
      a.area,
      a.name ?? a.label,
      cellValue(a.rate),
      cellValue(a.lower95),
      cellValue(a.upper95),
      cellValue(a.lower998),
      cellValue(a.upper998),
      cellValue(d.england),
      VERDICT_TEXT[a.vs998],
    ]),
    ...d.noRate.map((a) => [
      null,
      a.area,
      a.name ?? a.area,
      null,
      null,
      null,
      null,
      null,
      cellValue(d.england),
      "no rate",
    ]),
    // Suppressed areas (SPEC §12): listed, every figure `*`, never a point or a bar.
    ...d.suppressed.map((a) => [
      null,
      a.area,
      a.name ?? a.area,
      ...Array<string>(5).fill(SUPPRESSED),
      cellValue(d.england),
      SUPPRESSED,
    ]),
  ];
  if (ranked.length)
    blocks.push({
      row: dataRow,
      col: RANKED_COL,
      values: ranked,
      numberFormat: [
        "0",
        FMT.text,
        FMT.text,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.text,
      ],
    });
  blocks.push(headerRow(head, POINTS_COL, POINTS_HEADERS));
  const points = d.funnel.points.map((p) => [
    p.area,
    p.label,
    cellValue(p.expected),
    cellValue(p.ratio),
    p.significance,
    VERDICT_TEXT[p.vs998OD],
  ]);
  if (points.length)
    blocks.push({
      row: dataRow,
      col: POINTS_COL,
      values: points,
      numberFormat: [FMT.text, FMT.text, FMT.expected, "0.000", FMT.text, FMT.text],
    });
  blocks.push(headerRow(head, LIMITS_COL, LIMITS_HEADERS));
  blocks.push({
    row: dataRow,
    col: LIMITS_COL,
    values: d.funnel.limits.map((l, i) => {
      const a = d.funnel.adjusted[i];
      return [
        l.expected,
        l.lower998,
        l.lower95,
        1,
        l.upper95,
        l.upper998,
        a.lower998,
        a.lower95,
        a.upper95,
        a.upper998,
      ].map((v) => cellValue(v));
    }),
    numberFormat: [FMT.expected, "0.000", "0.000", "0", "0.000", "0.000", "0.000", "0.000", "0.000", "0.000"],
  });
  return {
    measure: d.measure,
    row,
    dataRow,
    rankedRows: ranked.length,
    pointRows: points.length,
    limitRows: d.funnel.limits.length,
  };
}

/** The ranked column chart and the funnel scatter of one measure, over the section's cells. */
function sectionCharts(
  d: MeasureChartData,
  s: ChartSection,
  rankedAnchor: Rect,
  funnelAnchor: Rect,
  k: string,
  noun: string,
): ChartSpec[] {
  const n = d.ranked.length;
  const rankedCol = (j: number) => colRect(s.dataRow, RANKED_COL + j, n);
  const ranked: ChartSpec = {
    kind: "columnClustered",
    title: `${d.measure}: standardised rate ${k} by ${noun}`,
    anchor: rankedAnchor,
    categories: rankedCol(2),
    series: [
      { name: "Standardised rate", values: rankedCol(3), color: "#A6A6A6" },
      { name: "England", values: rankedCol(8), kind: "line", color: "#000000", dash: true, lineOnly: true },
      { name: "Lower 95%", values: rankedCol(4), kind: "line", color: "#404040", markerOnly: true },
      { name: "Upper 95%", values: rankedCol(5), kind: "line", color: "#404040", markerOnly: true },
    ],
    yAxisTitle: `Standardised rate ${k}`,
  };
  const m = s.pointRows;
  const L = s.limitRows;
  const limitCol = (j: number) => colRect(s.dataRow, LIMITS_COL + j, L);
  const funnel: ChartSpec = {
    kind: "xyScatter",
    title: `${d.measure}: funnel plot`,
    anchor: funnelAnchor,
    series: [
      {
        name: noun === "ICB" ? "ICBs" : "Areas",
        xValues: colRect(s.dataRow, POINTS_COL + 2, m),
        values: colRect(s.dataRow, POINTS_COL + 3, m),
        kind: "xyScatter",
        color: "#595959",
      },
      {
        name: "England (1)",
        xValues: limitCol(0),
        values: limitCol(3),
        kind: "xyScatterLines",
        color: "#000000",
        lineOnly: true,
      },
      {
        name: "95% limits",
        xValues: limitCol(0),
        values: limitCol(2),
        kind: "xyScatterLines",
        color: "#404040",
        dash: true,
        lineOnly: true,
      },
      {
        name: "Upper 95%",
        xValues: limitCol(0),
        values: limitCol(4),
        kind: "xyScatterLines",
        color: "#404040",
        dash: true,
        lineOnly: true,
      },
      {
        name: "99.8% limits",
        xValues: limitCol(0),
        values: limitCol(1),
        kind: "xyScatterLines",
        color: "#404040",
        lineOnly: true,
      },
      {
        name: "Upper 99.8%",
        xValues: limitCol(0),
        values: limitCol(5),
        kind: "xyScatterLines",
        color: "#404040",
        lineOnly: true,
      },
      // SPEC §4b: the overdispersion-adjusted limits, in their own colour and named as such.
      ...(
        [
          ["99.8% limits (overdispersed)", 6, false],
          ["Upper 99.8% (overdispersed)", 9, false],
          ["95% limits (overdispersed)", 7, true],
          ["Upper 95% (overdispersed)", 8, true],
        ] as [string, number, boolean][]
      ).map(([name, j, dash]) => ({
        name,
        xValues: limitCol(0),
        values: limitCol(j),
        kind: "xyScatterLines" as const,
        color: ADJUSTED,
        ...(dash ? { dash: true } : {}),
        lineOnly: true,
      })),
    ],
    xAxisTitle: "Expected count (E)",
    yAxisTitle: "Ratio O/E (England = 1)",
  };
  return [ranked, funnel];
}
