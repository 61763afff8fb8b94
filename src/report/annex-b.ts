// Annex B: one row per area (England on top), one standardised-rate column per measure, a colour
// scale centred on each measure's national rate, and ▲/▼ markers for 99.8% significance that
// survive black-and-white printing (the colour scale alone would not).
import { columnLetter } from "../engine/errors";
import type { AreaResult, Results } from "../engine/types";
import type { ConditionalFormat, Merge, SheetPlan, ValueBlock } from "./plan";
import {
  COLOR,
  FMT,
  FONT,
  HEADER_STYLE,
  areaNoun,
  cellValue,
  measureGroups,
  perK,
  provenance,
  strataText,
  textBlock,
} from "./format";

export const HIGHER = "▲";
export const LOWER = "▼";

export interface AnnexBLayout {
  /** 0-based row of the measure-name header row. */
  headerRow: number;
  /** 0-based row of England. */
  englandRow: number;
  /** 0-based first area row. */
  firstAreaRow: number;
  /** 0-based column of each measure's rate; its marker sits one column to the right. */
  rateCol: Record<string, number>;
}

export function annexBLayout(results: Results): AnnexBLayout {
  const grouped = measureGroups(results.measures).length > 1;
  const headerRow = grouped ? 6 : 5;
  const idCols = idColumns(results).length;
  const rateCol: Record<string, number> = {};
  measureGroups(results.measures)
    .flatMap((g) => g.measures)
    .forEach((m, i) => (rateCol[m] = idCols + 2 * i));
  return { headerRow, englandRow: headerRow + 1, firstAreaRow: headerRow + 2, rateCol };
}

/** Code always; name and region only when the population table had them. */
function idColumns(results: Results): ("area" | "name" | "region")[] {
  const list = results.meta.areaList;
  const cols: ("area" | "name" | "region")[] = ["area"];
  if (list.some((a) => a.name)) cols.push("name");
  if (list.some((a) => a.region)) cols.push("region");
  return cols;
}

export function buildAnnexB(results: Results, marker: string, inputs?: string): SheetPlan {
  const groups = measureGroups(results.measures);
  const ordered = groups.flatMap((g) => g.measures);
  const layout = annexBLayout(results);
  const ids = idColumns(results);
  const noun = areaNoun(results);
  const k = perK(results);

  const byKey = new Map<string, AreaResult>();
  for (const a of results.areas) byKey.set(`${a.area}\u0000${a.measure}`, a);
  const national = new Map(results.national.map((n) => [n.measure, n.rate]));

  const blocks: ValueBlock[] = [
    textBlock(0, 0, `Standardised rates ${k} population, by ${noun.singular}`, { font: FONT.title }),
    textBlock(1, 0, provenance(results, marker, inputs), { font: FONT.note }),
    textBlock(
      2,
      0,
      `Indirectly standardised for ${strataText(results.meta.strata)}: observed ÷ expected × the England rate. ` +
        `Each ${noun.singular} is compared with England; indirect standardisation does not allow ${noun.plural} to be compared with each other.`,
      { font: FONT.note },
    ),
    textBlock(
      3,
      0,
      `${HIGHER} significantly higher than England, ${LOWER} significantly lower (99.8% confidence limits; also shown bold with a border). ` +
        `Colours: blue below, white at, red above the England rate of each measure.`,
      { font: FONT.note },
    ),
  ];
  const merges: Merge[] = [];

  // Header rows.
  const idHeaders = ids.map((c) => (c === "area" ? "Code" : c === "name" ? "Name" : "Region"));
  const headerRowValues: (string | null)[] = [...idHeaders];
  for (const m of ordered) headerRowValues.push(m, null);
  if (groups.length > 1) {
    const groupRow: (string | null)[] = ids.map(() => null);
    for (const g of groups) {
      merges.push({ row: layout.headerRow - 1, col: groupRow.length, rows: 1, cols: 2 * g.measures.length });
      groupRow.push(g.heading, ...Array<null>(2 * g.measures.length - 1).fill(null));
    }
    blocks.push({
      row: layout.headerRow - 1,
      col: 0,
      values: [groupRow],
      ...HEADER_STYLE,
      horizontal: "center",
    });
  }
  blocks.push({
    row: layout.headerRow,
    col: 0,
    values: [headerRowValues],
    ...HEADER_STYLE,
    horizontal: "center",
  });
  ordered.forEach((_, i) =>
    merges.push({ row: layout.headerRow, col: ids.length + 2 * i, rows: 1, cols: 2 }),
  );

  const rateFormats = ordered.flatMap(() => [FMT.rate, FMT.text]);
  const idFormats = ids.map(() => FMT.text);

  // England row: the national rates.
  const englandIds = ids.map((_, i) => (i === (ids.includes("name") ? 1 : 0) ? "England" : null));
  blocks.push({
    row: layout.englandRow,
    col: 0,
    values: [[...englandIds, ...ordered.flatMap((m) => [cellValue(national.get(m)), null])]],
    numberFormat: [...idFormats, ...rateFormats],
    font: FONT.bold,
    fill: COLOR.englandFill,
    border: ["bottom"],
  });

  // Areas, in population-table order: one block for the identifiers, then a rate column and a
  // centred marker column per measure. Input text goes in as values, never as formulas.
  const areaList = results.meta.areaList;
  const n = areaList.length;
  if (n > 0) {
    blocks.push({
      row: layout.firstAreaRow,
      col: 0,
      values: areaList.map((a) => ids.map((c) => (c === "area" ? a.area : c === "name" ? a.name : a.region))),
      numberFormat: FMT.text,
      border: ["bottom"],
    });
    for (const m of ordered) {
      const results_ = areaList.map((a) => byKey.get(`${a.area}\u0000${m}`));
      blocks.push(
        {
          row: layout.firstAreaRow,
          col: layout.rateCol[m],
          values: results_.map((r) => [r ? cellValue(r.rate) : null]),
          numberFormat: FMT.rate,
          border: ["bottom"],
        },
        {
          row: layout.firstAreaRow,
          col: layout.rateCol[m] + 1,
          values: results_.map((r) => [
            r?.vsNational998 === "higher" ? HIGHER : r?.vsNational998 === "lower" ? LOWER : null,
          ]),
          horizontal: "center",
          border: ["bottom"],
        },
      );
    }
  }

  const conditionalFormats: ConditionalFormat[] = [];
  if (n > 0)
    for (const m of ordered) {
      const col = layout.rateCol[m];
      const range = { row: layout.firstAreaRow, col, rows: n, cols: 1 };
      const mid = national.get(m);
      conditionalFormats.push({
        type: "colorScale",
        range,
        min: { type: "lowestValue", color: COLOR.low },
        ...(mid !== undefined && Number.isFinite(mid)
          ? { mid: { type: "number" as const, value: mid, color: COLOR.mid } }
          : {}),
        max: { type: "highestValue", color: COLOR.high },
      });
      // Relative to the range's top-left cell: the marker beside this rate.
      const markerRef = `${columnLetter(col + 2)}${layout.firstAreaRow + 1}`;
      conditionalFormats.push(
        {
          type: "expression",
          range,
          formula: `${markerRef}="${HIGHER}"`,
          format: { font: { bold: true }, border: true },
        },
        {
          type: "expression",
          range,
          formula: `${markerRef}="${LOWER}"`,
          format: { font: { bold: true, italic: true }, border: true },
        },
      );
    }

  const notesRow = layout.firstAreaRow + n + 1;
  blocks.push(
    textBlock(
      notesRow,
      0,
      `Standardised rate = observed ÷ expected × England rate, ${k} population. Expected counts apply England's rate in each stratum (${strataText(results.meta.strata)}) to the ${noun.singular}'s population.`,
      { font: FONT.note },
    ),
    textBlock(
      notesRow + 1,
      0,
      `Significance compares each ${noun.singular} with England only: ${HIGHER}/${LOWER} when the 99.8% confidence interval of its rate lies wholly above/below the England rate (Byar's method, exact Poisson below 10 events). Detail has both 95% and 99.8% limits.`,
      { font: FONT.note },
    ),
  );

  const widths = ids.map((c, col) => ({ col, width: c === "area" ? 11 : c === "name" ? 46 : 24 }));
  ordered.forEach((_, i) => {
    widths.push({ col: ids.length + 2 * i, width: 10 }, { col: ids.length + 2 * i + 1, width: 2.7 });
  });

  return {
    key: "annex-b",
    name: "Annex B",
    tabColor: COLOR.tab,
    blocks,
    merges,
    columnWidths: widths,
    freeze: { rows: layout.englandRow + 1, cols: ids.includes("name") ? 2 : 1 },
    conditionalFormats,
    hideGridlines: true,
    print: { landscape: true, fitToWidth: true, title: `Standardised rates ${k} population` },
  };
}
