// Summary: the SPEC §5 distribution figures per measure, then one generated paragraph per measure.
import type { Results } from "../engine/types";
import type { CellStyle, Merge, SheetPlan, ValueBlock } from "./plan";
import { areaName, commentary, verdictCounts } from "./commentary";
import { suppressionNote } from "./suppressed";
import { LINE_POINTS, wrappedLines } from "./row-heights";
import { FMT, FONT, areaNoun, cellValue, headerRow, perK, sheetHeading, textBlock } from "./format";

const WIDTHS = [30, 12, 10, 11, 11, 11, 9, 11, 34, 9, 34, 9, 11, 11, 10, 10, 13, 13];
/** Character width of the merged commentary cell (columns B onwards). */
const MERGED_CHARS = WIDTHS.slice(1).reduce((a, b) => a + b, 0);

export function buildSummary(results: Results, marker: string, inputs?: string): SheetPlan {
  const noun = areaNoun(results);
  const k = perK(results);
  const blocks: ValueBlock[] = sheetHeading(
    `Distribution of standardised rates across ${noun.plural}`,
    results,
    marker,
    inputs,
  );
  blocks.push(
    textBlock(
      2,
      0,
      `Mean and standard deviation (n − 1) of the ${noun.plural}' standardised rates ${k}, unweighted; shares include the bounds. ` +
        `φ: dispersion of the winsorised z-scores √E·ln(O/E) (1 when variation is Poisson); τ²: between-${noun.singular} variance on the log scale, which widens the overdispersed limits (Spiegelhalter 2005, from every ${noun.singular}). ${suppressionNote(results) ? "Suppressed " + noun.plural + " are left out of the mean, SD, shares and extremes. " + suppressionNote(results) : ""}`.trim(),
      {
        font: FONT.note,
      },
    ),
  );
  const top = 4;
  const headers = [
    "Measure",
    `National rate ${k}`,
    "Mean",
    "Standard deviation",
    "Mean − 1 SD",
    "Mean + 1 SD",
    "Within 1 SD",
    "Within 10% of crude rate",
    `Lowest ${noun.singular}`,
    "Lowest rate",
    `Highest ${noun.singular}`,
    "Highest rate",
    "Higher than England (99.8%)",
    "Lower than England (99.8%)",
    "φ",
    "τ²",
    "Higher (overdispersed 99.8%)",
    "Lower (overdispersed 99.8%)",
  ];
  blocks.push(headerRow(top, 0, headers));
  const national = new Map(results.national.map((n) => [n.measure, n.rate]));
  const od = new Map(results.overdispersion.map((o) => [o.measure, o]));
  const rows = results.summaries.map((s) => {
    const v = verdictCounts(results, s.measure);
    const a = verdictCounts(results, s.measure, "overdispersed");
    return [
      s.measure,
      cellValue(national.get(s.measure)),
      cellValue(s.mean),
      cellValue(s.sd),
      cellValue(s.mean - s.sd),
      cellValue(s.mean + s.sd),
      cellValue(s.withinOneSd),
      cellValue(s.withinTenPercentOfCrude),
      areaName(results, s.lowest.area),
      cellValue(s.lowest.rate),
      areaName(results, s.highest.area),
      cellValue(s.highest.rate),
      v.higher,
      v.lower,
      cellValue(od.get(s.measure)?.phi),
      cellValue(od.get(s.measure)?.tau2),
      a.higher,
      a.lower,
    ];
  });
  // Column slices, so that the names (between right-aligned numbers) can be centred without overlapping blocks.
  const formats = [
    FMT.text,
    FMT.rate,
    FMT.rate,
    FMT.rate,
    FMT.rate,
    FMT.rate,
    FMT.share,
    FMT.share,
    FMT.text,
    FMT.rate,
    FMT.text,
    FMT.rate,
    FMT.count,
    FMT.count,
    FMT.ratio,
    FMT.tau2,
    FMT.count,
    FMT.count,
  ];
  const slices: [number, number, CellStyle][] = [
    [0, 8, {}],
    [8, 9, { horizontal: "center" }],
    [9, 10, {}],
    [10, 11, { horizontal: "center" }],
    [11, 18, {}],
  ];
  if (rows.length > 0)
    for (const [from, to, style] of slices)
      blocks.push({
        row: top + 1,
        col: from,
        values: rows.map((r) => r.slice(from, to)),
        numberFormat: formats.slice(from, to),
        border: ["bottom"],
        ...style,
      });

  // Commentary: one merged, wrapped paragraph per measure.
  let row = top + rows.length + 3;
  blocks.push(textBlock(row - 1, 0, "Commentary", { font: FONT.subtitle }));
  const merges: Merge[] = [];
  const rowHeights: { row: number; height: number }[] = [];
  for (const s of results.summaries) {
    const text = commentary(results, s);
    blocks.push(textBlock(row, 0, s.measure, { font: FONT.bold, vertical: "top" }));
    blocks.push(textBlock(row, 1, text, { wrap: true, vertical: "top" }));
    merges.push({ row, col: 1, rows: 1, cols: headers.length - 1 });
    // Excel does not auto-fit merged cells: size the row for the wrapped paragraph.
    rowHeights.push({ row, height: LINE_POINTS * wrappedLines(text, MERGED_CHARS, 0.9) + 3 });
    row += 1;
  }
  return {
    key: "summary",
    name: "Summary",
    blocks,
    merges,
    rowHeights,
    columnWidths: WIDTHS.map((width, col) => ({ col, width })),
    freeze: { rows: top + 1, cols: 1 },
    hideGridlines: true,
    print: { landscape: true, fitToWidth: true, title: "Summary" },
  };
}
