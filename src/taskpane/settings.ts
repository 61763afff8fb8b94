// What the pane remembers in the workbook (port.saveSettings): the chosen tables, the column
// mapping and the options, so that reopening the workbook and pressing Run gives the same output.
import type { AreaOrder, ColumnMapping, RunOptions } from "../engine/types";
import type { TableRef } from "../workbook/port";
import type { Kind } from "./lazy";

export const SETTINGS_KEY = "stdrates.pane";

/** Output sheet keys (REPORT's contract), in tab order, with the names the pane shows. */
/** Sheets written only when ticked (native charts cost a few more syncs and some seconds). */
export const OPT_IN_SHEETS = ["charts"];

export const OUTPUT_SHEETS: { key: string; label: string }[] = [
  { key: "annex-b", label: "Annex B (rates by area)" },
  { key: "charts", label: "Charts (ranked and funnel, native)" },
  { key: "national", label: "National rates" },
  { key: "ratios", label: "Rates ratios" },
  { key: "p-values", label: "Rates ratio p-values" },
  { key: "summary", label: "Summary" },
  { key: "data-quality", label: "Data quality" },
  { key: "detail", label: "Detail by measure" },
  { key: "about", label: "About" },
];

export const STRATA: { key: string; label: string }[] = [
  { key: "sex", label: "Sex" },
  { key: "age", label: "Age band" },
  { key: "imd", label: "IMD quintile" },
];

export interface PaneOptions {
  /** Measures to compute; empty = all. */
  measures: string[];
  multiplier: number;
  strata: string[];
  standard: "internal" | "reference";
  significance: "published" | "counts";
  sheets: string[];
  excludeInvalidRows: boolean;
  /** SPEC §4b: which verdicts mark Annex B. */
  verdicts: "poisson" | "overdispersed";
  /** SPEC §11: directly standardised rates (a DSR sheet and Detail columns). */
  direct: boolean;
  /** The DSR's standard population: a table of the workbook (age band, population), else ESP 2013. */
  directTable?: TableRef;
  /** SPEC §12: suppress counts below this (0 = none). */
  suppressBelow: number;
  /** Annex B's rows: by region, then name (as published), or the population table's order. */
  areaOrder: AreaOrder;
}

export interface PaneSettings {
  version: 1;
  tables: Partial<Record<Kind, TableRef>>;
  mapping: Partial<Record<Kind, ColumnMapping>>;
  options: PaneOptions;
}

export const DEFAULT_OPTIONS: PaneOptions = {
  measures: [],
  multiplier: 10_000,
  strata: STRATA.map((s) => s.key),
  standard: "internal",
  significance: "published",
  sheets: OUTPUT_SHEETS.map((s) => s.key).filter((k) => !OPT_IN_SHEETS.includes(k)),
  excludeInvalidRows: false,
  verdicts: "poisson",
  direct: false,
  suppressBelow: 0,
  areaOrder: "region",
};

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");

const isTableRef = (v: unknown): v is TableRef => {
  const r = v as Partial<Record<keyof TableRef, unknown>> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    ["table", "name", "sheet", "range"].includes(r.kind as string) &&
    typeof r.name === "string" &&
    typeof r.sheet === "string" &&
    typeof r.address === "string"
  );
};

/** Saved options, checked field by field: a damaged or older setting falls back to the default. */
export function restoreOptions(saved: unknown): PaneOptions {
  const o = (saved && typeof saved === "object" ? saved : {}) as Partial<Record<keyof PaneOptions, unknown>>;
  const d = DEFAULT_OPTIONS;
  const sheetKeys = new Set(OUTPUT_SHEETS.map((s) => s.key));
  return {
    measures: isStringArray(o.measures) ? o.measures : d.measures,
    multiplier:
      typeof o.multiplier === "number" && Number.isFinite(o.multiplier) && o.multiplier > 0
        ? o.multiplier
        : d.multiplier,
    strata: isStringArray(o.strata) && o.strata.length > 0 ? o.strata : d.strata,
    standard: o.standard === "reference" ? "reference" : "internal",
    significance: o.significance === "counts" ? "counts" : "published",
    sheets:
      isStringArray(o.sheets) && o.sheets.some((k) => sheetKeys.has(k))
        ? o.sheets.filter((k) => sheetKeys.has(k))
        : d.sheets,
    excludeInvalidRows: o.excludeInvalidRows === true,
    verdicts: o.verdicts === "overdispersed" ? "overdispersed" : "poisson",
    direct: o.direct === true,
    ...(isTableRef(o.directTable) ? { directTable: o.directTable } : {}),
    suppressBelow:
      typeof o.suppressBelow === "number" && Number.isFinite(o.suppressBelow) && o.suppressBelow >= 0
        ? o.suppressBelow
        : d.suppressBelow,
    areaOrder: o.areaOrder === "input" ? "input" : "region",
  };
}

/** Same place, ignoring the address (a table that grew keeps its identity). */
export function sameTable(a: TableRef | undefined, b: TableRef | undefined): boolean {
  if (!a || !b || a.kind !== b.kind || a.sheet !== b.sheet) return false;
  return a.kind === "range" ? a.address === b.address : a.name === b.name;
}

/** Only roles that name a column: an empty choice leaves the role to the engine's guess. */
export function cleanMapping(m: ColumnMapping | undefined): ColumnMapping | undefined {
  if (!m) return undefined;
  const out: ColumnMapping = {};
  for (const [role, header] of Object.entries(m)) if (header) out[role] = header;
  return Object.keys(out).length ? out : undefined;
}

/** The engine's options from the pane's. */
export function toRunOptions(
  options: PaneOptions,
  mapping: Partial<Record<Kind, ColumnMapping>>,
  measureColumns?: string[],
): RunOptions {
  const run: RunOptions = {
    multiplier: options.multiplier,
    strata: options.strata,
    significance: options.significance,
    excludeInvalidRows: options.excludeInvalidRows,
    verdicts: options.verdicts,
    areaOrder: options.areaOrder,
    ...(options.direct ? { direct: true } : {}),
    ...(options.suppressBelow > 0 ? { suppressBelow: options.suppressBelow } : {}),
    mapping: {
      population: cleanMapping(mapping.population),
      activity: cleanMapping(mapping.activity),
      reference: options.standard === "reference" ? cleanMapping(mapping.reference) : undefined,
    },
  };
  if (options.measures.length) run.measures = options.measures;
  if (measureColumns?.length) run.measureColumns = measureColumns;
  return run;
}
