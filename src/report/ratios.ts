// Rates ratios: the publication's Tables 1–6 (sex, deprivation, age × modalities, early-diagnosis
// tests). A ratio cell holds the unrounded ratio; its number format adds the stars (0.80***), so
// nothing is lost and the stars print. The p-values sit on their own sheet.
import type { Factor, RatioResult, Results } from "../engine/types";
import type { SheetPlan, ValueBlock } from "./plan";
import { printScale, wrapLongLines } from "./print";
import {
  FMT,
  FONT,
  STAR_NOTE,
  cellValue,
  headerRow,
  levelLabel,
  listingTable,
  measureGroups,
  perK,
  ratioFormat,
  sheetHeading,
  significanceText,
  textBlock,
} from "./format";

const FACTORS: { factor: Factor; title: string }[] = [
  { factor: "sex", title: "Sex" },
  { factor: "imd", title: "Deprivation" },
  { factor: "age", title: "Age band" },
];

/** Levels of a factor in the order the engine gave them (base first). */
function levelsOf(ratios: RatioResult[], factor: Factor): string[] {
  const seen: string[] = [];
  for (const r of ratios) if (r.factor === factor && !seen.includes(r.level)) seen.push(r.level);
  const base = ratios.find((r) => r.factor === factor)?.base;
  return base && seen.includes(base) ? [base, ...seen.filter((l) => l !== base)] : seen;
}

export function buildRatios(results: Results, marker: string, inputs?: string): SheetPlan {
  const blocks: ValueBlock[] = sheetHeading("Rates ratios", results, marker, inputs);
  const key = (f: string, l: string, m: string) => `${f}\u0000${l}\u0000${m}`;
  const byKey = new Map(results.ratios.map((r) => [key(r.factor, r.level, r.measure), r]));
  let row = 3;
  let widest = 1;
  const rowBreaks: number[] = [];
  if (results.ratios.length === 0) {
    blocks.push(
      textBlock(
        row,
        0,
        "Rates ratios were not computed: they need sex, age band and IMD quintile as strata in both tables.",
        {
          font: FONT.note,
        },
      ),
    );
    row += 2;
  } else {
    blocks.push(
      textBlock(
        row,
        0,
        `Each factor is standardised for the other two; ratio = standardised rate of the level ÷ that of the base level (base = 1.00). Standardised rates ${perK(results)} population are on the Ratio p-values sheet.`,
        { font: FONT.note },
      ),
    );
    row += 2;
    let n = 0;
    for (const { factor, title } of FACTORS) {
      const levels = levelsOf(results.ratios, factor);
      if (levels.length === 0) continue;
      // One factor's tables to a printed page: a title never ends a page without its table.
      if (n > 0) rowBreaks.push(row);
      for (const g of measureGroups(results.measures)) {
        n += 1;
        blocks.push(
          textBlock(row, 0, `Table ${n}. ${title} rates ratios by ${g.title}`, { font: FONT.subtitle }),
        );
        blocks.push(headerRow(row + 1, 0, ["", ...g.measures]));
        // One block per level row (each cell's format carries its own stars), and the labels left-aligned as published.
        levels.forEach((level, i) => {
          const cells = g.measures.map((m) => byKey.get(key(factor, level, m)));
          blocks.push({
            row: row + 2 + i,
            col: 1,
            values: [cells.map((r) => (r ? cellValue(r.ratio) : null))],
            numberFormat: cells.map((r) => ratioFormat(r?.stars ?? "")),
            horizontal: "right",
            ...(i === levels.length - 1 ? { border: ["bottom" as const] } : {}),
          });
        });
        blocks.push({
          row: row + 2,
          col: 0,
          values: levels.map((l) => [levelLabel(factor, l)]),
          numberFormat: FMT.text,
          horizontal: "left",
          border: ["bottom"],
        });
        widest = Math.max(widest, g.measures.length + 1);
        row += levels.length + 4;
      }
    }
    blocks.push(
      textBlock(row, 0, STAR_NOTE, { font: FONT.note }),
      textBlock(row + 1, 0, significanceText(results), { font: FONT.note }),
    );
  }
  const columnWidths = [
    { col: 0, width: 18 },
    ...Array.from({ length: widest - 1 }, (_, i) => ({ col: i + 1, width: 12 })),
  ];
  return wrapLongLines(
    {
      key: "ratios",
      name: "Rates ratios",
      blocks,
      columnWidths,
      hideGridlines: true,
      print: {
        landscape: true,
        title: "Rates ratios",
        ...(rowBreaks.length
          ? { rowBreaks, scale: printScale({ widths: columnWidths, lastCol: widest - 1, landscape: true }) }
          : { fitToWidth: true }),
      },
    },
    widest - 1,
  );
}

/** Every ratio with its standardised rate and both p-values, as a filterable table. */
export function buildPValues(results: Results, marker: string, inputs?: string): SheetPlan {
  const blocks: ValueBlock[] = sheetHeading(
    "Rates ratios: standardised rates and p-values",
    results,
    marker,
    inputs,
  );
  blocks.push(
    textBlock(
      2,
      0,
      `${significanceText(results)} "p (counts)" is the log-ratio test on counts (SPEC §6), shown for comparison.`,
      {
        font: FONT.note,
      },
    ),
  );
  const top = 4;
  const headers = [
    "Factor",
    "Level",
    "Base",
    "Measure",
    "Observed",
    "Expected",
    `Standardised rate ${perK(results)}`,
    "Rates ratio",
    "Chi-square",
    "p",
    "Stars",
    "p (counts)",
  ];
  blocks.push(headerRow(top, 0, headers, "left"));
  const rows = results.ratios.map((r) => [
    FACTORS.find((f) => f.factor === r.factor)?.title ?? r.factor,
    levelLabel(r.factor, r.level),
    levelLabel(r.factor, r.base),
    r.measure,
    cellValue(r.observed),
    cellValue(r.expected),
    cellValue(r.rate),
    cellValue(r.ratio),
    cellValue(r.chi2),
    cellValue(r.p),
    r.stars,
    cellValue(r.pCounts),
  ]);
  if (rows.length > 0)
    blocks.push({
      row: top + 1,
      col: 0,
      values: rows,
      numberFormat: [
        FMT.text,
        FMT.text,
        FMT.text,
        FMT.text,
        FMT.count,
        FMT.expected,
        FMT.rate,
        FMT.ratio,
        FMT.chi2,
        FMT.p,
        FMT.text,
        FMT.p,
      ],
    });
  return {
    key: "p-values",
    name: "Ratio p-values",
    blocks,
    columnWidths: [10, 16, 16, 30, 12, 12, 14, 10, 11, 11, 7, 11].map((width, col) => ({ col, width })),
    freeze: { rows: top + 1, cols: 0 },
    tables: listingTable("stdrates_ratios", top, rows.length, headers.length),
    hideGridlines: true,
    print: {
      landscape: true,
      fitToWidth: true,
      title: "Rates ratios p-values",
      repeatRows: { row: top, rows: 1 },
    },
  };
}
