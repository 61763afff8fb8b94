// Published-style sheets built from a run, as the publication lays them out: Annex B (codes, names,
// one rounded rate per measure, an England row), Table 1 (national rates) and Tables 1–6 (rates
// ratios with stars). Headings in the publication's spellings (reference text, sections 2 and 3).
import type { CellValue, Results } from "../../src/engine/types";
import type { PublishedSheet } from "../../src/validate";

/** How the reference text spells the sample's measure names (the rest are spelt the same). */
export const SPELLING: Record<string, string> = {
  "CT Scan": "CT Scans",
  MRI: "MRI Scans",
  Fluoroscopy: "Fluoro- scopy",
  "Kidney or Bladder Ultrasound": "Kidney & Bladder Ultrasound",
  "Abdomen or Pelvis Ultrasound": "Abdomen & Pelvis Ultrasound",
  "Chest X-ray": "Chest X- ray",
};
export const heading = (m: string) => SPELLING[m] ?? m;

/** Level labels of the publication's Tables 1–6. */
export const LEVEL_LABEL: Record<string, string> = {
  Female: "Female",
  Male: "Male",
  "1": "1 Most deprived",
  "2": "2 More deprived",
  "3": "3 Mid quintile",
  "4": "4 Less deprived",
  "5": "5 Least deprived",
  "0-<45": "0 - <45",
  "45-<55": "45 - <55",
  "55-<65": "55 - <65",
  "65-<75": "65 - <75",
  "75+": "75+",
};

/** Excel column letters for 0-based columns below 26. */
export const letter = (col: number) => String.fromCharCode(65 + col);

export interface AnnexBOptions {
  /** "AREA|measure" (area "England" for the national row) → amount added to the rounded figure. */
  alter?: Record<string, number>;
  /** Extra rows: [code, name] of areas not in the data. */
  extra?: [string, string][];
  /** Codes left out of the published table. */
  drop?: string[];
  /** Code → the code the publication uses for it. */
  recode?: Record<string, string>;
  /** Write figures as text ("3,670") with no formats, instead of numbers formatted "#,##0". */
  asText?: boolean;
}

export const TOP = 2; // 0-based header row: a title and a blank row above

/** Annex B: header on row 3 (A3), England on row 4, then the areas in population-table order. */
export function annexBSheet(r: Results, o: AnnexBOptions = {}): PublishedSheet {
  const grid: CellValue[][] = [["Annex B - ICB Standardised Imaging Rates per 10,000, 2024/25"], []];
  const formats: (string | null)[][] = [[null], []];
  const fig = (x: number, key: string): [CellValue, string | null] => {
    const v = Math.round(x) + (o.alter?.[key] ?? 0);
    return o.asText ? [v.toLocaleString("en-GB"), null] : [v, "#,##0"];
  };
  grid.push(["ICB code", "ICB name", ...r.measures.map(heading)]);
  formats.push(grid[TOP].map(() => "@"));
  const national = new Map(r.national.map((n) => [n.measure, n.rate]));
  const row = (code: string | null, name: string, values: [CellValue, string | null][]) => {
    grid.push([code, name, ...values.map((v) => v[0])]);
    formats.push(["@", "@", ...values.map((v) => v[1])]);
  };
  row(
    null,
    "England",
    r.measures.map((m) => fig(national.get(m)!, `England|${m}`)),
  );
  for (const a of r.meta.areaList) {
    if (o.drop?.includes(a.area)) continue;
    const rates = r.measures.map((m) =>
      fig(r.areas.find((x) => x.area === a.area && x.measure === m)!.rate, `${a.area}|${m}`),
    );
    row(o.recode?.[a.area] ?? a.area, a.name ?? "", rates);
  }
  for (const [code, name] of o.extra ?? [])
    row(
      code,
      name,
      r.measures.map(() => fig(100, "")),
    );
  return { name: "Annex B", grid, ...(o.asText ? {} : { formats }) };
}

/** Table 1: "Rate per 10,000 people" as whole numbers, figures as text like the PDF. */
export function nationalSheet(r: Results): PublishedSheet {
  return {
    name: "Table 1",
    grid: [
      ["Table 1. National Imaging Rates per 10,000, 2024/25"],
      [],
      [null, ...r.measures.map(heading)],
      [
        "Rate per 10,000 people",
        ...r.measures.map((m) =>
          Math.round(r.national.find((n) => n.measure === m)!.rate).toLocaleString("en-GB"),
        ),
      ],
    ],
  };
}

/**
 * Rates ratios, one table per factor, ratio and stars as text ("0.80***"), or as numbers whose
 * format carries the stars (`0.00"***"`). `starsFor` replaces the stars of chosen cells.
 */
export function ratiosSheet(
  r: Results,
  o: { asFormats?: boolean; starsFor?: Record<string, string>; hideStars?: boolean } = {},
): PublishedSheet {
  const grid: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (const factor of ["sex", "imd", "age"] as const) {
    const rows = r.ratios.filter((x) => x.factor === factor);
    const levels = [...new Set(rows.map((x) => x.level))];
    grid.push([`${factor} rates ratios`], [null, ...r.measures.map(heading)]);
    formats.push([null], [null, ...r.measures.map(() => "@")]);
    for (const level of levels) {
      const cells = r.measures.map((m) => {
        const x = rows.find((y) => y.level === level && y.measure === m)!;
        const stars = o.hideStars ? "" : (o.starsFor?.[`${factor}|${level}|${m}`] ?? x.stars);
        return o.asFormats
          ? { v: x.ratio as CellValue, f: stars ? `0.00"${stars}"` : "0.00" }
          : { v: `${x.ratio.toFixed(2)}${stars}` as CellValue, f: null };
      });
      grid.push([LEVEL_LABEL[level] ?? level, ...cells.map((c) => c.v)]);
      formats.push(["@", ...cells.map((c) => c.f)]);
    }
    grid.push([], []);
    formats.push([], []);
  }
  return { name: "Rates ratios", grid, ...(o.asFormats ? { formats } : {}) };
}
