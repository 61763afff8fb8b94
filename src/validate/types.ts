// Validation against a published table: what goes in (sheets as grids, with number formats when
// the reader has them) and what comes out (one Figure per published number, plus what is missing).
import type { CellValue, Factor } from "../engine/types";

/** A published sheet as read: a grid of values from `origin` (default A1), and each cell's number format. */
export interface PublishedSheet {
  name: string;
  grid: CellValue[][];
  /** Excel number formats, parallel to `grid` ("#,##0", "0.00\"***\"", "General"); absent when unknown. */
  formats?: (string | null | undefined)[][];
  /** 0-based sheet row and column of grid[0][0] (a used range need not start at A1). */
  origin?: { row: number; col: number };
}

export interface ValidateOptions {
  /**
   * Overrides the tolerance taken from each cell's rounding: an absolute difference (0.5), or a
   * share of the computed value ({ relative: 0.001 } = 0.1%).
   */
  tolerance?: number | { relative: number };
  /**
   * Published area code → computed area code. The 2024/25 ICBs' ONS (E54…) and ODS (Q…) codes
   * match each other without this; it adds others.
   */
  areaAliases?: Record<string, string>;
}

/** "results": a long table of SPEC §9 `areas` rows (area × measure), as a warehouse query returns it. */
export type TableKind = "areas" | "national" | "ratios" | "results";

/** One published table found on a sheet. */
export interface FoundTable {
  sheet: string;
  kind: TableKind;
  /** A1 address of the table (header row to last data row). */
  address: string;
  /** For ratios: the factor its rows are levels of. */
  factor?: Factor;
  /** Measures in the table, as computed names (published heading → measure). */
  measures: { heading: string; measure: string }[];
}

export type Quantity = "rate" | "observed" | "expected" | "population" | "ratio";

export interface Figure {
  sheet: string;
  /** A1 address of the published cell. */
  cell: string;
  table: TableKind;
  quantity: Quantity;
  /** Area code as computed ("England" for the national row or table; "" for ratios). */
  area: string;
  areaName: string | null;
  /** Ratios: factor and level (computed spelling). */
  factor?: Factor;
  level?: string;
  /** Computed measure name, and the heading it was matched from. */
  measure: string;
  heading: string;
  published: number;
  computed: number;
  /** published − computed. */
  difference: number;
  /** (published − computed) / computed; null when computed is 0. */
  relativeDifference: number | null;
  /** Decimal places the published figure shows (negative for thousands), when known. */
  decimals?: number;
  /** Largest |difference| that still agrees, and where it came from. */
  tolerance: number;
  /** "unrounded": a results table's full-precision figure, agreeing within 1e-9 relative. */
  toleranceFrom: "format" | "digits" | "user" | "unrounded";
  /** Stars, when the published table shows any (ratios only); undefined when not compared. */
  publishedStars?: string;
  computedStars?: string;
  /** Results tables: "vsNational95 / vsNational998" on each side, on the rate figure; must be equal. */
  publishedVerdicts?: string;
  computedVerdicts?: string;
  agree: boolean;
}

/** Something on one side with no counterpart on the other. */
export interface Missing {
  /** "published": in the published table, not in the results; "computed": the reverse. */
  onlyIn: "published" | "computed";
  what: "area" | "measure" | "level" | "table";
  /** The code, heading or level as written on its side. */
  label: string;
  sheet?: string;
  /** A1 address of the published cell, when onlyIn = "published". */
  cell?: string;
  table?: TableKind;
}

/** A published cell not compared (SPEC §12): a published `*`, or a figure the results suppress. */
export interface NotCompared {
  sheet: string;
  cell: string;
  area: string;
  measure: string;
  reason: "suppressed-published" | "suppressed-computed";
}

export interface Validation {
  /** Disagreements first, then in sheet order. */
  figures: Figure[];
  /** Suppressed cells on either side: neither agreeing nor differing. */
  notCompared: NotCompared[];
  agreeing: number;
  total: number;
  missing: Missing[];
  tables: FoundTable[];
  /** "586 of 588 figures agree within rounding". */
  headline: string;
  /** How the tolerance was set, in words. */
  toleranceText: string;
  /** True when every figure agrees and nothing published lacks a computed counterpart. */
  ok: boolean;
  /**
   * When most rates disagree by one power of ten, the multiplier that would make them agree
   * (a publication per 100,000 compared with rates per 10,000).
   */
  suggestedMultiplier?: number;
}
