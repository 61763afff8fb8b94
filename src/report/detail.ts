// Detail: every area × measure with O, E, population, crude rate, SR, SR/crude, both sets of limits
// and the verdicts, as a filterable Excel table.
import type { Results } from "../engine/types";
import type { SheetPlan, ValueBlock } from "./plan";
import { FMT, FONT, cellValue, headerRow, listingTable, perK, sheetHeading, textBlock } from "./format";

export function buildDetail(results: Results, marker: string, inputs?: string): SheetPlan {
  const k = perK(results);
  const region = new Map(results.meta.areaList.map((a) => [a.area, a.region]));
  const blocks: ValueBlock[] = sheetHeading(
    `Standardised rates ${k} population: detail`,
    results,
    marker,
    inputs,
  );
  blocks.push(
    textBlock(
      2,
      0,
      `Expected = Σ England stratum rate × population. Ratio = observed ÷ expected; standardised rate = ratio × England rate. Limits: Byar's method (exact Poisson below 10 events). "higher"/"lower": the interval lies wholly above/below the England rate.`,
      { font: FONT.note },
    ),
  );
  const top = 4;
  const headers = [
    "Code",
    "Name",
    "Region",
    "Measure",
    "Observed",
    "Expected",
    "Population",
    `Crude rate ${k}`,
    `Standardised rate ${k}`,
    "Standardised ÷ crude",
    "Observed ÷ expected",
    "Lower 95%",
    "Upper 95%",
    "Lower 99.8%",
    "Upper 99.8%",
    "vs England (95%)",
    "vs England (99.8%)",
  ];
  blocks.push(headerRow(top, 0, headers, "left"));
  const rows = results.areas.map((a) => [
    a.area,
    a.name,
    region.get(a.area) ?? null,
    a.measure,
    cellValue(a.observed),
    cellValue(a.expected),
    cellValue(a.population),
    cellValue(a.crudeRate),
    cellValue(a.rate),
    a.crudeRate > 0 ? cellValue(a.rate / a.crudeRate) : null,
    cellValue(a.ratio),
    cellValue(a.lower95),
    cellValue(a.upper95),
    cellValue(a.lower998),
    cellValue(a.upper998),
    a.vsNational95,
    a.vsNational998,
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
        FMT.count,
        FMT.rate,
        FMT.rate,
        FMT.ratio,
        FMT.ratio,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.text,
        FMT.text,
      ],
    });
  return {
    key: "detail",
    name: "Detail",
    blocks,
    columnWidths: [10, 40, 22, 26, 11, 11, 12, 10, 12, 11, 11, 10, 10, 10, 10, 10, 10].map((width, col) => ({
      col,
      width,
    })),
    freeze: { rows: top + 1, cols: 2 },
    tables: listingTable("stdrates_detail", top, rows.length, headers.length),
    print: { landscape: true, fitToWidth: true, title: "Detail", repeatRows: { row: top, rows: 1 } },
  };
}
