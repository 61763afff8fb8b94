// buildPlan: Results → Plan, the one place that decides which sheets exist and in what order.
import type { Results } from "../engine/types";
import { PRODUCT, VERSION } from "../version";
import { buildAbout } from "./about";
import { buildAnnexB } from "./annex-b";
import { buildDataQuality } from "./data-quality";
import { buildDetail } from "./detail";
import { buildDirect } from "./direct";
import { buildNational } from "./national";
import type { Plan, SheetPlan } from "./plan";
import { buildPValues, buildRatios } from "./ratios";
import { fitHeaderRows } from "./row-heights";
import { buildSummary } from "./summary";
import { buildValidation } from "./validation";
import type { Validation } from "../validate/types";
import { type ChartSheetOptions, buildCharts } from "./charts";
import { buildScenario } from "./scenario";
import type { ScenarioComparison } from "../scenario/compare";

export * from "./plan";
export { commentary } from "./commentary";
export { CHARTS_SHEET_KEY, type ChartSheetOptions, type PngRenderer } from "./charts";

export interface ReportOptions {
  /** Sheet keys to build (default all), from SHEET_KEYS. */
  sheets?: string[];
  /** How to describe the inputs on every sheet (e.g. file names); default: from results.meta.tables. */
  inputs?: string;
  /** A comparison with a published table (src/validate): adds the Validation sheet, first. */
  validation?: Validation;
  /** Adds the Charts sheet (after Annex B): chart data, native chart specs, and PNG pictures when `renderPng` is given. */
  charts?: ChartSheetOptions;
  /** A scenario against its baseline (src/scenario): adds the Scenario sheet, first; `results` are the scenario's. */
  scenario?: ScenarioComparison;
}

type Builder = (results: Results, marker: string, inputs?: string, options?: ReportOptions) => SheetPlan;

/** Output sheets in tab order. */
const BUILDERS: [string, Builder][] = [
  ["validation", (r, m, i, o) => buildValidation(o!.validation!, r, m, i)],
  ["scenario", (r, m, i, o) => buildScenario(o!.scenario!, r, m, i)],
  ["annex-b", buildAnnexB],
  ["direct", buildDirect],
  ["charts", (r, m, i, o) => buildCharts(r, m, i, o?.charts)],
  ["national", buildNational],
  ["ratios", buildRatios],
  ["p-values", buildPValues],
  ["summary", buildSummary],
  ["data-quality", buildDataQuality],
  ["detail", buildDetail],
  ["about", buildAbout],
];

/** Built only when asked: "validation" with options.validation, "charts" with options.charts (or by key), "direct" with DSRs in the results. */
const OPTIONAL = new Set(["validation", "charts", "scenario", "direct"]);

/** Sheets of a run (the user chooses among these). */
export const SHEET_KEYS = BUILDERS.map(([k]) => k).filter((k) => !OPTIONAL.has(k));

export function buildPlan(results: Results, options: ReportOptions = {}): Plan {
  const marker = `${PRODUCT} ${VERSION}`;
  const wanted = options.sheets ? new Set(options.sheets) : undefined;
  const unknown = options.sheets?.filter((k) => !SHEET_KEYS.includes(k) && !OPTIONAL.has(k)) ?? [];
  if (unknown.length > 0)
    throw new Error(`Unknown sheet key(s): ${unknown.join(", ")}. Known: ${SHEET_KEYS.join(", ")}.`);
  const include = (k: string) =>
    k === "charts"
      ? Boolean(options.charts) || Boolean(wanted?.has(k))
      : k === "scenario"
        ? Boolean(options.scenario) // a comparison given is always shown
        : k === "direct"
          ? Boolean(results.direct) && (!wanted || wanted.has(k) || wanted.has("annex-b")) // DSR goes with Annex B
          : (!wanted || wanted.has(k)) && (k !== "validation" || Boolean(options.validation));
  const sheets = BUILDERS.filter(([k]) => include(k)).map(([, build]) =>
    fitHeaderRows(build(results, marker, options.inputs, options)),
  );
  return { sheets, activate: sheets[0]?.key, marker };
}
