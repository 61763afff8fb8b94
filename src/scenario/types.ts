// A scenario (issue 5): a named set of adjustments applied to a copy of the data, never to the
// user's cells. JSON: { "name": "...", "adjustments": [ ... ] }, each adjustment one of these.

/** Multiply an area's activity (all measures, or one) by 1 + percent/100. */
export interface ScaleAdjustment {
  type: "scale";
  /** Area code or name, as in the population table (case and surrounding spaces ignored). */
  area: string;
  measure?: string;
  /**
   * +12.5 scales by 1.125; −10 by 0.9. To restore a known shortfall (Annex A: 11% of an ICB's
   * activity missing) scale by 1 / (1 − 0.11) − 1, i.e. +12.36%.
   */
  percent: number;
}

/** Leave an area out of both tables (so out of the national rates too). */
export interface ExcludeAdjustment {
  type: "exclude";
  area: string;
}

/**
 * Standardise on another table of stratum rates (SPEC §4 alternative standards), such as last
 * year's national rates: the name of a reference table (a file for the command line, a table or
 * sheet in the workbook), or null for the data's own national rates.
 */
export interface StandardAdjustment {
  type: "standard";
  reference: string | null;
}

export interface MultiplierAdjustment {
  type: "multiplier";
  value: number;
}

/** Stratum factors, e.g. ["sex", "age"] to stop standardising for deprivation. */
export interface StrataAdjustment {
  type: "strata";
  factors: string[];
}

export type Adjustment =
  ScaleAdjustment | ExcludeAdjustment | StandardAdjustment | MultiplierAdjustment | StrataAdjustment;

export interface Scenario {
  name: string;
  adjustments: Adjustment[];
}
