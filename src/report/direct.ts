// DSR: directly age-standardised rates (SPEC §11) laid out like Annex B: England's DSR on top, the colour
// scale centred on it, ▲/▼ where an area's 99.8% Dobson limits lie wholly above/below England's DSR.
import type { DirectResult, Results } from "../engine/types";
import { verdict } from "../engine/standardise";
import { buildRateSheet } from "./annex-b";
import type { SheetPlan } from "./plan";
import { areaNoun, perK } from "./format";
import { shown, suppressionNote } from "./suppressed";
import { DSR_MIN_EVENTS } from "../engine/direct";

export function buildDirect(results: Results, marker: string, inputs?: string): SheetPlan {
  const noun = areaNoun(results);
  const k = perK(results);
  const byKey = new Map<string, DirectResult>();
  for (const d of results.direct ?? []) byKey.set(`${d.area}\u0000${d.measure}`, d);
  const england = new Map((results.directNational ?? []).map((d) => [d.measure, d.rate]));
  const at = (area: string, m: string) => byKey.get(`${area}\u0000${m}`);
  return buildRateSheet(results, marker, inputs, {
    key: "direct",
    name: "DSR",
    title: `Directly age-standardised rates ${k} population, by ${noun.singular}`,
    intro: [
      `Directly standardised to the ${results.meta.directStandard ?? "standard population"}: the rate the ${noun.singular} would have with the standard's age structure. ` +
        `Unlike indirectly standardised rates, DSRs of different ${noun.plural} can be compared with each other.`,
      "▲ significantly higher than England's DSR, ▼ significantly lower (99.8% limits, Dobson's method). Colours: blue below, white at, red above England's DSR.",
    ],
    cell: (area, m) => shown(at(area, m), at(area, m)?.rate),
    verdict: (area, m) => {
      const d = at(area, m);
      const e = england.get(m);
      if (!d || d.rate === null || d.lower998 === null || d.upper998 === null || e == null) return null;
      return verdict(d.lower998, d.upper998, e);
    },
    england: (m) => england.get(m),
    notes: [
      `DSR = ${k} × Σ standard population × (events ÷ population) ÷ Σ standard population, over age bands (other strata summed). Limits: Dobson's method with Byar's limits of the total count, as PHEindicatormethods calculate_dsr.`,
      `Blank: fewer than ${DSR_MIN_EVENTS} events, so no rate is given (the events and population are in Detail).`,
      suppressionNote(results),
    ],
  });
}
