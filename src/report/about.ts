// About: where the results came from (input tables with ranges, row counts and content hashes), the
// options, the method in brief, the version and the time — so a sheet can be traced and re-run.
import { columnLetter } from "../engine/errors";
import type { Results, TableSummary } from "../engine/types";
import { PRODUCT, VERSION } from "../version";
import type { Merge, RowHeight, SheetPlan, ValueBlock } from "./plan";
import { LINE_POINTS, wrappedLines } from "./row-heights";
import {
  FMT,
  FONT,
  formatWhole,
  headerRow,
  sheetHeading,
  significanceText,
  strataText,
  textBlock,
} from "./format";

/** "A1:G7981": the header row plus data rows of an input table. */
export function tableRange(t: TableSummary): string {
  const first = t.source.firstColumn;
  const last = first + Math.max(t.columns.length, 1) - 1;
  return `${columnLetter(first)}${t.source.headerRow}:${columnLetter(last)}${t.source.headerRow + t.rows}`;
}

const WIDTHS = [28, 24, 16, 16, 14, 10, 40, 8, 50, 12];

export function buildAbout(results: Results, marker: string, inputs?: string): SheetPlan {
  const m = results.meta;
  const merges: Merge[] = [];
  const rowHeights: RowHeight[] = [];
  const blocks: ValueBlock[] = sheetHeading("About these results", results, marker, inputs);
  const facts: [string, string][] = [
    ["Product", PRODUCT],
    ["Version", VERSION],
    ["Engine version", m.version],
    ["Results made at", m.createdAt],
    ["Multiplier", formatWhole(results.multiplier)],
    ["Strata", strataText(m.strata)],
    ...Object.entries(m.levels).map(([f, ls]): [string, string] => [`Levels of ${f}`, ls.join(", ")]),
    [
      "Standard",
      m.standard === "external" ? "External reference table" : "Internal: national rates of the same data",
    ],
    [
      "Significance (rates ratios)",
      m.significance === "counts" ? "Test on counts" : "As published (chi-square on rates)",
    ],
    [
      "Annex B verdicts",
      m.verdicts === "overdispersed"
        ? "Overdispersion-adjusted (Spiegelhalter 2005), 99.8%"
        : "As published: Poisson confidence limits, 99.8%",
    ],
    [
      "Small-number suppression",
      m.suppressBelow > 0
        ? `Counts below ${formatWhole(m.suppressBelow)} shown as *, with secondary suppression (${formatWhole(m.suppressedRows)} area × measure rows)`
        : "None",
    ],
    ["Directly standardised rates", m.directStandard ?? "Not computed"],
    ["Measures", `${results.measures.length}: ${results.measures.join(", ")}`],
    ["Areas", formatWhole(m.areaList.length)],
  ];
  let row = 3;
  blocks.push(textBlock(row, 0, "Run", { font: FONT.subtitle }));
  blocks.push({ row: row + 1, col: 0, values: facts.map(([k]) => [k]), font: FONT.bold });
  blocks.push({
    row: row + 1,
    col: 1,
    values: facts.map(([, v]) => [v]),
    numberFormat: FMT.text,
    wrap: false,
  });
  row += facts.length + 2;

  blocks.push(textBlock(row, 0, "Input tables", { font: FONT.subtitle }));
  const headers = [
    "Role",
    "File",
    "Sheet",
    "Table or name",
    "Range",
    "Rows",
    "Columns",
    "Layout",
    "Mapping (role = header)",
    "Hash (FNV-1a)",
  ];
  blocks.push(headerRow(row + 1, 0, headers, "left"));
  const tables = m.tables.map((t) => [
    t.role,
    t.source.file ?? null,
    t.source.sheet ?? null,
    t.source.name ?? null,
    tableRange(t),
    t.rows,
    t.columns.join(", "),
    t.layout ?? null,
    Object.entries(t.mapping)
      .map(([role, h]) => `${role} = ${h}`)
      .join("; "),
    t.hash,
  ]);
  if (tables.length > 0)
    blocks.push({
      row: row + 2,
      col: 0,
      values: tables,
      numberFormat: [
        FMT.text,
        FMT.text,
        FMT.text,
        FMT.text,
        FMT.text,
        FMT.count,
        FMT.text,
        FMT.text,
        FMT.text,
        FMT.text,
      ],
      wrap: true,
      vertical: "top",
    });
  // Wrapped cells: give each table row the lines its longest cell needs.
  tables.forEach((vals, i) => {
    const lines = Math.max(
      ...vals.map((v, j) => (typeof v === "string" ? wrappedLines(v, WIDTHS[j], 0.9) : 1)),
    );
    if (lines > 1) rowHeights.push({ row: row + 2 + i, height: lines * LINE_POINTS + 3 });
  });
  row += tables.length + 3;

  blocks.push(textBlock(row, 0, "Options", { font: FONT.subtitle }));
  // The direct standard's bands are long: its name is in the facts above.
  const options = Object.entries(m.options).filter(([key, v]) => v !== undefined && key !== "directStandard");
  if (options.length > 0)
    blocks.push({
      row: row + 1,
      col: 0,
      values: options.map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
      numberFormat: FMT.text,
    });
  else blocks.push(textBlock(row + 1, 0, "Defaults.", { font: FONT.note }));
  row += Math.max(options.length, 1) + 2;

  const k = formatWhole(results.multiplier);
  const notes = [
    `Stratum rates r[s] = Σ activity ÷ Σ population over all areas; national rate = ${k} × Σ activity ÷ Σ population (included rows only).`,
    "Expected E = Σ r[s] × the area's population in stratum s; observed O = the area's activity. Standardised rate = O ÷ E × national rate; crude rate = " +
      `${k} × O ÷ the area's population.`,
    "Confidence limits of O: Byar's approximation for O ≥ 10, exact Poisson (chi-square quantiles) below; limits of the rate = limits of O ÷ E × national rate, at 95% and 99.8%.",
    "An area is higher (lower) than England when its lower (upper) limit is above (below) the national rate. Indirect standardisation compares each area with England, not areas with each other.",
    "Overdispersion (Spiegelhalter 2005, as NHS England's SHMI on the log scale): per measure, over the areas with O > 0, z = √E·ln(O/E) winsorised at its 10th and 90th percentiles; φ = mean of z²; " +
      "τ² = (nφ − (n − 1)) ÷ (ΣE − ΣE² ÷ ΣE), 0 when nφ < n − 1. Overdispersed limits: national rate × exp(±z·√(1/E + τ²)); an area is higher (lower) when its standardised rate lies above (below) them. " +
      "φ and τ² always use every area, whatever is suppressed. Both sets of verdicts are in Detail; the setting above says which marks Annex B.",
    ...(m.directStandard
      ? [
          `Directly standardised rates (${m.directStandard}): DSR = ${k} × Σ w·O/P ÷ Σ w over age bands (other strata summed); limits by Dobson's method with Byar's limits of the total count, as PHEindicatormethods calculate_dsr; no rate with fewer than 10 events.`,
        ]
      : []),
    ...(m.suppressBelow > 0
      ? [
          `Small-number suppression: every area × measure with fewer than ${formatWhole(m.suppressBelow)} events shows * in every sheet and chart; where only one of a measure would be, the next smallest is suppressed too, so that no count can be recovered from England's total. England's figures are not suppressed; summaries leave suppressed areas out.`,
        ]
      : []),
    "Summaries: unweighted mean and sample standard deviation (n − 1) of the areas' standardised rates; shares within one SD include the bounds.",
    "Rates ratios: each of sex, IMD quintile and age (broad bands) standardised for the other two; bases Female, quintile 1 (most deprived), 0-<45. " +
      significanceText(results),
    "Rows with a missing or unreadable area, sex, age band or IMD quintile, or an area not in the population table, are excluded and counted on the Data quality sheet, never guessed.",
    "Cells hold unrounded values; number formats do the rounding.",
  ];
  blocks.push(textBlock(row, 0, "Method", { font: FONT.subtitle }));
  // One merged, wrapped paragraph per note, across the sheet's columns.
  const span = WIDTHS.reduce((a, b) => a + b, 0);
  notes.forEach((t, i) => {
    const r = row + 1 + i;
    blocks.push(textBlock(r, 0, t, { wrap: true, vertical: "top" }));
    merges.push({ row: r, col: 0, rows: 1, cols: WIDTHS.length });
    const lines = wrappedLines(t, span, 0.9);
    if (lines > 1) rowHeights.push({ row: r, height: lines * LINE_POINTS + 3 });
  });

  return {
    key: "about",
    name: "About",
    blocks,
    merges,
    rowHeights,
    columnWidths: WIDTHS.map((width, col) => ({ col, width })),
    hideGridlines: true,
    print: { landscape: true, fitToWidth: true, title: "About" },
  };
}
