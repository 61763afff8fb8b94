// National rates: the publication's Tables 1 and 2 (modalities, then early-diagnosis tests), or
// one table when the measures are not the publication's.
import type { Results } from "../engine/types";
import type { SheetPlan, ValueBlock } from "./plan";
import {
  FMT,
  FONT,
  cellValue,
  formatWhole,
  headerRow,
  measureGroups,
  perK,
  sheetHeading,
  textBlock,
} from "./format";

export function buildNational(results: Results, marker: string, inputs?: string): SheetPlan {
  const k = perK(results);
  const byMeasure = new Map(results.national.map((n) => [n.measure, n]));
  const blocks: ValueBlock[] = sheetHeading(`National rates ${k} population`, results, marker, inputs);
  let row = 3;
  let widest = 1;
  measureGroups(results.measures).forEach((g, i) => {
    blocks.push(
      textBlock(row, 0, `Table ${i + 1}. National rates ${k} by ${g.title}`, { font: FONT.subtitle }),
    );
    blocks.push(headerRow(row + 1, 0, ["", ...g.measures]));
    const get = (f: "rate" | "observed" | "population") =>
      g.measures.map((m) => cellValue(byMeasure.get(m)?.[f]));
    blocks.push(
      {
        row: row + 2,
        col: 0,
        values: [[`Rate ${k} people`, ...get("rate")]],
        numberFormat: FMT.rate,
        font: FONT.bold,
      },
      {
        row: row + 3,
        col: 0,
        values: [["Activity (included)", ...get("observed")]],
        numberFormat: FMT.count,
      },
      {
        row: row + 4,
        col: 0,
        values: [["Population", ...get("population")]],
        numberFormat: FMT.count,
        border: ["bottom"],
      },
    );
    widest = Math.max(widest, g.measures.length + 1);
    row += 7;
  });
  const notes = [
    `National rate = ${formatWhole(results.multiplier)} × all included activity ÷ all included population. Activity with a missing or unreadable area, sex, age band or IMD quintile is excluded (see Data quality).`,
  ];
  if (results.meta.standard === "external")
    notes.push(
      "An external standard was used: the rate shown is the standard's overall rate, not this data's.",
    );
  notes.forEach((t, i) => blocks.push(textBlock(row + i, 0, t, { font: FONT.note })));
  return {
    key: "national",
    name: "National rates",
    blocks,
    columnWidths: [
      { col: 0, width: 24 },
      ...Array.from({ length: widest - 1 }, (_, i) => ({ col: i + 1, width: 12 })),
    ],
    hideGridlines: true,
    print: { landscape: true, fitToWidth: true, title: "National rates" },
  };
}
