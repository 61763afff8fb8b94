// Which of the workbook's candidate tables is the population, the activity and the reference
// table, judged from headers alone (the engine's guessMapping), so that it is instant even
// for a million-row sheet.
import type { TableCandidate } from "../workbook/port";
import type { Guess, Kind } from "./lazy";

/** The roles the pane offers a dropdown for, per table kind, with their labels. */
export const ROLES: Record<Kind, { role: string; label: string; required: boolean }[]> = {
  population: [
    { role: "area", label: "Area code", required: true },
    { role: "areaName", label: "Area name", required: false },
    { role: "region", label: "Region", required: false },
    { role: "sex", label: "Sex", required: false },
    { role: "age", label: "Age band", required: false },
    { role: "imd", label: "IMD quintile", required: false },
    { role: "population", label: "Population", required: true },
  ],
  activity: [
    { role: "area", label: "Area code", required: true },
    { role: "sex", label: "Sex", required: false },
    { role: "age", label: "Age band", required: false },
    { role: "imd", label: "IMD quintile", required: false },
    { role: "measure", label: "Measure", required: false },
    // Long layout only: a wide table has its counts in the measure columns instead.
    { role: "count", label: "Count", required: true },
  ],
  reference: [
    { role: "sex", label: "Sex", required: false },
    { role: "age", label: "Age band", required: false },
    { role: "imd", label: "IMD quintile", required: false },
    { role: "measure", label: "Measure", required: false },
    { role: "count", label: "Count", required: true },
    { role: "population", label: "Population", required: true },
  ],
};

/** The roles shown for a table: a wide activity table has its counts in the measure columns. */
export function rolesFor(kind: Kind, guess?: Guess) {
  const wide = kind === "activity" && guess?.layout === "wide";
  return ROLES[kind].filter((r) => !(wide && (r.role === "count" || r.role === "measure")));
}

/** Labels of the required roles the mapping leaves empty ("Count"): Run cannot start without them. */
export function missingRoles(
  kind: Kind,
  mapping: Record<string, string | undefined>,
  guess?: Guess,
): string[] {
  return rolesFor(kind, guess)
    .filter((r) => r.required && !mapping[r.role])
    .map((r) => r.label);
}

export type GuessFn = (headers: string[], kind: Kind) => Guess;

/** What a candidate looks like: the kind it fits best, or undefined. */
export function kindOf(headers: string[], guess: GuessFn): Kind | undefined {
  const pop = guess(headers, "population").mapping;
  const act = guess(headers, "activity");
  const hasPopulation = Boolean(pop.population);
  const hasCount = Boolean(act.mapping.count);
  const hasArea = Boolean(pop.area || act.mapping.area);
  if (hasPopulation && hasCount) return "reference";
  if (hasPopulation && hasArea) return "population";
  // A measure column marks activity even when its count column is not recognised (the user maps it).
  const hasMeasure = Boolean(act.mapping.measure);
  if (hasArea && (hasCount || hasMeasure || (act.layout === "wide" && (act.measureColumns?.length ?? 0) > 0)))
    return "activity";
  return undefined;
}

// Excel tables first, then defined names, then whole sheets: the more deliberate the better.
const KIND_RANK: Record<string, number> = { table: 0, name: 1, sheet: 2, range: 3 };

/** The best candidate of each kind (Excel tables before names before sheets, then the larger). */
export function classify(
  candidates: TableCandidate[],
  guess: GuessFn,
): Partial<Record<Kind, TableCandidate>> {
  const ranked = [...candidates].sort(
    (a, b) => (KIND_RANK[a.ref.kind] ?? 9) - (KIND_RANK[b.ref.kind] ?? 9) || b.rows - a.rows,
  );
  const found: Partial<Record<Kind, TableCandidate>> = {};
  for (const c of ranked) {
    const kind = kindOf(c.headers, guess);
    if (kind && !found[kind]) found[kind] = c;
  }
  return found;
}

/**
 * The candidates that tie for each kind (SPEC §1b "Several candidates"), by the command line's
 * rule (rivalCandidates in src/workbook/tables.ts): as many stratum columns as the best one, at
 * least one, and here also the same kind of reference (a table is not the rival of its own sheet).
 * A kind with two or more must be chosen by the user, never picked silently.
 */
export function rivals(
  candidates: TableCandidate[],
  guess: GuessFn,
): Partial<Record<Kind, TableCandidate[]>> {
  const best = classify(candidates, guess);
  const strata = (c: TableCandidate, kind: Kind) =>
    ["sex", "age", "imd"].filter((r) => guess(c.headers, kind).mapping[r] !== undefined).length;
  const out: Partial<Record<Kind, TableCandidate[]>> = {};
  for (const [kind, top] of Object.entries(best) as [Kind, TableCandidate][]) {
    const same = candidates.filter((c) => c.ref.kind === top.ref.kind && kindOf(c.headers, guess) === kind);
    const score = Math.max(...same.map((c) => strata(c, kind)));
    const tied = same.filter((c) => strata(c, kind) === score);
    if (score > 0 && tied.length > 1) out[kind] = tied;
  }
  return out;
}

/** "Population (sheet, 7,980 rows)" — a candidate as the dropdown shows it. */
export function describeCandidate(c: TableCandidate): string {
  const where =
    c.ref.kind === "table"
      ? "table"
      : c.ref.kind === "name"
        ? "named range"
        : c.ref.kind === "sheet"
          ? "sheet"
          : c.ref.address;
  const label = c.ref.kind === "range" ? `${c.ref.sheet}!${c.ref.address}` : c.ref.name;
  return `${label} (${where}, ${c.rows.toLocaleString("en-GB")} rows)`;
}

/** A stable key for a candidate in a <select>. */
export function candidateKey(c: {
  ref: { kind: string; sheet: string; name: string; address: string };
}): string {
  return `${c.ref.kind}|${c.ref.sheet}|${c.ref.name}|${c.ref.address}`;
}

/** The candidates for a <select>, with the chosen one added when it is no longer found (a saved range). */
export function withChosen<C extends TableCandidate>(candidates: C[], chosen: C | undefined): C[] {
  return chosen && !candidates.some((c) => candidateKey(c) === candidateKey(chosen))
    ? [...candidates, chosen]
    : candidates;
}
