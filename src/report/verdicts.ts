// SPEC §4b in the report: which verdicts mark Annex B (a setting), and the sentences that say so.
import type { AreaResult, Results, Verdict } from "../engine/types";

export function overdispersed(results: Results): boolean {
  return results.meta.verdicts === "overdispersed";
}

/** The 99.8% verdict that marks Annex B (null when suppressed). */
export function markedVerdict(results: Results, a: AreaResult | undefined): Verdict | null {
  if (!a) return null;
  return overdispersed(results) ? a.vsNational998OD : a.vsNational998;
}

/** Annex B's footnote on what ▲/▼ mean under the setting. */
export function verdictsNote(results: Results, noun: string): string {
  return overdispersed(results)
    ? `Significance compares each ${noun} with England only, allowing for overdispersion (Spiegelhalter 2005: additive random effects on the log scale, z-scores winsorised at 10%; φ and τ² per measure on the Summary sheet): ▲/▼ when the standardised rate lies above/below England's rate × exp(±3.09·√(1/expected + τ²)). The publication's Poisson verdicts are in Detail.`
    : `Significance compares each ${noun} with England only: ▲/▼ when the 99.8% confidence interval of its rate lies wholly above/below the England rate (Byar's method, exact Poisson below 10 events), as published. Overdispersion-adjusted verdicts are in Detail.`;
}
