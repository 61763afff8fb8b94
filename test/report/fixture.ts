// Hand-built Results for report tests (typed against src/engine/types.ts), so the plan can be
// tested without the engine. The numbers are made up but self-consistent where the report uses them.
import type { AreaResult, RatioResult, Results, Summary, Verdict } from "../../src/engine/types";
import { EDOC, MODALITIES } from "../support/publication";

export { EDOC, MODALITIES };

/** Published national rates per 10,000 (SPEC §8), plus a fraction so that rounding is visible. */
export const RATES = [
  3670.2, 1789.4, 1303.1, 758.3, 150.2, 51.1, 47.4, 9.2, 10.3, 162.2, 1316.4, 139.1, 36.3, 209.4,
];
const REGIONS = [
  "North West",
  "London",
  "Midlands",
  "South West",
  "South East",
  "East of England",
  "North East and Yorkshire",
];

export const areaCode = (i: number) =>
  `Q${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
export const areaNameOf = (i: number) => `NHS Area ${i + 1} ICB`;

export interface FixtureOptions {
  areas?: number;
  measures?: string[];
  rates?: number[];
  names?: (i: number) => string | null;
  codes?: (i: number) => string;
  ratios?: boolean;
  significance?: "published" | "counts";
}

/** Area i's standardised ratio: 0.8 … 1.2 across the areas; the first 5 are lower, the last 5 higher. */
export const ratioOf = (i: number, n: number) => 0.8 + (0.4 * i) / Math.max(n - 1, 1);
export const verdictOf = (i: number, n: number): Verdict =>
  i < 5 ? "lower" : i >= n - 5 ? "higher" : "similar";

export function makeResults(opts: FixtureOptions = {}): Results {
  const n = opts.areas ?? 42;
  const measures = opts.measures ?? [...MODALITIES, ...EDOC];
  const rates = opts.rates ?? RATES;
  const names = opts.names ?? areaNameOf;
  const codes = opts.codes ?? areaCode;
  const areaList = Array.from({ length: n }, (_, i) => ({
    area: codes(i),
    name: names(i),
    region: REGIONS[i % REGIONS.length],
  }));
  const population = 1_000_000;
  const areas: AreaResult[] = [];
  for (let i = 0; i < n; i++)
    measures.forEach((measure, m) => {
      const R = rates[m];
      const expected = (R * population) / 10000;
      const ratio = ratioOf(i, n);
      const observed = ratio * expected;
      const rate = ratio * R;
      const v = verdictOf(i, n);
      areas.push({
        area: areaList[i].area,
        name: areaList[i].name,
        measure,
        observed,
        expected,
        population,
        crudeRate: rate * 1.05,
        ratio,
        rate,
        lower95: rate * 0.97,
        upper95: rate * 1.03,
        lower998: rate * 0.95,
        upper998: rate * 1.05,
        vsNational95: v,
        vsNational998: v,
        // Adjusted control limits around England, wider than the ±3% / ±5% Poisson ones.
        lower95OD: R * 0.9,
        upper95OD: R * 1.1,
        lower998OD: R * 0.85,
        upper998OD: R * 1.15,
        vsNational95OD: ratio < 0.9 ? "lower" : ratio > 1.1 ? "higher" : "similar",
        vsNational998OD: ratio < 0.85 ? "lower" : ratio > 1.15 ? "higher" : "similar",
        suppressed: false,
      });
    });
  const summaries: Summary[] = measures.map((measure, m) => ({
    measure,
    mean: rates[m],
    sd: rates[m] * 0.1,
    withinOneSd: 32 / 42,
    withinTenPercentOfCrude: 30 / 42,
    lowest: { area: areaList[0].area, rate: rates[m] * 0.8 },
    highest: { area: areaList[n - 1].area, rate: rates[m] * 1.2 },
  }));
  const ratios: RatioResult[] = [];
  if (opts.ratios !== false) {
    const levels: [RatioResult["factor"], string[]][] = [
      ["sex", ["Female", "Male"]],
      ["imd", ["1", "2", "3", "4", "5"]],
      ["age", ["0-<45", "45-<55", "55-<65", "65-<75", "75+"]],
    ];
    for (const [factor, ls] of levels)
      ls.forEach((level, l) =>
        measures.forEach((measure, m) => {
          const ratio = l === 0 ? 1 : 1 - 0.0123 * (l + m);
          const stars = l === 0 ? "" : ["", "*", "**", "***"][(l + m) % 4];
          ratios.push({
            factor,
            level,
            base: ls[0],
            measure,
            observed: 1000,
            expected: 1000,
            rate: rates[m] * ratio,
            ratio,
            chi2: l === 0 ? 0 : 5,
            p: l === 0 ? 1 : 1e-12,
            stars,
            pCounts: 0.5,
          });
        }),
      );
  }
  return {
    multiplier: 10000,
    measures,
    national: measures.map((measure, m) => ({
      measure,
      observed: (rates[m] * population * n) / 10000,
      population: population * n,
      rate: rates[m],
    })),
    areas,
    summaries,
    overdispersion: measures.map((measure) => ({ measure, phi: 12.5, tau2: 0.0042, n })),
    ratios,
    exclusions: {
      activityRows: 120,
      activityCount: 6543,
      share: 0.013,
      byReason: [
        { reason: "missing-imd", label: "IMD quintile missing", rows: 80, count: 4000 },
        { reason: "missing-sex", label: "Sex missing", rows: 40, count: 2543 },
      ],
      byArea: [
        {
          area: areaList[0].area,
          name: areaList[0].name,
          count: 3000,
          total: 100000,
          share: 0.03,
          mostCommonReason: "missing-imd",
        },
      ],
      byMeasure: [{ measure: measures[0], count: 6543, total: 503308, share: 0.013 }],
      populationRows: 0,
    },
    warnings: [
      {
        kind: "blank-as-zero",
        message: "3 blank counts were read as 0.",
        table: "activity",
        count: 3,
        rows: [5, 9, 12],
      },
    ],
    meta: {
      version: "0.1.0",
      createdAt: "2026-11-28T15:00:00.000Z",
      strata: ["sex", "age", "imd"],
      levels: { sex: ["Female", "Male"], age: ["0-4", "5-9"], imd: ["1", "2", "3", "4", "5"] },
      significance: opts.significance ?? "published",
      standard: "internal",
      verdicts: "poisson",
      suppressBelow: 0,
      suppressedRows: 0,
      tables: [
        {
          role: "population",
          source: { file: "population.csv", headerRow: 1, firstColumn: 1 },
          rows: 7980,
          columns: ["ICB code", "ICB name", "Region", "Sex", "Age band", "IMD quintile", "Population"],
          mapping: { area: "ICB code", population: "Population" },
          hash: "1a2b3c4d",
        },
      ],
      areaList,
      options: { multiplier: 10000, areaOrder: "input" }, // row i is area i; region order: annex-b.test.ts
    },
  };
}
