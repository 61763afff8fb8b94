// Annex B: one row per area (England on top), one standardised-rate column per measure, a colour
// scale centred on each measure's national rate, and ▲/▼ markers for 99.8% significance that
// survive black-and-white printing (the colour scale alone would not).
import { columnLetter } from "../engine/errors";
import type { AreaInfo, AreaResult, Results, Verdict } from "../engine/types";
import type { ConditionalFormat, Merge, PlanValue, SheetPlan, ValueBlock } from "./plan";
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
import { shown, suppressionNote } from "./suppressed";
import { markedVerdict, overdispersed, verdictsNote } from "./verdicts";

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

const byText = (a: string, b: string) => a.localeCompare(b, "en-GB", { sensitivity: "base" });

/**
 * Annex B's rows. Default: the publication's order, by region and then by name within it (so a
 * region is one block, not scattered as in a population table sorted by code); areas with no region
 * come last. `areaOrder: "input"` keeps the population table's order.
 */
export function annexBOrder(results: Results): AreaInfo[] {
  const list = results.meta.areaList;
  if (results.meta.options?.areaOrder === "input") return list;
  return [...list].sort(
    (a, b) =>
      Number(a.region === null || a.region === "") - Number(b.region === null || b.region === "") ||
      byText(a.region ?? "", b.region ?? "") ||
      byText(a.name || a.area, b.name || b.area),
  );
}

/** What differs between Annex B (ISR) and the DSR sheet; the layout is shared. */
export interface RateSheetSpec {
  key: string;
  name: string;
  title: string;
  /** Rows 2 and 3 under the provenance line. */
  intro: [string, string];
  /** An area's cell for a measure: its rate, `*` when suppressed, or null. */
  cell: (area: string, measure: string) => PlanValue;
  /** The verdict its marker shows. */
  verdict: (area: string, measure: string) => Verdict | null;
  /** England's rate: the England row and the colour scale's centre. */
  england: (measure: string) => number | null | undefined;
  /** Footnotes below the table (empty strings are skipped). */
  notes: string[];
}

export function buildAnnexB(results: Results, marker: string, inputs?: string): SheetPlan {
  const noun = areaNoun(results);
  const k = perK(results);
  const byKey = new Map<string, AreaResult>();
  for (const a of results.areas) byKey.set(`${a.area}\u0000${a.measure}`, a);
  const national = new Map(results.national.map((n) => [n.measure, n.rate]));
  const at = (area: string, m: string) => byKey.get(`${area}\u0000${m}`);
  return buildRateSheet(results, marker, inputs, {
    key: "annex-b",
    name: "Annex B",
    title: `Standardised rates ${k} population, by ${noun.singular}`,
    intro: [
      `Indirectly standardised for ${strataText(results.meta.strata)}: observed ÷ expected × the England rate. ` +
        `Each ${noun.singular} is compared with England; indirect standardisation does not allow ${noun.plural} to be compared with each other.`,
      `${HIGHER} significantly higher than England, ${LOWER} significantly lower (${overdispersed(results) ? "99.8% limits allowing for overdispersion" : "99.8% confidence limits"}; also shown bold with a border). ` +
        `Colours: blue below, white at, red above the England rate of each measure.`,
    ],
    cell: (area, m) => shown(at(area, m), at(area, m)?.rate),
    verdict: (area, m) => markedVerdict(results, at(area, m)),
    england: (m) => national.get(m),
    notes: [
      `Standardised rate = observed ÷ expected × England rate, ${k} population. Expected counts apply England's rate in each stratum (${strataText(results.meta.strata)}) to the ${noun.singular}'s population.`,
      verdictsNote(results, noun.singular),
      suppressionNote(results),
    ],
  });
}

/** Annex B's layout: England on top, one rate and one marker column per measure, colour scale on England. */
export function buildRateSheet(
  results: Results,
  marker: string,
  inputs: string | undefined,
  spec: RateSheetSpec,
): SheetPlan {
  const groups = measureGroups(results.measures);
  const ordered = groups.flatMap((g) => g.measures);
  const layout = annexBLayout(results);
  const ids = idColumns(results);

  const blocks: ValueBlock[] = [
    textBlock(0, 0, spec.title, { font: FONT.title }),
    textBlock(1, 0, provenance(results, marker, inputs), { font: FONT.note }),
    textBlock(2, 0, spec.intro[0], { font: FONT.note }),
    textBlock(3, 0, spec.intro[1], { font: FONT.note }),
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
    values: [[...englandIds, ...ordered.flatMap((m) => [cellValue(spec.england(m)), null])]],
    numberFormat: [...idFormats, ...rateFormats],
    font: FONT.bold,
    fill: COLOR.englandFill,
    border: ["bottom"],
  });

  // Areas, in the chosen order: one block for the identifiers, then a rate column and a
  // centred marker column per measure. Input text goes in as values, never as formulas.
  const areaList = annexBOrder(results);
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
      blocks.push(
        {
          row: layout.firstAreaRow,
          col: layout.rateCol[m],
          values: areaList.map((a) => [spec.cell(a.area, m)]),
          numberFormat: FMT.rate,
          border: ["bottom"],
        },
        {
          row: layout.firstAreaRow,
          col: layout.rateCol[m] + 1,
          values: areaList.map((a) => {
            const v = spec.verdict(a.area, m);
            return [v === "higher" ? HIGHER : v === "lower" ? LOWER : null];
          }),
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
      const mid = spec.england(m) ?? undefined;
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
  spec.notes
    .filter((t) => t !== "")
    .forEach((t, i) => blocks.push(textBlock(notesRow + i, 0, t, { font: FONT.note })));

  const widths = ids.map((c, col) => ({ col, width: c === "area" ? 11 : c === "name" ? 46 : 24 }));
  ordered.forEach((_, i) => {
    widths.push({ col: ids.length + 2 * i, width: 10 }, { col: ids.length + 2 * i + 1, width: 2.7 });
  });

  return {
    key: spec.key,
    name: spec.name,
    tabColor: COLOR.tab,
    blocks,
    merges,
    columnWidths: widths,
    freeze: { rows: layout.englandRow + 1, cols: ids.includes("name") ? 2 : 1 },
    conditionalFormats,
    hideGridlines: true,
    print: { landscape: true, fitToWidth: true, title: spec.title },
  };
}
