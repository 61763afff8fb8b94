// Detail: every area × measure with O, E, population, crude rate, SR, SR/crude, both sets of limits
// and the verdicts, as a filterable Excel table.
import type { Results } from "../engine/types";
import type { SheetPlan, ValueBlock } from "./plan";
import { FMT, FONT, cellValue, headerRow, listingTable, perK, sheetHeading, textBlock } from "./format";
import { shown, suppressionNote } from "./suppressed";

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
      `Expected = Σ England stratum rate × population. Ratio = observed ÷ expected; standardised rate = ratio × England rate. Limits: Byar's method (exact Poisson below 10 events). "higher"/"lower": the interval lies wholly above/below the England rate. Overdispersed limits (SPEC §4b) are control limits around the England rate, England × exp(±z·√(1/expected + τ²)); "higher"/"lower" when the standardised rate lies outside them.${results.direct ? " DSR: directly standardised rate (" + results.meta.directStandard + "), Dobson's limits; none below 10 events." : ""} ${suppressionNote(results)}`.trim(),
      { font: FONT.note },
    ),
  );
  const direct = results.direct;
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
    "Lower 95% (overdispersed)",
    "Upper 95% (overdispersed)",
    "Lower 99.8% (overdispersed)",
    "Upper 99.8% (overdispersed)",
    "vs England (95%, overdispersed)",
    "vs England (99.8%, overdispersed)",
    ...(direct ? [`DSR ${k}`, "DSR lower 95%", "DSR upper 95%", "DSR lower 99.8%", "DSR upper 99.8%"] : []),
  ];
  blocks.push(headerRow(top, 0, headers, "left"));
  const rows = results.areas.map((a, i) => {
    const d = direct?.[i];
    return [
      a.area,
      a.name,
      region.get(a.area) ?? null,
      a.measure,
      ...[a.observed, a.expected].map((v) => shown(a, v)),
      cellValue(a.population),
      ...[
        a.crudeRate,
        a.rate,
        a.crudeRate > 0 ? a.rate / a.crudeRate : null,
        a.ratio,
        a.lower95,
        a.upper95,
        a.lower998,
        a.upper998,
        a.vsNational95,
        a.vsNational998,
        a.lower95OD,
        a.upper95OD,
        a.lower998OD,
        a.upper998OD,
        a.vsNational95OD,
        a.vsNational998OD,
      ].map((v) => shown(a, v)),
      ...(d ? [d.rate, d.lower95, d.upper95, d.lower998, d.upper998].map((v) => shown(d, v)) : []),
    ];
  });
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
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.rate,
        FMT.text,
        FMT.text,
        ...(direct ? [FMT.rate, FMT.rate, FMT.rate, FMT.rate, FMT.rate] : []),
      ],
    });
  return {
    key: "detail",
    name: "Detail",
    blocks,
    columnWidths: [10, 40, 22, 26, 11, 11, 12, 10, 12, 11, 11, 10, 10, 10, 10, 10, 10]
      .concat(Array<number>(headers.length - 17).fill(12))
      .map((width, col) => ({ col, width })),
    freeze: { rows: top + 1, cols: 2 },
    tables: listingTable("stdrates_detail", top, rows.length, headers.length),
    print: { landscape: true, fitToWidth: true, title: "Detail", repeatRows: { row: top, rows: 1 } },
  };
}
