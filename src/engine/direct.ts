// SPEC §11 directly age-standardised rates (DSR) with Dobson's limits, as PHEindicatormethods
// calculate_dsr computes them: DSR = k·Σ w·O/P / Σw, V = k²·Σ O·(w/P)² / (Σw)², limits
// DSR + √(V/O)·(O_limit − O) with Byar's limits of the total count O at every O; no rate below 10 events.
import { ageBandOf, ageLabel, readAgeBand } from "./codes";
import * as cells from "./cells";
import type { Cube } from "./cube";
import { describeLocation, InputError } from "./errors";
import { roleOfHeader } from "./headers";
import { byarLower, byarUpper, Z95, Z998 } from "./intervals";
import type { DirectNational, DirectResult, StandardPopulation, Table } from "./types";

/** Fewer events than this: no rate and no limits (PHEindicatormethods' "dsr NA for total count < 10"). */
export const DSR_MIN_EVENTS = 10;

/** European Standard Population 2013 (Eurostat), 19 bands 0–4 … 85–89, 90+ (SPEC §11). */
export const ESP2013: StandardPopulation = {
  name: "European Standard Population 2013",
  bands: [
    5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500,
    1500, 1000,
  ].map((weight, i) => ({ age: i < 18 ? `${5 * i}-${5 * i + 4}` : "90+", weight })),
};

/** A standard population from a table: an age band column and a population (weight) column. */
export function standardFromTable(t: Table): StandardPopulation {
  const where = (row?: number, column?: number) =>
    describeLocation({ table: "standard population", source: t.source, row, column });
  const roles = t.headers.map((h) => roleOfHeader(String(h ?? "")));
  const age = roles.indexOf("age");
  let pop = roles.indexOf("population");
  if (pop < 0 && t.headers.length === 2 && age >= 0) pop = 1 - age;
  if (age < 0 || pop < 0)
    throw new InputError(
      `${where(t.source.headerRow)}: the standard population needs an age band column and a population column (headers found: ${t.headers.join(", ")}).`,
      { table: "standard population", source: t.source, row: t.source.headerRow },
    );
  const bands: StandardPopulation["bands"] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const row = t.source.headerRow + 1 + i;
    const b = readAgeBand(t.columns[age][i]);
    if (b === "missing" && t.columns[pop][i] == null) continue; // a blank line
    if (b === "total") continue; // a Total or All ages row (SPEC §1b): not a band
    const st = cells.readNumber(t.columns[pop][i]);
    if (b === null || typeof b === "string" || st !== cells.NUM_OK)
      throw new InputError(
        `${where(row, t.source.firstColumn + (b === null || typeof b === "string" ? age : pop))}: the standard population needs an age band and a population of 0 or more on every row.`,
        {
          table: "standard population",
          source: t.source,
          row,
        },
      );
    bands.push({ age: ageLabel(b), weight: cells.numRead[0] });
  }
  return { name: t.source.name ?? t.source.sheet ?? t.source.file ?? "standard population table", bands };
}

/** For each age level of the data, the sum of the standard's weights of the bands it contains. */
export function levelWeights(levels: string[], std: StandardPopulation): Float64Array {
  const w = new Float64Array(levels.length);
  const data = levels.map((l) => ageBandOf(l));
  for (const { age, weight } of std.bands) {
    const band = ageBandOf(age);
    if (!band) throw new InputError(`The standard population's age band "${age}" cannot be read.`);
    const i = data.findIndex((d) => d !== null && d.lo <= band.lo && band.hi <= d.hi);
    if (i < 0)
      throw new InputError(
        `The standard population's age band ${ageLabel(band)} is not within one of the data's age bands (${levels.join(", ")}): direct standardisation needs the data's bands to be whole bands of the standard or unions of them.`,
      );
    w[i] += weight;
  }
  return w;
}

/** One DSR with its limits from activity O_b and population P_b by band, weights w_b, multiplier k. */
export function dsr(
  obs: ArrayLike<number>,
  pop: ArrayLike<number>,
  w: ArrayLike<number>,
  k: number,
): Omit<DirectNational, "measure"> {
  let o = 0;
  let p = 0;
  let sw = 0;
  let sum = 0;
  let v = 0;
  for (let b = 0; b < w.length; b++) {
    o += obs[b];
    p += pop[b];
    sw += w[b];
    // A band with no population and no events contributes nothing (choice: the area has nobody there).
    if (pop[b] > 0) {
      const q = w[b] / pop[b];
      sum += q * obs[b];
      v += obs[b] * q * q;
    }
  }
  if (o < DSR_MIN_EVENTS)
    return {
      observed: o,
      population: p,
      rate: null,
      lower95: null,
      upper95: null,
      lower998: null,
      upper998: null,
    };
  const rate = (k * sum) / sw;
  const s = Math.sqrt((k * k * v) / (sw * sw) / o);
  return {
    observed: o,
    population: p,
    rate,
    lower95: rate + s * (byarLower(o, Z95) - o),
    upper95: rate + s * (byarUpper(o, Z95) - o),
    lower998: rate + s * (byarLower(o, Z998) - o),
    upper998: rate + s * (byarUpper(o, Z998) - o),
  };
}

/** DSR per area × measure (measures outer, areas in table order) and England's per measure. */
export function directRates(
  cube: Cube,
  std: StandardPopulation,
  k: number,
): { direct: DirectResult[]; directNational: DirectNational[] } {
  const f = cube.factors.findIndex((x) => x.kind === "age");
  if (f < 0) throw new InputError("Direct standardisation needs an age band stratum in both tables.");
  const { A, S, M, pop, obs } = cube;
  const B = cube.levels[f].length;
  const w = levelWeights(cube.levels[f], std);
  const band = new Int32Array(S);
  for (let s = 0; s < S; s++) band[s] = Math.floor(s / cube.strides[f]) % B;
  const areaPop = new Float64Array(A * B);
  for (let a = 0; a < A; a++) for (let s = 0; s < S; s++) areaPop[a * B + band[s]] += pop[a * S + s];
  const natPop = new Float64Array(B);
  for (let i = 0; i < A * B; i++) natPop[i % B] += areaPop[i];
  const direct: DirectResult[] = [];
  const directNational: DirectNational[] = [];
  // Scratch arrays reused for every area: typed-array allocations would cost more than the sums.
  const o = new Float64Array(B);
  const p = new Float64Array(B);
  for (let m = 0; m < M; m++) {
    const natObs = new Float64Array(B);
    for (let a = 0; a < A; a++) {
      o.fill(0);
      const off = (m * A + a) * S;
      for (let s = 0; s < S; s++) o[band[s]] += obs[off + s];
      for (let b = 0; b < B; b++) {
        natObs[b] += o[b];
        p[b] = areaPop[a * B + b];
        if (o[b] > 0 && !(p[b] > 0))
          throw new InputError(
            `Direct standardisation: ${cube.areas[a].area} has ${o[b]} ${cube.measures[m]} events in age band ${cube.levels[f][b]} but no population there.`,
          );
      }
      direct.push({
        area: cube.areas[a].area,
        measure: cube.measures[m],
        ...dsr(o, p, w, k),
        suppressed: false,
      });
    }
    directNational.push({ measure: cube.measures[m], ...dsr(natObs, natPop, w, k) });
  }
  return { direct, directNational };
}
