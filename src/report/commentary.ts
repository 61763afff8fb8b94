// One paragraph per measure in the publication's style (sections 2.2.1–2.2.14), generated from the
// numbers so that it always agrees with the cells beside it (same rounding as the number formats).
import type { Results, Summary, VerdictSetting } from "../engine/types";
import { areaNoun, formatPercent, formatWhole, perK, pluralMeasure } from "./format";

/** The area's name when the population table had one, else its code. */
export function areaName(results: Results, area: string): string {
  return results.meta.areaList.find((a) => a.area === area)?.name || area;
}

/** How many areas are significantly higher / lower than England at 99.8% for a measure (suppressed ones not counted). */
export function verdictCounts(
  results: Results,
  measure: string,
  which: VerdictSetting = "poisson",
): { higher: number; lower: number } {
  let higher = 0;
  let lower = 0;
  for (const a of results.areas)
    if (a.measure === measure) {
      const v = which === "overdispersed" ? a.vsNational998OD : a.vsNational998;
      if (v === "higher") higher += 1;
      else if (v === "lower") lower += 1;
    }
  return { higher, lower };
}

export function commentary(results: Results, s: Summary): string {
  const noun = areaNoun(results);
  const k = perK(results);
  const rate = results.national.find((n) => n.measure === s.measure)?.rate;
  const parts: string[] = [];
  const spread = Number.isFinite(s.mean) && Number.isFinite(s.sd);
  if (rate !== undefined && Number.isFinite(rate) && !spread)
    parts.push(`The national rate was ${formatWhole(rate)} ${pluralMeasure(s.measure)} ${k} population.`);
  if (rate !== undefined && Number.isFinite(rate) && spread)
    parts.push(
      `The national rate was ${formatWhole(rate)} ${pluralMeasure(s.measure)} ${k} population and ` +
        `${formatPercent(s.withinOneSd)} of ${noun.plural} were within one standard deviation of the mean, ` +
        `between ${formatWhole(s.mean - s.sd)} and ${formatWhole(s.mean + s.sd)}.`,
    );
  if (Number.isFinite(s.lowest.rate) && Number.isFinite(s.highest.rate))
    parts.push(
      `Standardised rates ranged from ${formatWhole(s.lowest.rate)} in ${areaName(results, s.lowest.area)} ` +
        `to ${formatWhole(s.highest.rate)} in ${areaName(results, s.highest.area)}, and ` +
        `${formatPercent(s.withinTenPercentOfCrude)} of ${noun.plural} had a standardised rate within 10% of their crude rate.`,
    );
  const v = verdictCounts(results, s.measure);
  const count = (n: number) => `${n} ${n === 1 ? noun.singular : noun.plural}`;
  parts.push(
    `At 99.8% confidence, ${count(v.higher)} ${v.higher === 1 ? "was" : "were"} significantly higher than England and ${count(v.lower)} significantly lower.`,
  );
  const a = verdictCounts(results, s.measure, "overdispersed");
  const outside = a.higher + a.lower;
  if (outside < v.higher + v.lower)
    parts.push(
      `Allowing for overdispersion, ${count(outside)} ${outside === 1 ? "remains" : "remain"} outside the overdispersed 99.8% limits.`,
    );
  return parts.join(" ");
}
