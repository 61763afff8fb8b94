// Shared presentation constants and text helpers for the report (SPEC §7). Pure: no Excel here.
import type { Results, TableSummary } from "../engine/types";
import type { CellStyle, PlanValue, TablePlan, ValueBlock } from "./plan";
import { formatPercent, formatWhole } from "../format/numbers";
import { COLOR, FONT, HEADER_STYLE } from "./house-style";

// Shared with the charts and validation through src/format/ (no import cycle); re-exported here so the
// report's builders keep one place to import from.
export { excelRound, formatPercent, formatWhole } from "../format/numbers";
export { levelLabel } from "../format/labels";

/** SPEC §7 number formats. Cells hold unrounded values; these do the rounding. */
export const FMT = {
  rate: "#,##0",
  count: "#,##0",
  /** Expected counts are fractional; one decimal shows they are estimates. */
  expected: "#,##0.0",
  ratio: "0.00",
  share: "0%",
  /** Exclusion shares are small: one decimal, as the publication's Annex A ("641,000 (1.3%)"). */
  smallShare: "0.0%",
  /** Tiny p-values stay readable instead of showing 0.0000. */
  p: "[<0.0001]0.00E+00;0.0000",
  chi2: "0.00",
  /** τ² is small (0.003 for X-ray on the sample): four significant places. */
  tau2: "0.0000",
  text: "@",
} as const;

// House style lives in one module, shared with the adapters; re-exported for the report.
export { COLOR, FONT, HEADER_STYLE };

/** One value per cell; non-finite numbers become empty cells (Excel cannot hold NaN). */
export function cellValue(v: PlanValue | undefined): PlanValue {
  if (v === undefined) return null;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

/** A one-cell (or one-row) text block. */
export function textBlock(row: number, col: number, text: string, style: CellStyle = {}): ValueBlock {
  return { row, col, values: [[text]], ...style };
}

/** Is this the publication's sex/age/IMD setup, i.e. are the areas ICBs? Then sentences say "ICBs". */
export function areaNoun(results: Results): { plural: string; singular: string } {
  const list = results.meta.areaList;
  const icb =
    list.length > 0 &&
    list.every(
      (a) =>
        /^(Q[A-Z0-9]{2}|E54\d{6})$/i.test(a.area.trim()) ||
        /\bICB\b|Integrated Care Board/i.test(a.name ?? ""),
    );
  return icb ? { plural: "ICBs", singular: "ICB" } : { plural: "areas", singular: "area" };
}

/** "per 10,000" for the multiplier. */
export function perK(results: Results): string {
  return `per ${formatWhole(results.multiplier)}`;
}

const FACTOR_WORDS: Record<string, string> = { sex: "sex", age: "age band", imd: "IMD quintile" };

/** "sex, age band and IMD quintile". */
export function strataText(strata: string[]): string {
  const words = strata.map((s) => FACTOR_WORDS[s] ?? s);
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** "population.csv (sheet Population), 7,980 rows" — a short label for one input table. */
export function tableLabel(t: TableSummary): string {
  const where = [
    t.source.file,
    t.source.sheet && `sheet ${t.source.sheet}`,
    t.source.name && `table ${t.source.name}`,
  ]
    .filter(Boolean)
    .join(", ");
  return `${t.role}: ${where || "(workbook range)"}, ${formatWhole(t.rows)} rows, hash ${t.hash}`;
}

/**
 * The provenance line every output sheet carries (SPEC §7: inputs, options, exclusions, time, version).
 * `inputs` (from ReportOptions) replaces the derived input description when the caller knows better.
 */
export function provenance(results: Results, marker: string, inputs?: string): string {
  const src = inputs ?? results.meta.tables.map(tableLabel).join("; ");
  const excl = results.exclusions;
  return (
    `Inputs: ${src || "not recorded"}. ` +
    `Standardised for ${strataText(results.meta.strata) || "no strata"}, rates ${perK(results)}` +
    `${results.meta.standard === "external" ? " on an external standard" : ""}. ` +
    `Excluded: ${formatWhole(excl.activityCount)} (${formatPercent(excl.share, 1)}) of activity; see Data quality. ` +
    `Made by ${marker} at ${results.meta.createdAt}.`
  );
}

/** The publication's early-diagnosis-of-cancer tests (SPEC §8), compared loosely ("&" = "or"). */
const EDOC = [
  "Brain MRI",
  "Chest X-ray",
  "Chest CT",
  "Kidney or Bladder Ultrasound",
  "Abdomen or Pelvis Ultrasound",
];
const looseName = (s: string) =>
  s
    .toLowerCase()
    .replace(/&|\band\b|\bor\b|\//g, " ")
    .replace(/[^a-z0-9]+/g, "");
const EDOC_KEYS = new Set(EDOC.map(looseName));

export interface MeasureGroup {
  /** Table-title phrase: "modality", "Early Diagnosis of Cancer", or "measure". */
  title: string;
  /** Header above the group's columns in Annex B, or "" for a single group. */
  heading: string;
  measures: string[];
}

/**
 * Tables 1 & 2 split the publication's measures into modalities and early-diagnosis tests. With any
 * other measures there is one group, so nothing here depends on the sample's names.
 */
export function measureGroups(measures: string[]): MeasureGroup[] {
  const edoc = measures.filter((m) => EDOC_KEYS.has(looseName(m)));
  const rest = measures.filter((m) => !EDOC_KEYS.has(looseName(m)));
  if (edoc.length === 0 || rest.length === 0) return [{ title: "measure", heading: "", measures }];
  return [
    { title: "modality", heading: "Modality", measures: rest },
    { title: "Early Diagnosis of Cancer", heading: "Early diagnosis of cancer tests", measures: edoc },
  ];
}

/** "X-rays", "CT Scans", "MRIs"; other names read "Fluoroscopy tests" rather than risk a wrong plural. */
export function pluralMeasure(measure: string): string {
  return /(ray|scan|sound|MRI|CT)$/i.test(measure.trim()) ? `${measure.trim()}s` : `${measure.trim()} tests`;
}

/** The significance method in words, for footnotes (SPEC §6). */
export function significanceText(results: Results): string {
  const k = formatWhole(results.multiplier);
  return results.meta.significance === "counts"
    ? "Stars come from a test on counts: the log-ratio interval ln(RR) ± z·√(1/O(level) + 1/O(base)), which does not depend on the multiplier."
    : `Stars come from Pearson's chi-square test with one degree of freedom on the pair of standardised rates per ${k} population, as in the publication: X² = (SR(level) − SR(base))² / (SR(level) + SR(base)). This depends on the multiplier: the same data per 100,000 would give different stars.`;
}

export const STAR_NOTE =
  "* significant at p < 0.05; ** significant at p < 0.01; *** significant at p < 0.001.";

/** A number format showing the ratio to two decimals followed by its stars, e.g. 0.80***. */
export function ratioFormat(stars: string): string {
  return stars ? `0.00"${stars}"` : FMT.ratio;
}

/** Rows 0–1 of every sheet: a title and the provenance line. */
export function sheetHeading(title: string, results: Results, marker: string, inputs?: string): ValueBlock[] {
  return [
    textBlock(0, 0, title, { font: FONT.title }),
    textBlock(1, 0, provenance(results, marker, inputs), { font: FONT.note }),
  ];
}

/** A header row in the house style. */
export function headerRow(
  row: number,
  col: number,
  headers: string[],
  horizontal: CellStyle["horizontal"] = "center",
): ValueBlock {
  return { row, col, values: [headers], ...HEADER_STYLE, horizontal };
}

/** The filterable Excel table over a listing whose header row is at `top`, or none without data rows
 * (an Excel table needs at least one). */
export function listingTable(name: string, top: number, rows: number, cols: number): TablePlan[] {
  return rows > 0
    ? [
        {
          name,
          range: { row: top, col: 0, rows: rows + 1, cols },
          showFilter: true,
          style: "TableStyleLight9",
        },
      ]
    : [];
}
