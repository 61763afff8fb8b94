// SPEC §4 indirectly standardised rates by area: E, O, SR = O/E·R, crude rate, limits, verdicts;
// and the §4b overdispersion-adjusted limits, from φ and τ² of every area of the measure.
import type { Cube } from "./cube";
import { ALPHA_95, ALPHA_998, countLimits, Z95, Z998 } from "./intervals";
import type { Standard } from "./national";
import { adjustedLimits, dispersion } from "./overdispersion";
import type { AreaResult, Overdispersion, Verdict } from "./types";

/** Higher when the lower limit is above R, lower when the upper limit is below R, else similar. */
export function verdict(lower: number, upper: number, national: number): Verdict {
  if (lower > national) return "higher";
  if (upper < national) return "lower";
  return "similar";
}

/** One result per measure × area, measures outer, areas in population-table order. */
export function standardiseAreas(
  cube: Cube,
  std: Standard,
  k: number,
): { areas: AreaResult[]; overdispersion: Overdispersion[] } {
  const { A, S, M, pop, obs, areas, measures } = cube;
  const areaPop = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    let t = 0;
    for (let s = 0; s < S; s++) t += pop[a * S + s];
    areaPop[a] = t;
  }
  const out: AreaResult[] = [];
  const overdispersion: Overdispersion[] = [];
  const O = new Float64Array(A);
  const E = new Float64Array(A);
  for (let m = 0; m < M; m++) {
    const R = std.rate[m];
    const rOff = m * S;
    const r = std.stratumRate;
    for (let a = 0; a < A; a++) {
      const pOff = a * S;
      const oOff = (m * A + a) * S;
      let e = 0;
      let o = 0;
      for (let s = 0; s < S; s++) {
        e += r[rOff + s] * pop[pOff + s];
        o += obs[oOff + s];
      }
      O[a] = o;
      E[a] = e;
    }
    // φ and τ² need every area's O and E before any area's adjusted limits.
    const d = dispersion(O, E);
    overdispersion.push({ measure: measures[m], ...d });
    for (let a = 0; a < A; a++) {
      const o = O[a];
      const e = E[a];
      const scale = R / e; // converts limits of O to limits of SR
      const [l95, u95] = countLimits(o, ALPHA_95, Z95);
      const [l998, u998] = countLimits(o, ALPHA_998, Z998);
      const lower95 = l95 * scale;
      const upper95 = u95 * scale;
      const lower998 = l998 * scale;
      const upper998 = u998 * scale;
      const rate = (o / e) * R;
      const od = adjustedLimits(rate, e, d.tau2, R);
      out.push({
        area: areas[a].area,
        name: areas[a].name,
        measure: measures[m],
        observed: o,
        expected: e,
        population: areaPop[a],
        crudeRate: areaPop[a] > 0 ? (k * o) / areaPop[a] : NaN,
        ratio: o / e,
        rate,
        lower95,
        upper95,
        lower998,
        upper998,
        // No expected count (an area without population): no rate, so no verdict (SPEC §1b).
        vsNational95: e > 0 ? verdict(lower95, upper95, R) : null,
        vsNational998: e > 0 ? verdict(lower998, upper998, R) : null,
        lower95OD: od.lower95OD,
        upper95OD: od.upper95OD,
        lower998OD: od.lower998OD,
        upper998OD: od.upper998OD,
        vsNational95OD: e > 0 ? od.vsNational95OD : null,
        vsNational998OD: e > 0 ? od.vsNational998OD : null,
        suppressed: false,
      });
    }
  }
  return { areas: out, overdispersion };
}
