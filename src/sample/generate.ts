// The built-in sample: a DID-like workbook for the 42 ICBs of 2024/25. Pure and seeded, so the
// task pane (lazy-loaded for "Insert sample data") and `npm run sample` make the same rows.
//
// Population: ONS counts by ICB × sex × age × IMD quintile (see population.ts).
// Activity: expected counts fitted to the publication (calibrate.ts), made whole numbers by
// systematic rounding, so every stratum × measure row is there (zeros included) and each
// published statistic survives rounding to well inside a unit. About 1.3% more activity sits in
// rows with a blank IMD quintile, a blank or "U" sex, or (a handful) a blank age band, as in
// Annex A: the engine must exclude those.
import type { SheetData } from "../workbook/port";
import { AGE_ANCHORS, bandMidpoint, fitMeasure, interpolate } from "./calibrate";
import { SEXES, SampleInputs, sampleInputs } from "./inputs";
import { EXCLUDED_SHARE, MEASURES, MISSING, MeasureModel, SHORTFALLS } from "./model";
import { AGES, IMD_LEVELS, SEX_LEVELS, STRATA, buildPopulation, stratumIndex } from "./population";
import { Rng, createRng } from "./random";

export const DEFAULT_SEED = 20242025;
export const MULTIPLIER = 10_000;

export const POPULATION_HEADERS = [
  "ICB code",
  "ICB name",
  "Region",
  "Sex",
  "Age band",
  "IMD quintile",
  "Population",
];
export const ACTIVITY_HEADERS = ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"];

type Row = (string | number | null)[];

/**
 * Rates by sex × five-year band before fitting: log-linear through the published broad-band
 * ratios placed at ages 40 (1), 50, 60, 70 and 82, gentler beyond, and under 40 falling to a
 * floor; plus the bumps of childhood fractures and pregnancy scans. Fitting then corrects it
 * (calibrate.ts), since SPEC §6 fixes only the broad bands.
 */
function ageShape(m: MeasureModel): Float64Array {
  const ys = [0, ...m.age.map(Math.log)];
  const shape = new Float64Array(SEX_LEVELS * AGES);
  for (let sex = 0; sex < SEX_LEVELS; sex++) {
    for (let age = 0; age < AGES; age++) {
      const x = bandMidpoint(age);
      const y =
        x > 82
          ? ys[4] + (0.5 * (ys[4] - ys[3]) * (x - 82)) / 12
          : x < 40
            ? Math.max(0.6 * ((ys[1] - ys[0]) / 10) * (x - 40), Math.log(0.3))
            : interpolate(AGE_ANCHORS, ys, x);
      let v = Math.exp(y);
      if (m.young === "flat" && age < 9) v = Math.max(v, 0.7);
      if (m.young === "fractures" && age >= 1 && age <= 3) v *= 1.6;
      if (m.young === "obstetric") {
        if (age === 0) v *= 1.5;
        if (sex === 0) v *= [1, 1, 1, 1, 2, 3, 3.5, 2.2][age] ?? 1; // pregnancy scans, 20-39
      }
      shape[sex * AGES + age] = v;
    }
  }
  return shape;
}

/** Log-scale area deviations of every measure: a shared ICB tendency, regions, EDOC following modality. */
function areaDeviations(rng: Rng, regions: string[], codes: string[]): Float64Array[] {
  const clamp = (z: number): number => Math.max(-2, Math.min(2, z));
  const common = regions.map(() => rng.normal());
  const z: Float64Array[] = [];
  return MEASURES.map((m, k) => {
    const own = regions.map(() => rng.normal());
    const zk = new Float64Array(regions.length);
    for (let a = 0; a < regions.length; a++) {
      zk[a] =
        m.parent !== undefined
          ? clamp(0.7 * z[m.parent][a] + Math.sqrt(0.51) * own[a])
          : clamp(0.4 * common[a] + Math.sqrt(0.84) * own[a]);
    }
    z[k] = zk;
    const tail = m.tail ?? 1;
    return Float64Array.from(zk, (v, a) => {
      const shaped = Math.sign(v) * Math.abs(v) ** tail;
      const region = (m.regions as Record<string, number> | undefined)?.[regions[a]] ?? 0;
      return m.sigma * shaped + region + Math.log(m.hotspots?.[codes[a]] ?? 1);
    });
  });
}

/** Whole numbers whose running total stays within ½ of the running expected total (systematic rounding). */
class CumulativeRounder {
  private expected: number;
  private given = 0;
  constructor(offset: number) {
    this.expected = offset;
  }
  next(x: number): number {
    this.expected += x;
    const n = Math.floor(this.expected) - this.given;
    this.given += n;
    return n;
  }
}

interface Excluded {
  area: number;
  sex: string | null;
  age: string | null;
  imd: number | null;
  measure: number;
  amount: number;
}

/** Activity that a real extract would carry without sex, age or IMD (Annex A), per ICB and measure. */
function excludedRows(rng: Rng, inputs: SampleInputs, mus: Float64Array[]): Excluded[] {
  const codes = inputs.icbs.map((i) => i.code);
  const areas = codes.length;
  // Share missing per ICB: Table A.3 where listed. It lists those with more than 1% and 10,000
  // tests missing, so each other ICB stays under whichever cap is higher; the shares are drawn
  // below their caps (cap·(1 − c·r), r random) with c solved so England's share is EXCLUDED_SHARE.
  const listed = codes.map((code) => MISSING[code]);
  const r = codes.map(() => 0.2 + 0.8 * rng.next());
  const included = mus.map((mu) => {
    const o = new Float64Array(areas);
    for (let i = 0; i < mu.length; i++) o[Math.floor(i / STRATA)] += mu[i];
    return o;
  });
  const kept = codes.map((_, a) => included.reduce((t, o) => t + o[a], 0));
  const cap = kept.map((k) => Math.min(0.02, Math.max(0.0099, 9_900 / k)));
  const sharesFor = (c: number): number[] => codes.map((_, a) => listed[a]?.share ?? cap[a] * (1 - c * r[a]));
  const englandShare = (share: number[]): number => {
    let lost = 0;
    for (let a = 0; a < areas; a++) lost += (kept[a] * share[a]) / (1 - share[a]);
    return lost / (kept.reduce((t, k) => t + k, 0) + lost);
  };
  let lo = 0;
  let hi = 1; // c·r ≤ 1: no share below zero
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (englandShare(sharesFor(mid)) > EXCLUDED_SHARE) lo = mid;
    else hi = mid;
  }
  const share = sharesFor((lo + hi) / 2);

  const rows: Excluded[] = [];
  const weights = new Float64Array(STRATA);
  for (let a = 0; a < areas; a++) {
    const imdPart = listed[a]?.most === "sex" ? 0.35 : 0.75;
    const sexCode = rng.next() < 0.5 ? "U" : null; // each provider writes unknown sex its own way
    for (let m = 0; m < MEASURES.length; m++) {
      const x = (included[m][a] * share[a]) / (1 - share[a]);
      for (let s = 0; s < STRATA; s++) weights[s] = mus[m][a * STRATA + s];
      // No IMD quintile (no LSOA): one row per sex, at an age band drawn from this ICB's activity.
      for (let sex = 0; sex < SEX_LEVELS; sex++) {
        const bySex = weights.subarray(sex * AGES * IMD_LEVELS, (sex + 1) * AGES * IMD_LEVELS);
        let sexTotal = 0;
        for (const w of bySex) sexTotal += w;
        const cell = rng.pick(bySex);
        const amount = (x * imdPart * sexTotal) / included[m][a];
        rows.push({
          area: a,
          sex: SEXES[sex],
          age: inputs.ageBands[Math.floor(cell / IMD_LEVELS)],
          imd: null,
          measure: m,
          amount,
        });
      }
      // No sex: one row, at an age band and quintile drawn from this ICB's activity.
      const cell = rng.pick(weights) % (AGES * IMD_LEVELS);
      const age = inputs.ageBands[Math.floor(cell / IMD_LEVELS)];
      rows.push({
        area: a,
        sex: sexCode,
        age,
        imd: (cell % IMD_LEVELS) + 1,
        measure: m,
        amount: x * (1 - imdPart),
      });
    }
  }
  // No date of birth: a handful of rows (Annex A: 180 tests in England).
  for (let k = 0; k < 8; k++) {
    const a = Math.floor(rng.next() * areas);
    const m = [0, 0, 0, 1, 1, 2, 3, 10][k];
    const sex = rng.next() < 0.5 ? 0 : 1;
    rows.push({
      area: a,
      sex: SEXES[sex],
      age: null,
      imd: 1 + Math.floor(rng.next() * 5),
      measure: m,
      amount: 5 + 60 * rng.next(),
    });
  }
  return rows;
}

export function generateSample(seed: number = DEFAULT_SEED): { population: SheetData; activity: SheetData } {
  return generateSampleFrom(sampleInputs, seed);
}

/** The same from given inputs (scripts/make-sample.ts passes the ones it has just rebuilt). */
export function generateSampleFrom(
  inputs: SampleInputs,
  seed: number,
): { population: SheetData; activity: SheetData } {
  const rng = createRng(seed);
  const codes = inputs.icbs.map((i) => i.code);
  const regions = inputs.icbs.map((i) => i.region);
  const areas = codes.length;
  const pop = buildPopulation(inputs);

  const devs = areaDeviations(rng, regions, codes);
  const fixed = Float64Array.from(codes, (c) => (1 - (SHORTFALLS[c] ?? 0)) * (1 - (MISSING[c]?.share ?? 0)));
  const mus = MEASURES.map((model, m) => {
    // Cell noise beyond the rounding: lognormal, 4% — real strata wobble more than Poisson.
    const noise = new Float64Array(areas * STRATA);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.exp(0.04 * rng.normal() - 0.0008);
    return fitMeasure({
      model,
      pop,
      areas,
      codes,
      shape: ageShape(model),
      dev: devs[m],
      fixed,
      noise,
      multiplier: MULTIPLIER,
    }).mu;
  });

  // Whole counts: per measure, strata in order sex → age → imd with areas innermost, so every
  // stratum's national total (and so every published statistic) moves by less than one test.
  const counts = mus.map((mu) => {
    const out = new Int32Array(mu.length);
    const r = new CumulativeRounder(rng.next());
    for (let s = 0; s < STRATA; s++)
      for (let a = 0; a < areas; a++) out[a * STRATA + s] = r.next(mu[a * STRATA + s]);
    return out;
  });

  const excluded = excludedRows(rng, inputs, mus);
  const exRounder = new CumulativeRounder(rng.next());
  const excludedByArea: Row[][] = codes.map(() => []);
  for (const e of excluded) {
    const n = exRounder.next(e.amount);
    if (n > 0) excludedByArea[e.area].push([codes[e.area], e.sex, e.age, e.imd, MEASURES[e.measure].name, n]);
  }

  const popRows: Row[] = [POPULATION_HEADERS];
  const actRows: Row[] = [ACTIVITY_HEADERS];
  for (let a = 0; a < areas; a++) {
    const icb = inputs.icbs[a];
    for (let sex = 0; sex < SEX_LEVELS; sex++)
      for (let age = 0; age < AGES; age++)
        for (let q = 0; q < IMD_LEVELS; q++) {
          const s = stratumIndex(sex, age, q);
          const band = inputs.ageBands[age];
          popRows.push([icb.code, icb.name, icb.region, SEXES[sex], band, q + 1, pop[a * STRATA + s]]);
          for (let m = 0; m < MEASURES.length; m++)
            actRows.push([icb.code, SEXES[sex], band, q + 1, MEASURES[m].name, counts[m][a * STRATA + s]]);
        }
    actRows.push(...excludedByArea[a]);
  }
  return { population: { name: "Population", rows: popRows }, activity: { name: "Activity", rows: actRows } };
}
