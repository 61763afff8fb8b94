// The publication's own figures, typed from its text (reference/did-standardised-icb-rates-2024-25.txt,
// DID Standardised ICB rates 2024/25), in one place for every test that uses them as an oracle.

/** Section 2.2, Table 1: the nine modalities, in the publication's order. */
export const MODALITIES = [
  "X-ray",
  "Ultrasound",
  "CT Scan",
  "MRI",
  "Fluoroscopy",
  "Nuclear Medicine",
  "PET Scan",
  "SPECT Scan",
  "Medical Photography",
];
/** Section 2.2, Table 2: the five early diagnosis of cancer (EDOC) tests. */
export const EDOC = [
  "Brain MRI",
  "Chest X-ray",
  "Chest CT",
  "Kidney or Bladder Ultrasound",
  "Abdomen or Pelvis Ultrasound",
];
/** The 14 measures: modalities, then EDOC tests. */
export const MEASURES = [...MODALITIES, ...EDOC];

/** Section 2.2, Tables 1–2: national rates per 10,000, in MEASURES order. */
export const NATIONAL_RATES = [3670, 1789, 1303, 758, 150, 51, 47, 9, 10, 162, 1316, 139, 36, 209];

/** A section 3 table: weights of all levels (base first), the non-base levels, and one row per
 * non-base level as printed: 14 ratios with their stars, modality columns | EDOC columns. */
export interface PublishedRatioTable {
  weights: number[];
  levels: string[];
  rows: string[];
}

/** Section 3, Tables 1–6 (base levels Female, 1 Most deprived, 0 - <45 are 1.00). */
export const SECTION3: Record<"sex" | "imd" | "age", PublishedRatioTable> = {
  sex: {
    weights: [0.5, 0.5],
    levels: ["Male"],
    rows: ["0.80*** 0.36*** 0.97 0.81*** 1.08 0.90 1.16 0.95 0.91 | 0.79* 1.07 1.13 0.93 0.71***"],
  },
  imd: {
    weights: [0.2, 0.2, 0.2, 0.2, 0.2],
    levels: ["2", "3", "4", "5"],
    rows: [
      "0.91*** 0.93* 0.86*** 0.94 0.91 0.98 0.92 0.89 0.63 | 0.94 0.85*** 0.82 0.95 0.91",
      "0.85*** 0.89*** 0.77*** 0.91 0.87 0.94 0.90 0.82 0.61 | 0.89 0.75*** 0.72** 0.83 0.81*",
      "0.81*** 0.88*** 0.72*** 0.90* 0.82 0.92 0.88 0.80 0.51 | 0.87 0.69*** 0.68*** 0.85 0.78**",
      "0.76*** 0.84*** 0.66*** 0.87** 0.76* 0.88 0.83 0.83 0.50 | 0.83 0.63*** 0.61*** 0.78 0.72***",
    ],
  },
  age: {
    weights: [0.57, 0.13, 0.13, 0.1, 0.07],
    levels: ["45-<55", "55-<65", "65-<75", "75+"],
    rows: [
      "1.71*** 1.06 2.81*** 2.19*** 2.56*** 2.70*** 4.88*** 2.33 1.27 | 1.90*** 2.10*** 4.59*** 1.38 1.77***",
      "2.46*** 1.10** 4.65*** 2.77*** 4.36*** 4.63*** 10.96*** 4.63** 2.15 | 2.47*** 3.21*** 9.66*** 1.77* 2.08***",
      "3.36*** 1.19*** 7.50*** 3.19*** 6.42*** 7.49*** 19.88*** 8.60*** 3.74** | 3.10*** 4.91*** 17.44*** 2.56*** 2.22***",
      "5.11*** 1.34*** 12.64*** 2.89*** 8.22*** 8.61*** 19.23*** 11.09*** 8.25*** | 3.69*** 8.79*** 22.39*** 3.94*** 2.18***",
    ],
  },
};

/** One printed row of a section 3 table, split into its 14 cells (ratio and stars), MEASURES order. */
export function parseRatioRow(row: string): { ratio: number; stars: string }[] {
  return printedCells(row).map((c) => ({
    ratio: Number(c.replace(/\*/g, "")),
    stars: c.replace(/[^*]/g, ""),
  }));
}

/** One printed row of a section 3 table as its 14 printed cells ("0.80***", "0.90"), MEASURES order. */
export function printedCells(row: string): string[] {
  return row.replace("|", "").trim().split(/\s+/);
}
