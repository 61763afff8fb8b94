// Where the Scenario sheet's listing rows are, apart from the sheet builder so that the pane's
// What if chunk can find a row for Go to without loading the report.
import type { ScenarioComparison } from "../scenario/compare";

/**
 * 0-based row of the listing's header: after the heading (3 rows), the summary, the notes, the
 * copy note, a gap, the national table (title, header, one row a measure) and a gap.
 */
export function scenarioListingTop(c: Pick<ScenarioComparison, "notes" | "national">): number {
  return 3 + 1 + c.notes.length + 2 + 2 + c.national.length + 1;
}

/** A1 address of the Scenario sheet's row for c.rows[index] (its area code cell), for Go to. */
export function scenarioRowAddress(c: Pick<ScenarioComparison, "notes" | "national">, index: number): string {
  return `A${scenarioListingTop(c) + 2 + index}`;
}
