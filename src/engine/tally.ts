// Exclusions (SPEC §1): counted by reason, by area and by measure, like the publication's Annex A.
import type { AreaInfo, ExclusionReason, Exclusions } from "./types";
import type { FactorSpec } from "./mapping";

export const REASONS: { reason: ExclusionReason; label: string }[] = [
  { reason: "missing-area", label: "Area code missing" },
  { reason: "unknown-area", label: "Area not in the population table" },
  { reason: "missing-sex", label: "Sex missing or not known" },
  { reason: "unknown-sex", label: "Sex code not recognised" },
  { reason: "missing-age", label: "Age missing" },
  { reason: "unknown-age", label: "Age band not recognised" },
  { reason: "missing-imd", label: "IMD quintile missing" },
  { reason: "unknown-imd", label: "IMD value outside 1–5" },
  { reason: "missing-stratum", label: "Stratum value or measure missing" },
  { reason: "zero-national-population", label: "Stratum with no population nationally" },
  { reason: "invalid-value", label: "Invalid cell (excluded on request)" },
  { reason: "no-area-population", label: "No population for this area / stratum" },
  { reason: "not-in-standard", label: "Stratum not in the external standard" },
];
export const R_MISSING_AREA = 0;
export const R_UNKNOWN_AREA = 1;
export const R_MISSING_STRATUM = 8;
export const R_ZERO_POP = 9;
export const R_INVALID = 10;
export const R_NO_AREA_POP = 11;
export const R_NOT_IN_STANDARD = 12;

/** Row stratum codes below 0 are -1 - (factor·4 + why): why 0 missing, 1 unreadable, 2 Excel error, 3 total. */
export function isErrorStratum(code: number): boolean {
  return code < 0 && (-1 - code) % 4 === 2;
}

/** A totals row (SPEC §1b): left out, not excluded. */
export function isTotalStratum(code: number): boolean {
  return code < 0 && (-1 - code) % 4 === 3;
}

/** The exclusion reason of a negative row stratum code. */
export function strataReason(code: number, factors: FactorSpec[]): number {
  const k = Math.floor((-1 - code) / 4);
  const why = (-1 - code) % 4;
  if (why === 2) return R_INVALID;
  switch (factors[k].kind) {
    case "sex":
      return 2 + why;
    case "age":
      return 4 + why;
    case "imd":
      return 6 + why;
    default:
      return R_MISSING_STRATUM;
  }
}

interface AreaTally {
  name: string | null;
  count: number;
  byReason: Float64Array;
  rowsByReason: Float64Array;
}

export class ExclusionTally {
  rows = 0;
  count = 0;
  private readonly reasonRows = new Float64Array(REASONS.length);
  private readonly reasonCount = new Float64Array(REASONS.length);
  private readonly areas = new Map<string, AreaTally>();
  private readonly measureCount: Float64Array;

  constructor(M: number) {
    this.measureCount = new Float64Array(M);
  }

  /** Adds excluded activity: `rows` is 1 for the first measure of a row, 0 for a wide row's others. */
  add(reason: number, area: string, name: string | null, m: number, count: number, rows: number): void {
    this.rows += rows;
    this.count += count;
    this.reasonRows[reason] += rows;
    this.reasonCount[reason] += count;
    if (m >= 0) this.measureCount[m] += count;
    let t = this.areas.get(area);
    if (!t) {
      t = {
        name,
        count: 0,
        byReason: new Float64Array(REASONS.length),
        rowsByReason: new Float64Array(REASONS.length),
      };
      this.areas.set(area, t);
    }
    t.count += count;
    t.byReason[reason] += count;
    t.rowsByReason[reason] += rows;
  }

  reasonText(): string {
    // "sex missing or not known: 3; IMD value outside 1–5: 1" (acronyms keep their capitals).
    const lower = (l: string) => (/^[A-Z]{2}/.test(l) ? l : l.charAt(0).toLowerCase() + l.slice(1));
    return REASONS.map((r, i) => (this.reasonRows[i] > 0 ? `${lower(r.label)}: ${this.reasonRows[i]}` : ""))
      .filter(Boolean)
      .join("; ");
  }

  /** Final report; `included*` are the activity kept (after every exclusion). */
  finish(
    measures: string[],
    includedByMeasure: Float64Array,
    areas: AreaInfo[],
    includedByArea: Float64Array,
    populationRows: number,
  ): Exclusions {
    let included = 0;
    for (let m = 0; m < includedByMeasure.length; m++) included += includedByMeasure[m];
    const areaIncluded = new Map(areas.map((a, i) => [a.area, includedByArea[i]]));
    const byArea = [...this.areas.entries()]
      .filter(([, t]) => t.count > 0)
      .map(([area, t]) => {
        let best = 0;
        for (let r = 1; r < REASONS.length; r++) {
          if (
            t.byReason[r] > t.byReason[best] ||
            (t.byReason[r] === t.byReason[best] && t.rowsByReason[r] > t.rowsByReason[best])
          )
            best = r;
        }
        const total = (areaIncluded.get(area) ?? 0) + t.count;
        return {
          area,
          name: t.name,
          count: t.count,
          total,
          share: total > 0 ? t.count / total : 0,
          mostCommonReason: REASONS[best].reason,
        };
      })
      .sort((x, y) => y.count - x.count);
    const total = included + this.count;
    return {
      activityRows: this.rows,
      activityCount: this.count,
      share: total > 0 ? this.count / total : 0,
      byReason: REASONS.map((r, i) => ({
        ...r,
        rows: this.reasonRows[i],
        count: this.reasonCount[i],
      })).filter((r) => r.rows > 0 || r.count > 0),
      byArea,
      byMeasure: measures.map((measure, m) => {
        const t = includedByMeasure[m] + this.measureCount[m];
        return {
          measure,
          count: this.measureCount[m],
          total: t,
          share: t > 0 ? this.measureCount[m] / t : 0,
        };
      }),
      populationRows,
    };
  }
}
