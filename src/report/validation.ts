// Validation: a published table compared with the computed results (src/validate). A headline,
// how the tolerance was set, what is on one side only, then one row per published figure with
// disagreements first. A disagreement says "NO" in the Agree column and a rule makes its row bold,
// bordered and shaded, so it does not rest on colour alone.
import type { Results } from "../engine/types";
import { multiplierText } from "../validate/compare";
import type { Figure, Validation } from "../validate/types";
import type { ConditionalFormat, PlanValue, SheetPlan, ValueBlock } from "./plan";
import { columnLetter } from "../engine/errors";
import {
  COLOR,
  FMT,
  FONT,
  cellValue,
  headerRow,
  levelLabel,
  listingTable,
  sheetHeading,
  textBlock,
} from "./format";

export const AGREE = "yes";
export const DISAGREE = "NO";
/** Shading of disagreeing rows (light red); bold and a border come with it. */
export const DISAGREE_FILL = "#F4CCCC";

const TABLE_WORDS: Record<Figure["table"], string> = {
  areas: "Annex B",
  national: "National rates",
  ratios: "Rates ratios",
  results: "Results table",
};
const FACTOR_WORDS: Record<string, string> = { sex: "Sex", imd: "Deprivation", age: "Age band" };

export const VALIDATION_HEADERS = [
  "Sheet",
  "Cell",
  "Table",
  "Area",
  "Name",
  "Factor",
  "Level",
  "Measure",
  "Published heading",
  "Quantity",
  "Published",
  "Computed",
  "Difference",
  "% difference",
  "Tolerance",
  "Published stars",
  "Computed stars",
  "Agree",
  // Results tables only (a warehouse's rows): after Agree, so Agree stays in column R.
  "Published verdicts",
  "Computed verdicts",
];

/** "#,##0" for 0 decimals, "#,##0.00" for 2; thousands-scaled figures show whole units. */
function decimalsFormat(d: number): string {
  return d > 0 ? `#,##0.${"0".repeat(Math.min(d, 10))}` : "#,##0";
}

function figureRow(f: Figure): PlanValue[] {
  return [
    f.sheet,
    f.cell,
    TABLE_WORDS[f.table],
    f.area,
    f.areaName,
    f.factor ? FACTOR_WORDS[f.factor] : null,
    f.factor && f.level !== undefined ? levelLabel(f.factor, f.level) : null,
    f.measure,
    f.heading,
    f.quantity,
    cellValue(f.published),
    cellValue(f.computed),
    cellValue(f.difference),
    f.relativeDifference === null ? null : cellValue(f.relativeDifference),
    cellValue(f.tolerance),
    f.publishedStars ?? null,
    f.computedStars ?? null,
    f.agree ? AGREE : DISAGREE,
    f.publishedVerdicts ?? null,
    f.computedVerdicts ?? null,
  ];
}

/** Per-column formats of one figure: published as published, computed and differences two decimals finer. */
function figureFormats(f: Figure): string[] {
  // Unrounded figures (a warehouse's results table) differ in far decimals: show them.
  const d = f.toleranceFrom === "unrounded" ? 8 : (f.decimals ?? (f.quantity === "ratio" ? 2 : 0));
  const fine = decimalsFormat(Math.max(d, 0) + 2);
  return [
    ...Array<string>(10).fill(FMT.text),
    decimalsFormat(d),
    fine,
    fine,
    "0.00%",
    "General",
    ...Array<string>(5).fill(FMT.text),
  ];
}

export function buildValidation(
  validation: Validation,
  results: Results,
  marker: string,
  inputs?: string,
): SheetPlan {
  const v = validation;
  const blocks: ValueBlock[] = sheetHeading("Validation against a published table", results, marker, inputs);
  const disagree = v.total - v.agreeing;
  const published = v.missing.filter((m) => m.onlyIn === "published").length;
  const verdict =
    v.total === 0
      ? "No published figure could be compared."
      : disagree === 0
        ? "Every figure agrees."
        : `${disagree.toLocaleString("en-GB")} disagree: listed first, marked ${DISAGREE} in the Agree column.`;
  blocks.push(
    textBlock(2, 0, `${v.headline}. ${verdict}${v.suggestedMultiplier ? ` ${multiplierText(v)}` : ""}`, {
      font: { bold: true, size: 12 },
    }),
    textBlock(3, 0, v.toleranceText, { font: FONT.note }),
    textBlock(
      4,
      0,
      `Tables compared: ${v.tables.map((t) => `${t.sheet}!${t.address} (${TABLE_WORDS[t.kind]}${t.factor ? `, ${FACTOR_WORDS[t.factor].toLowerCase()}` : ""})`).join("; ") || "none found"}.`,
      { font: FONT.note },
    ),
  );

  // What is on one side only, above the figures so that it is seen.
  let row = 6;
  blocks.push(textBlock(row, 0, "On one side only", { font: FONT.subtitle }));
  row += 1;
  if (v.missing.length === 0) {
    blocks.push(
      textBlock(
        row,
        0,
        "Nothing: every published area, measure and level was computed, and every computed one was published.",
        { font: FONT.note },
      ),
    );
    row += 2;
  } else {
    blocks.push(headerRow(row, 0, ["Only in", "What", "Label", "Sheet", "Cell", "Table"], "left"));
    blocks.push({
      row: row + 1,
      col: 0,
      values: v.missing.map((m) => [
        m.onlyIn === "published" ? "published table" : "computed results",
        m.what,
        m.label,
        m.sheet ?? null,
        m.cell ?? null,
        m.table ? TABLE_WORDS[m.table] : null,
      ]),
      numberFormat: FMT.text,
      border: ["bottom"],
    });
    row += v.missing.length + 2;
    if (published > 0)
      blocks.push(
        textBlock(
          row - 1,
          0,
          "Published items with no computed counterpart count as a failed validation; computed items missing from the publication are listed only.",
          {
            font: FONT.note,
          },
        ),
      );
    row += 1;
  }

  // One row per figure; consecutive rows with the same formats share a block.
  const top = row;
  blocks.push(headerRow(top, 0, VALIDATION_HEADERS, "left"));
  const conditionalFormats: ConditionalFormat[] = [];
  const n = v.figures.length;
  let start = 0;
  while (start < n) {
    const fmts = figureFormats(v.figures[start]);
    let end = start + 1;
    while (end < n && figureFormats(v.figures[end]).every((f, i) => f === fmts[i])) end++;
    blocks.push({
      row: top + 1 + start,
      col: 0,
      values: v.figures.slice(start, end).map(figureRow),
      numberFormat: fmts,
    });
    start = end;
  }
  const agreeCol = VALIDATION_HEADERS.indexOf("Agree");
  if (n > 0)
    conditionalFormats.push({
      type: "expression",
      range: { row: top + 1, col: 0, rows: n, cols: VALIDATION_HEADERS.length },
      formula: `$${columnLetter(agreeCol + 1)}${top + 2}="${DISAGREE}"`,
      format: { font: { bold: true, color: "#9C0006" }, fill: DISAGREE_FILL, border: true },
    });

  return {
    key: "validation",
    name: "Validation",
    tabColor: disagree > 0 || published > 0 ? "#C00000" : COLOR.tab,
    blocks,
    columnWidths: [14, 7, 14, 10, 34, 11, 16, 26, 26, 10, 11, 13, 11, 11, 10, 9, 9, 7].map((width, col) => ({
      col,
      width,
    })),
    freeze: { rows: top + 1, cols: 0 },
    tables: listingTable("stdrates_validation", top, n, VALIDATION_HEADERS.length),
    conditionalFormats,
    print: { landscape: true, fitToWidth: true, title: "Validation", repeatRows: { row: top, rows: 1 } },
  };
}
