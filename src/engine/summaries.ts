// SPEC §5 distribution summaries per measure, over areas: mean and SD of SR, share within one SD,
// share within 10% of the crude rate, and the lowest and highest areas.
import type { AreaResult, Summary } from "./types";

// Shares compare against bounds computed in floating point ("bounds included"): allow rounding dust.
const EPS = 1e-12;

export function summarise(measures: string[], areas: AreaResult[]): Summary[] {
  const byMeasure = new Map<string, AreaResult[]>(measures.map((m) => [m, []]));
  for (const r of areas) byMeasure.get(r.measure)?.push(r);
  return measures.map((measure) => summariseOne(measure, byMeasure.get(measure)!));
}

function summariseOne(measure: string, rows: AreaResult[]): Summary {
  // Areas with no population have no rate; they are listed in Annex B but not summarised.
  const rated = rows.filter((r) => Number.isFinite(r.rate));
  const n = rated.length;
  let mean = 0;
  for (const r of rated) mean += r.rate;
  mean = n ? mean / n : NaN;
  let ss = 0;
  for (const r of rated) ss += (r.rate - mean) * (r.rate - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : n === 1 ? 0 : NaN;
  const lo = mean - sd;
  const hi = mean + sd;
  const tol = EPS * Math.max(1, Math.abs(mean));
  const within = rated.filter((r) => r.rate >= lo - tol && r.rate <= hi + tol).length;
  const withCrude = rated.filter((r) => r.crudeRate > 0 || r.rate === 0);
  const nearCrude = withCrude.filter((r) =>
    r.crudeRate === 0 ? r.rate === 0 : Math.abs(r.rate / r.crudeRate - 1) <= 0.1 + EPS,
  ).length;
  let lowest = rated[0];
  let highest = rated[0];
  for (const r of rated) {
    if (r.rate < lowest.rate) lowest = r;
    if (r.rate > highest.rate) highest = r;
  }
  return {
    measure,
    mean,
    sd,
    withinOneSd: n ? within / n : NaN,
    withinTenPercentOfCrude: withCrude.length ? nearCrude / withCrude.length : NaN,
    lowest: lowest ? { area: lowest.area, rate: lowest.rate } : { area: "", rate: NaN },
    highest: highest ? { area: highest.area, rate: highest.rate } : { area: "", rate: NaN },
  };
}
