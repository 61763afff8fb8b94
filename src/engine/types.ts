// The engine's contract: what goes in (tables of cells, options) and what comes out (Results).
// Results mirrors SPEC §9 field for field; `meta` carries what the report needs besides.
// Pure types: no Office, no DOM, no Node.

/** An Excel error value such as `#N/A` or `#DIV/0!`, kept distinct from text. */
export interface CellError {
  error: string;
}

/** One cell as read from a workbook or CSV file. Dates are not expected in these tables. */
export type CellValue = string | number | boolean | null | CellError;

/** Where a table came from: used for messages ("population.csv, row 12, column D") and the About sheet. */
export interface TableSource {
  /** File name (CLI), or undefined for the open workbook. */
  file?: string;
  /** Sheet name, when the table lives in a workbook. */
  sheet?: string;
  /** Excel table name or defined name, when the table is one. */
  name?: string;
  /** 1-based sheet row of the header row. */
  headerRow: number;
  /** 1-based sheet column of the first column. */
  firstColumn: number;
  /** What the reader could not do as asked (e.g. merged cells on an old Excel): run warnings. */
  notes?: string[];
}

/**
 * A rectangular table, column-major: `columns[j][i]` is data row i (0-based, below the header)
 * of column j. Data row i sits on sheet row `source.headerRow + 1 + i`, column j on sheet
 * column `source.firstColumn + j`. Column-major keeps a 1M-row read compact and fast to scan.
 */
export interface Table {
  source: TableSource;
  headers: string[];
  columns: CellValue[][];
  rowCount: number;
}

/** What a column means. `measure` and `count` are activity-only; `population` population-only. */
export type Role =
  "area" | "areaName" | "region" | "sex" | "age" | "imd" | "population" | "count" | "measure";

/** Header overrides: role → header text (as it appears), or a list of measure columns for wide tables. */
export interface ColumnMapping {
  [role: string]: string | undefined;
}

export interface RunOptions {
  /** The rate multiplier k; default 10,000. */
  multiplier?: number;
  /**
   * Stratum factors. Default: whichever of sex, age, imd both tables have. Other names are
   * column headers shared by both tables (a generic factor, codes taken as text).
   */
  strata?: string[];
  /** Measures to compute (default all, in table order). */
  measures?: string[];
  /** Header overrides per table. */
  mapping?: { population?: ColumnMapping; activity?: ColumnMapping; reference?: ColumnMapping };
  /** For wide activity tables: the count columns; default every column not otherwise mapped that holds numbers. */
  measureColumns?: string[];
  /** Exclude rows with a negative or non-numeric count/population instead of stopping with an error. */
  excludeInvalidRows?: boolean;
  /** Which p-value makes the stars in `ratios[].stars`: SPEC §6 "published" (default) or "counts". */
  significance?: "published" | "counts";
  /** Compute rates ratios (default true when sex, age and imd are all strata). */
  ratios?: boolean;
  /** Which verdicts mark Annex B (SPEC §4b): the published Poisson ones (default) or overdispersion-adjusted. */
  verdicts?: VerdictSetting;
  /** Directly age-standardised rates (SPEC §11), with `directStandard` or else ESP 2013. */
  direct?: boolean;
  /** The standard population of `direct` (read from a table by `standardFromTable`). */
  directStandard?: StandardPopulation;
  /** Small-number suppression (SPEC §12): every area × measure with O below this is suppressed; 0 = none. */
  suppressBelow?: number;
  /** Annex B's row order: the publication's (by region, then name; default) or the population table's. */
  areaOrder?: AreaOrder;
}

export type AreaOrder = "region" | "input";

/** A standard population for direct standardisation: age bands as labels ("0-4", "90+") and weights. */
export interface StandardPopulation {
  name: string;
  bands: { age: string; weight: number }[];
}

export type VerdictSetting = "poisson" | "overdispersed";

export interface RunInput {
  population: Table;
  activity: Table;
  /** External standard (SPEC §4 "Alternative standards"): stratum columns + count + population. */
  reference?: Table;
}

export type Verdict = "higher" | "similar" | "lower";

export interface NationalRate {
  measure: string;
  observed: number;
  population: number;
  /** Per multiplier. With an external standard, the standard's overall rate. */
  rate: number;
}

export interface AreaResult {
  area: string;
  name: string | null;
  measure: string;
  observed: number;
  expected: number;
  population: number;
  crudeRate: number;
  /** O / E */
  ratio: number;
  /** SR = O / E · R */
  rate: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
  /** null when suppressed (SPEC §12), or when the area has no expected count (no population): no rate, no verdict (SPEC §1b). */
  vsNational95: Verdict | null;
  vsNational998: Verdict | null;
  /** SPEC §4b: SR · exp(∓ z·√(1/E + τ²)), the overdispersion-adjusted limits in SR units. */
  lower95OD: number;
  upper95OD: number;
  lower998OD: number;
  upper998OD: number;
  vsNational95OD: Verdict | null;
  vsNational998OD: Verdict | null;
  /**
   * SPEC §12: O below the threshold (or secondary). Every figure but area, name, measure and
   * population is then NaN (null in JSON) and the verdicts null.
   */
  suppressed: boolean;
}

/** SPEC §4b per measure: dispersion φ, between-area variance τ², and the n areas (O > 0, E > 0) used. */
export interface Overdispersion {
  measure: string;
  phi: number;
  tau2: number;
  n: number;
}

/** SPEC §11: a directly standardised rate; rate and limits null with fewer than 10 events. */
export interface DirectNational {
  measure: string;
  observed: number;
  population: number;
  rate: number | null;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
}

/** SPEC §11 per area and measure; when suppressed (§12) observed and every figure but population are null. */
export interface DirectResult extends Omit<DirectNational, "observed"> {
  area: string;
  observed: number | null;
  suppressed: boolean;
}

export interface Summary {
  measure: string;
  mean: number;
  sd: number;
  /** Share (0–1) of areas with mean − sd ≤ SR ≤ mean + sd. */
  withinOneSd: number;
  /** Share (0–1) of areas with |SR/CR − 1| ≤ 0.10. */
  withinTenPercentOfCrude: number;
  lowest: { area: string; rate: number };
  highest: { area: string; rate: number };
}

export type Factor = "sex" | "imd" | "age";

export interface RatioResult {
  factor: Factor;
  level: string;
  base: string;
  measure: string;
  observed: number;
  expected: number;
  rate: number;
  ratio: number;
  chi2: number;
  p: number;
  /** "", "*", "**" or "***", from the method in `meta.significance`. */
  stars: string;
  /** Two-sided p of the log-ratio test on counts (SPEC §6, beyond the publication). */
  pCounts: number;
}

export type ExclusionReason =
  | "missing-area"
  | "unknown-area"
  | "missing-sex"
  | "unknown-sex"
  | "missing-age"
  | "unknown-age"
  | "missing-imd"
  | "unknown-imd"
  | "missing-stratum"
  | "zero-national-population"
  | "invalid-value"
  | "no-area-population"
  | "not-in-standard";

export interface Exclusions {
  /** Activity rows excluded (long layout: rows; wide: rows with any count excluded). */
  activityRows: number;
  /** Activity (sum of counts) excluded. */
  activityCount: number;
  /** activityCount / all activity read. */
  share: number;
  byReason: { reason: ExclusionReason; label: string; rows: number; count: number }[];
  byArea: {
    area: string;
    name: string | null;
    count: number;
    total: number;
    share: number;
    mostCommonReason: ExclusionReason;
  }[];
  byMeasure: { measure: string; count: number; total: number; share: number }[];
  /** Population rows excluded (missing/unreadable strata), reported separately. */
  populationRows: number;
}

export type WarningKind =
  | "blank-as-zero"
  | "fractional-count"
  | "duplicate-stratum"
  | "excluded-invalid"
  | "unused-column"
  | "totals-left-out"
  | "read-as-meant"
  | "other";

export interface RunWarning {
  kind: WarningKind;
  message: string;
  /** Table the warning is about ("population", "activity", "reference"). */
  table?: string;
  /** How many cells/rows it concerns. */
  count?: number;
  /** The first few sheet rows concerned (1-based), for Go-to. */
  rows?: number[];
}

export interface TableSummary {
  role: "population" | "activity" | "reference";
  source: TableSource;
  rows: number;
  columns: string[];
  /** Header chosen for each role. */
  mapping: Record<string, string>;
  /** Activity layout. */
  layout?: "long" | "wide";
  /** FNV-1a 32-bit hash of the table's content as read, hex. */
  hash: string;
}

export interface AreaInfo {
  area: string;
  name: string | null;
  region: string | null;
}

export interface RunMeta {
  version: string;
  /** ISO time the results were made. */
  createdAt: string;
  strata: string[];
  /** Levels of each stratum factor, in order. */
  levels: Record<string, string[]>;
  significance: "published" | "counts";
  standard: "internal" | "external";
  tables: TableSummary[];
  /** Which verdicts mark Annex B (SPEC §4b). */
  verdicts: VerdictSetting;
  /** Suppression threshold N (0: none) and how many area × measure rows it suppressed (SPEC §12). */
  suppressBelow: number;
  suppressedRows: number;
  /** The direct standard's name ("European Standard Population 2013" or the table's), when --direct. */
  directStandard?: string;
  /** Every area of the population table, in table order. */
  areaList: AreaInfo[];
  options: RunOptions;
}

export interface Results {
  multiplier: number;
  measures: string[];
  national: NationalRate[];
  areas: AreaResult[];
  summaries: Summary[];
  ratios: RatioResult[];
  overdispersion: Overdispersion[];
  /** SPEC §11, only with the `direct` option. */
  direct?: DirectResult[];
  directNational?: DirectNational[];
  exclusions: Exclusions;
  warnings: RunWarning[];
  meta: RunMeta;
}
