// The Scenario sheet (issue 5): baseline against scenario for every area and measure — the rate,
// its difference, and whether the verdict against England changed — with the national rates first.
import type { Results } from "../engine/types";
import type { ScenarioComparison } from "../scenario/compare";
import { FMT, FONT, cellValue, headerRow, listingTable, perK, sheetHeading, textBlock } from "./format";
import type { SheetPlan, ValueBlock } from "./plan";
import { scenarioListingTop } from "./scenario-layout";

export const SCENARIO_SHEET_KEY = "scenario";

const VERDICT: Record<string, string> = { higher: "Higher", similar: "Similar", lower: "Lower" };
const verdictText = (v: string | null) => (v === null ? "" : (VERDICT[v] ?? v));

export function buildScenario(
  c: ScenarioComparison,
  results: Results,
  marker: string,
  inputs?: string,
): SheetPlan {
  const k = perK(results);
  const changed = c.rows.filter((r) => r.changed).length;
  const blocks: ValueBlock[] = sheetHeading(`Scenario: ${c.name}`, results, marker, inputs);
  let row = 3;
  blocks.push(
    textBlock(
      row++,
      0,
      `${changed} of ${c.rows.length} area × measure verdicts against England changed (99.8% limits).`,
      {
        font: FONT.subtitle,
      },
    ),
  );
  for (const note of c.notes) blocks.push(textBlock(row++, 0, `• ${note}`, { font: FONT.note }));
  blocks.push(
    textBlock(row++, 0, "Applied to a copy of the data: the input cells are unchanged.", { font: FONT.note }),
  );
  row++;

  blocks.push(textBlock(row++, 0, `National rates ${k}`, { font: FONT.subtitle }));
  blocks.push(headerRow(row++, 0, ["Measure", "Baseline", "Scenario", "Difference"]));
  blocks.push({
    row,
    col: 0,
    values: c.national.map((n) => [
      n.measure,
      cellValue(n.baseline),
      cellValue(n.scenario),
      n.baseline !== null && n.scenario !== null ? cellValue(n.scenario - n.baseline) : null,
    ]),
    numberFormat: [FMT.text, FMT.rate, FMT.rate, FMT.rate],
  });
  row += c.national.length + 1;

  const top = row;
  // Go to in the pane finds rows by scenarioListingTop: the two must not drift apart.
  if (top !== scenarioListingTop(c))
    throw new Error(`Scenario layout: listing at ${top}, expected ${scenarioListingTop(c)}`);
  const headers = [
    "Area code",
    "Area name",
    "Measure",
    "Baseline rate",
    "Scenario rate",
    "Difference",
    "% difference",
    "Baseline vs England",
    "Scenario vs England",
    "Verdict changed",
  ];
  blocks.push(headerRow(top, 0, headers));
  if (c.rows.length > 0) {
    blocks.push({
      row: top + 1,
      col: 0,
      values: c.rows.map((r) => [
        r.area,
        r.name ?? "",
        r.measure,
        cellValue(r.baseline),
        cellValue(r.scenario),
        cellValue(r.difference),
        cellValue(r.relative),
        verdictText(r.baselineVerdict),
        verdictText(r.scenarioVerdict),
        r.changed ? "YES" : "",
      ]),
      numberFormat: [
        FMT.text,
        FMT.text,
        FMT.text,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.smallShare,
        FMT.text,
        FMT.text,
        FMT.text,
      ],
    });
  }
  return {
    key: SCENARIO_SHEET_KEY,
    name: "Scenario",
    blocks,
    columnWidths: [10, 40, 24, 12, 12, 12, 12, 14, 14, 10].map((width, col) => ({ col, width })),
    freeze: { rows: top + 1, cols: 2 },
    conditionalFormats:
      c.rows.length > 0
        ? [
            {
              type: "expression",
              range: { row: top + 1, col: 0, rows: c.rows.length, cols: headers.length },
              formula: `$J${top + 2}="YES"`,
              format: { fill: "#FFEB9C", font: { bold: true } },
            },
          ]
        : [],
    tables: listingTable("stdrates_scenario", top, c.rows.length, headers.length),
    print: { landscape: true, fitToWidth: true, title: "Scenario", repeatRows: { row: top, rows: 1 } },
  };
}
