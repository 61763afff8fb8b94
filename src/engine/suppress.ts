// SPEC §12 small-number suppression, applied last: φ and τ² (§4b) and England's figures are computed
// from every area before it. A suppressed row keeps area, name, measure and population; every other
// figure becomes NaN (null in JSON) and its verdicts null, so no later step can show it by mistake.
import type { AreaResult, DirectResult, Exclusions } from "./types";

/**
 * Indices (into one measure's rows) to suppress: O < N, and when exactly one row is, also the row
 * with the next smallest count (ties: the first in table order), so England's total minus the shown
 * counts does not give it away.
 */
export function suppressedRows(observed: ArrayLike<number>, below: number): Set<number> {
  const out = new Set<number>();
  if (!(below > 0)) return out;
  for (let i = 0; i < observed.length; i++) if (observed[i] < below) out.add(i);
  if (out.size === 1 && observed.length > 1) {
    let next = -1;
    for (let i = 0; i < observed.length; i++)
      if (!out.has(i) && (next < 0 || observed[i] < observed[next])) next = i;
    out.add(next);
  }
  return out;
}

function hideArea(r: AreaResult): AreaResult {
  return {
    ...r,
    observed: NaN,
    expected: NaN,
    crudeRate: NaN,
    ratio: NaN,
    rate: NaN,
    lower95: NaN,
    upper95: NaN,
    lower998: NaN,
    upper998: NaN,
    vsNational95: null,
    vsNational998: null,
    lower95OD: NaN,
    upper95OD: NaN,
    lower998OD: NaN,
    upper998OD: NaN,
    vsNational95OD: null,
    vsNational998OD: null,
    suppressed: true,
  };
}

function hideDirect(r: DirectResult): DirectResult {
  return {
    ...r,
    observed: null,
    rate: null,
    lower95: null,
    upper95: null,
    lower998: null,
    upper998: null,
    suppressed: true,
  };
}

/**
 * Suppresses areas (measures outer, A areas each, as standardiseAreas orders them) and the direct
 * rows of the same area × measure.
 */
export function suppress(
  measures: string[],
  areas: AreaResult[],
  below: number,
  direct?: DirectResult[],
): { areas: AreaResult[]; direct?: DirectResult[]; count: number } {
  if (!(below > 0) || measures.length === 0) return { areas, direct, count: 0 };
  const A = areas.length / measures.length;
  const outAreas = areas.slice();
  const outDirect = direct?.slice();
  let count = 0;
  for (let m = 0; m < measures.length; m++) {
    const rows = areas.slice(m * A, (m + 1) * A);
    for (const i of suppressedRows(
      rows.map((r) => r.observed),
      below,
    )) {
      outAreas[m * A + i] = hideArea(rows[i]);
      if (outDirect) outDirect[m * A + i] = hideDirect(outDirect[m * A + i]);
      count++;
    }
  }
  return { areas: outAreas, direct: outDirect, count };
}

/**
 * The Data quality listing's "activity read" of an area is its activity over all measures: with the
 * shown counts of its other measures it would give a suppressed count back, so for an area with any
 * suppressed row that total and its share become NaN (shown as `*`). The excluded count stays.
 */
export function hideAreaTotals(exclusions: Exclusions, areas: AreaResult[]): Exclusions {
  const hidden = new Set(areas.filter((a) => a.suppressed).map((a) => a.area));
  if (hidden.size === 0) return exclusions;
  return {
    ...exclusions,
    byArea: exclusions.byArea.map((a) => (hidden.has(a.area) ? { ...a, total: NaN, share: NaN } : a)),
  };
}
