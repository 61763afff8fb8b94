// Data quality, like the publication's Annex A: what was excluded (by reason, by area with its most
// common reason, by measure) and every warning the engine raised.
import type { Results } from "../engine/types";
import type { CellStyle, PlanValue, SheetPlan, ValueBlock } from "./plan";
import { LINE_POINTS, wrappedLines } from "./row-heights";
import {
  FMT,
  FONT,
  areaNoun,
  cellValue,
  formatPercent,
  formatWhole,
  headerRow,
  sheetHeading,
  textBlock,
} from "./format";
import { SUPPRESSED } from "./suppressed";

const WIDTHS = [30, 60, 14, 14, 14, 30];

export function buildDataQuality(results: Results, marker: string, inputs?: string): SheetPlan {
  const ex = results.exclusions;
  const noun = areaNoun(results);
  const blocks: ValueBlock[] = sheetHeading(
    "Data quality: excluded activity and warnings",
    results,
    marker,
    inputs,
  );
  const totalRead =
    ex.byMeasure.reduce((a, m) => a + m.total, 0) || (ex.share > 0 ? ex.activityCount / ex.share : 0);
  const reasonLabel = new Map(ex.byReason.map((r) => [r.reason, r.label]));

  const headline =
    ex.activityCount === 0 && ex.activityRows === 0
      ? "No activity was excluded: every row had a readable area, sex, age band and IMD quintile, and every area was in the population table." +
        (ex.populationRows > 0
          ? ` ${formatWhole(ex.populationRows)} population rows were excluded for a missing or unreadable stratum.`
          : "")
      : undefined;
  blocks.push(
    textBlock(
      3,
      0,
      headline ??
        `Approximately ${formatWhole(ex.activityCount)} (${formatPercent(ex.share, 1)}) of activity, in ${formatWhole(ex.activityRows)} rows, ` +
          `was excluded because its area, sex, age band or IMD quintile was missing or unreadable, or its area was not in the population table. ` +
          `Excluded activity counts in no rate.` +
          (ex.populationRows > 0
            ? ` ${formatWhole(ex.populationRows)} population rows were excluded for the same reasons.`
            : ""),
      { font: FONT.bold },
    ),
  );
  let row = 5;
  const section = (
    title: string,
    headers: string[],
    rows: PlanValue[][],
    formats: string[],
    note?: string,
    style: CellStyle = {},
  ) => {
    blocks.push(textBlock(row, 0, title, { font: FONT.subtitle }));
    blocks.push(headerRow(row + 1, 0, headers, "left"));
    if (rows.length > 0)
      blocks.push({
        row: row + 2,
        col: 0,
        values: rows,
        numberFormat: formats,
        border: ["bottom"],
        ...style,
      });
    else blocks.push(textBlock(row + 2, 0, "None.", { font: FONT.note }));
    row += 3 + Math.max(rows.length, 1);
    if (note) (blocks.push(textBlock(row, 0, note, { font: FONT.note })), (row += 1));
    row += 1;
  };

  section(
    "Excluded activity by reason",
    ["Reason", "Rows", "Activity", "% of all activity"],
    ex.byReason.map((r) => [r.label, r.rows, cellValue(r.count), totalRead > 0 ? r.count / totalRead : null]),
    [FMT.text, FMT.count, FMT.count, FMT.smallShare],
  );
  section(
    `Excluded activity by ${noun.singular} (largest first)`,
    ["Code", "Name", "Activity read", "Excluded", "% excluded", "Most common reason"],
    [...ex.byArea]
      .sort((a, b) => b.count - a.count)
      .map((a) => [
        a.area,
        a.name,
        // NaN only when the area has a suppressed row (SPEC §12): its total would give the count back.
        Number.isNaN(a.total) ? SUPPRESSED : cellValue(a.total),
        cellValue(a.count),
        Number.isNaN(a.share) ? SUPPRESSED : cellValue(a.share),
        reasonLabel.get(a.mostCommonReason) ?? a.mostCommonReason,
      ]),
    [FMT.text, FMT.text, FMT.count, FMT.count, FMT.smallShare, FMT.text],
    `Only rows whose ${noun.singular} is known can be counted here; rows with a missing or unknown ${noun.singular} appear by reason above.`,
  );
  section(
    "Excluded activity by measure",
    ["Measure", "Activity read", "Excluded", "% excluded"],
    ex.byMeasure.map((m) => [m.measure, cellValue(m.total), cellValue(m.count), cellValue(m.share)]),
    [FMT.text, FMT.count, FMT.count, FMT.smallShare],
  );
  const warningsTop = row + 2;
  section(
    "Warnings",
    ["Kind", "Message", "Table", "Cells or rows", "First sheet rows"],
    results.warnings.map((w) => [
      w.kind,
      w.message,
      w.table ?? null,
      w.count ?? null,
      w.rows && w.rows.length > 0 ? w.rows.join(", ") : null,
    ]),
    [FMT.text, FMT.text, FMT.text, FMT.count, FMT.text],
    undefined,
    { wrap: true, vertical: "top" },
  );
  // Messages wrap in column B; give each row the lines it needs.
  const rowHeights = results.warnings
    .map((w, i) => ({ row: warningsTop + i, lines: wrappedLines(w.message, WIDTHS[1], 0.9) }))
    .filter((h) => h.lines > 1)
    .map((h) => ({ row: h.row, height: h.lines * LINE_POINTS + 3 }));

  return {
    key: "data-quality",
    name: "Data quality",
    blocks,
    columnWidths: WIDTHS.map((width, col) => ({ col, width })),
    rowHeights,
    hideGridlines: true,
    print: { landscape: true, fitToWidth: true, title: "Data quality" },
  };
}
