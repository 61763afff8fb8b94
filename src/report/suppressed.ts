// SPEC §12 in the report: a suppressed area × measure shows `*` in every cell that would hold one of
// its figures, and the sheets state the rule. The engine has already blanked the figures (NaN/null);
// the report only chooses what to show in their place.
import type { Results } from "../engine/types";
import type { PlanValue } from "./plan";
import { cellValue, formatWhole } from "./format";

export const SUPPRESSED = "*";

/** The cell for one figure of a row: `*` when the row is suppressed. */
export function shown(row: { suppressed?: boolean } | undefined, v: PlanValue | undefined): PlanValue {
  if (row?.suppressed) return SUPPRESSED;
  return row ? cellValue(v) : null;
}

/** The rule in one sentence, or "" when nothing is suppressed by setting. */
export function suppressionNote(results: Results): string {
  const n = results.meta.suppressBelow;
  if (!(n > 0)) return "";
  return (
    `${SUPPRESSED} suppressed: fewer than ${formatWhole(n)} events, or the next smallest count of a measure where only one ` +
    `would otherwise be suppressed (so that it cannot be recovered from England's total). England's figures are not suppressed.`
  );
}
