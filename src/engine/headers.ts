// SPEC §1 headers: find each column's role by name, case- and punctuation-insensitive.
import type { Role } from "./types";

/** "ICB Code", "icb_code", "ICB-code " → "icbcode": the key headers are compared by. */
export function normaliseHeader(h: string): string {
  return String(h ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

// Names per role, in the SPEC's words (normalised when used). Earlier roles win ties.
const NAMES: [Role, string[]][] = [
  [
    "area",
    [
      "area",
      "area code",
      "icb",
      "icb code",
      "org code",
      "organisation code",
      "organization code",
      "code",
      "area id",
      "sub icb code",
    ],
  ],
  ["areaName", ["area name", "icb name", "name", "organisation name", "organization name", "org name"]],
  ["region", ["region", "nhs region", "region name", "nhs region name"]],
  ["sex", ["sex", "gender", "person stated gender code", "sex code", "gender code"]],
  [
    "age",
    [
      "age band",
      "ageband",
      "age group",
      "age",
      "age band 5 year",
      "five year age band",
      "5 year age band",
      "age years",
    ],
  ],
  [
    "imd",
    [
      "imd",
      "imd quintile",
      "deprivation",
      "deprivation quintile",
      "imd quintile 2019",
      "imd 2019 quintile",
      "quintile",
    ],
  ],
  ["population", ["population", "pop", "denominator", "persons", "population count", "mid year population"]],
  [
    "count",
    ["count", "activity", "tests", "events", "numerator", "observed", "value", "number", "activity count"],
  ],
  ["measure", ["measure", "modality", "test", "indicator", "measure name", "test type", "edoc test"]],
];

const LOOKUP = new Map<string, Role>();
for (const [role, names] of NAMES)
  for (const n of names) if (!LOOKUP.has(normaliseHeader(n))) LOOKUP.set(normaliseHeader(n), role);

/** The role a header names, if any. */
export function roleOfHeader(header: string): Role | undefined {
  return LOOKUP.get(normaliseHeader(header));
}

const ROLES_BY_KIND: Record<"population" | "activity" | "reference", Role[]> = {
  population: ["area", "areaName", "region", "sex", "age", "imd", "population"],
  activity: ["area", "sex", "age", "imd", "measure", "count"],
  // A reference (standard) has stratum columns, a count and a population, optionally a measure.
  reference: ["sex", "age", "imd", "measure", "count", "population"],
};

export interface GuessedMapping {
  /** role → header text as it appears. */
  mapping: Record<string, string>;
  layout?: "long" | "wide";
  /** Wide activity: the headers that are not stratum columns (candidates for count columns). */
  measureColumns?: string[];
}

/**
 * Guesses which header plays each role. For activity: a measure column or a count column makes it
 * long (a long table with no measure column is one measure, named after its count column);
 * otherwise it is wide and every other column is a candidate measure.
 */
export function guessMapping(
  headers: string[],
  kind: "population" | "activity" | "reference",
): GuessedMapping {
  const allowed = ROLES_BY_KIND[kind];
  const mapping: Record<string, string> = {};
  for (const h of headers) {
    if (h === null || h === undefined || String(h).trim() === "") continue;
    const role = roleOfHeader(String(h));
    if (role && allowed.includes(role) && mapping[role] === undefined) mapping[role] = String(h);
  }
  if (kind !== "activity") return { mapping };
  if (mapping.count !== undefined || mapping.measure !== undefined) return { mapping, layout: "long" };
  const used = new Set(Object.values(mapping));
  const measureColumns = headers
    .map((h) => (h === null || h === undefined ? "" : String(h)))
    .filter((h) => h.trim() !== "" && !used.has(h) && !isDescriptive(h));
  return { mapping, layout: "wide", measureColumns };
}

// Columns that describe an area rather than count activity; never measures in a wide table.
function isDescriptive(h: string): boolean {
  const role = roleOfHeader(h);
  return role === "areaName" || role === "region" || role === "population";
}

/** Finds a header by the text a user gave (exact first, then normalised). */
export function findHeader(headers: string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const key = normaliseHeader(wanted);
  return headers.findIndex((h) => normaliseHeader(String(h ?? "")) === key);
}
