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
import { printScale, wrapLongLines } from "./print";
import { SUPPRESSED } from "./suppressed";

/** Text columns first (code or reason, name or message, most common reason or table), then numbers. */
const WIDTHS = [30, 60, 32, 14, 14, 14];

/** A listing's column: where it sits, its header and its number format (which sets its alignment). */
interface Col {
  col: number;
  header: string;
  format: string;
  align?: "left" | "right";
}

/** Numbers right, text left, the header likewise: a heading sits over its column's values. */
const alignOf = (c: Col): "left" | "right" => c.align ?? (c.format === FMT.text ? "left" : "right");

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
  const rowBreaks: number[] = [];
  /** One listing: title, a header over every column (aligned as its values), rows, optional note. */
  const section = (title: string, cols: Col[], rows: PlanValue[][], note?: string, style: CellStyle = {}) => {
    blocks.push(textBlock(row, 0, title, { font: FONT.subtitle }));
    const byCol = new Map(cols.map((c, i) => [c.col, { ...c, i }]));
    const last = Math.max(...cols.map((c) => c.col));
    for (let col = 0; col <= last; col++) {
      const c = byCol.get(col);
      // Blank columns between (a listing with fewer columns) keep the header fill and the rule below.
      blocks.push({ ...headerRow(row + 1, col, [c?.header ?? ""], c ? alignOf(c) : "left") });
      if (rows.length > 0)
        blocks.push({
          row: row + 2,
          col,
          values: rows.map((r) => [c ? r[c.i] : null]),
          numberFormat: c?.format ?? FMT.text,
          horizontal: c ? alignOf(c) : "left",
          border: ["bottom"],
          ...style,
        });
    }
    if (rows.length === 0) blocks.push(textBlock(row + 2, 0, "None.", { font: FONT.note }));
    row += 3 + Math.max(rows.length, 1);
    if (note) (blocks.push(textBlock(row, 0, note, { font: FONT.note })), (row += 1));
    row += 1;
  };

  section(
    "Excluded activity by reason",
    [
      { col: 0, header: "Reason", format: FMT.text },
      { col: 3, header: "Rows", format: FMT.count },
      { col: 4, header: "Activity", format: FMT.count },
      { col: 5, header: "% of all activity", format: FMT.smallShare },
    ],
    ex.byReason.map((r) => [r.label, r.rows, cellValue(r.count), totalRead > 0 ? r.count / totalRead : null]),
  );
  section(
    `Excluded activity by ${noun.singular} (largest first)`,
    [
      { col: 0, header: "Code", format: FMT.text },
      { col: 1, header: "Name", format: FMT.text },
      // Text before the numbers: a left-aligned reason right after a right-aligned share ran into it.
      { col: 2, header: "Most common reason", format: FMT.text },
      { col: 3, header: "Activity read", format: FMT.count },
      { col: 4, header: "Excluded", format: FMT.count },
      { col: 5, header: "% excluded", format: FMT.smallShare },
    ],
    [...ex.byArea]
      .sort((a, b) => b.count - a.count)
      .map((a) => [
        a.area,
        a.name,
        reasonLabel.get(a.mostCommonReason) ?? a.mostCommonReason,
        // NaN only when the area has a suppressed row (SPEC §12): its total would give the count back.
        Number.isNaN(a.total) ? SUPPRESSED : cellValue(a.total),
        cellValue(a.count),
        Number.isNaN(a.share) ? SUPPRESSED : cellValue(a.share),
      ]),
    `Only rows whose ${noun.singular} is known can be counted here; rows with a missing or unknown ${noun.singular} appear by reason above.`,
  );
  // The by-area listing fills a page: the next listing starts a page of its own, with its title.
  if (ex.byArea.length > 20) rowBreaks.push(row);
  section(
    "Excluded activity by measure",
    [
      { col: 0, header: "Measure", format: FMT.text },
      { col: 3, header: "Activity read", format: FMT.count },
      { col: 4, header: "Excluded", format: FMT.count },
      { col: 5, header: "% excluded", format: FMT.smallShare },
    ],
    ex.byMeasure.map((m) => [m.measure, cellValue(m.total), cellValue(m.count), cellValue(m.share)]),
  );
  const warningsTop = row + 2;
  section(
    "Warnings",
    [
      { col: 0, header: "Kind", format: FMT.text },
      { col: 1, header: "Message", format: FMT.text },
      { col: 2, header: "Table", format: FMT.text },
      { col: 3, header: "Cells or rows", format: FMT.count },
      // Row numbers, right-aligned with the count beside them.
      { col: 4, header: "First sheet rows", format: FMT.text, align: "right" },
    ],
    results.warnings.map((w) => [
      w.kind,
      w.message,
      w.table ?? null,
      w.count ?? null,
      w.rows && w.rows.length > 0 ? w.rows.join(", ") : null,
    ]),
    undefined,
    { wrap: true, vertical: "top" },
  );
  // Messages wrap in column B; give each row the lines it needs.
  const rowHeights = results.warnings
    .map((w, i) => ({ row: warningsTop + i, lines: wrappedLines(w.message, WIDTHS[1], 0.9) }))
    .filter((h) => h.lines > 1)
    .map((h) => ({ row: h.row, height: h.lines * LINE_POINTS + 3 }));
  const columnWidths = WIDTHS.map((width, col) => ({ col, width }));

  return wrapLongLines(
    {
      key: "data-quality",
      name: "Data quality",
      blocks,
      columnWidths,
      rowHeights,
      hideGridlines: true,
      print: {
        landscape: true,
        title: "Data quality",
        ...(rowBreaks.length
          ? {
              rowBreaks,
              scale: printScale({ widths: columnWidths, lastCol: WIDTHS.length - 1, landscape: true }),
            }
          : { fitToWidth: true }),
      },
    },
    WIDTHS.length - 1,
  );
}
