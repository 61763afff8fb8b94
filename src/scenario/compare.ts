// Baseline against scenario, area by area and measure by measure: the rate, its difference and
// whether the verdict against England (at 99.8%, the limits Annex B highlights) changed.
import type { Results, Verdict } from "../engine/types";

export interface ScenarioRow {
  area: string;
  name: string | null;
  measure: string;
  /** null when the area or measure is on one side only (excluded, or a different measure list). */
  baseline: number | null;
  scenario: number | null;
  difference: number | null;
  /** scenario / baseline − 1. */
  relative: number | null;
  baselineVerdict: Verdict | null;
  scenarioVerdict: Verdict | null;
  changed: boolean;
}

export interface ScenarioComparison {
  name: string;
  notes: string[];
  baseline: Results;
  scenario: Results;
  rows: ScenarioRow[];
  /** National rate per measure on each side. */
  national: { measure: string; baseline: number | null; scenario: number | null }[];
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

export function compareScenario(
  name: string,
  notes: string[],
  baseline: Results,
  scenario: Results,
): ScenarioComparison {
  const measures = [...baseline.measures, ...scenario.measures.filter((m) => !baseline.measures.includes(m))];
  const areas = [...baseline.meta.areaList];
  const known = new Set(areas.map((a) => a.area));
  for (const a of scenario.meta.areaList) if (!known.has(a.area)) areas.push(a);
  const index = (r: Results) => new Map(r.areas.map((x) => [`${x.measure}\u0000${x.area}`, x]));
  const b = index(baseline);
  const s = index(scenario);
  const rows: ScenarioRow[] = [];
  for (const measure of measures) {
    for (const area of areas) {
      const x = b.get(`${measure}\u0000${area.area}`);
      const y = s.get(`${measure}\u0000${area.area}`);
      const base = finite(x?.rate);
      const scen = finite(y?.rate);
      const bv = x?.vsNational998 ?? null;
      const sv = y?.vsNational998 ?? null;
      rows.push({
        area: area.area,
        name: area.name,
        measure,
        baseline: base,
        scenario: scen,
        difference: base !== null && scen !== null ? scen - base : null,
        relative: base !== null && scen !== null && base !== 0 ? scen / base - 1 : null,
        baselineVerdict: bv,
        scenarioVerdict: sv,
        changed: bv !== sv,
      });
    }
  }
  const rate = (r: Results, m: string) => finite(r.national.find((n) => n.measure === m)?.rate);
  return {
    name,
    notes,
    baseline,
    scenario,
    rows,
    national: measures.map((m) => ({ measure: m, baseline: rate(baseline, m), scenario: rate(scenario, m) })),
  };
}
