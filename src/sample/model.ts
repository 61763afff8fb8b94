// What the synthetic activity is fitted to: the published national rates (Tables 1–2) and rates
// ratios (section 3), plus the variation between ICBs the publication's text describes
// (section 2.2) and the data-quality shortfalls of its Annex A.

export type Region =
  | "North West"
  | "London"
  | "East of England"
  | "South West"
  | "South East"
  | "Midlands"
  | "North East and Yorkshire";

export interface MeasureModel {
  name: string;
  /** National rate per 10,000 (Tables 1–2). */
  rate: number;
  /** Male : female rates ratio (section 3, Tables 1–2). */
  male: number;
  /** Quintiles 2–5 : quintile 1 (Tables 3–4). */
  imd: [number, number, number, number];
  /** Broad age bands 45-<55, 55-<65, 65-<75, 75+ : 0-<45 (Tables 5–6). */
  age: [number, number, number, number];
  /** Log-scale spread of ICB effects (before any regional tendency). */
  sigma: number;
  /** Sample SD of the ICBs' standardised rates, where section 2.2 gives the one-SD band. */
  sd?: number;
  /**
   * Tail exponent of the ICB effects: z → sign(z)·|z|^tail. Above 1, most ICBs sit near the
   * mean and a few far out; below 1, they spread evenly. Chosen so that the shares of ICBs within
   * one SD match section 2.2 (X-ray 76%, CT 62%, Nuclear Medicine 86%, PET 67%, SPECT 62%,
   * Chest CT 81%) for the default seed, to one ICB.
   */
  tail?: number;
  /** Log-scale regional tendencies from section 2.2. */
  regions?: Partial<Record<Region, number>>;
  /** ICB standardised rates the text names (ODS code → rate per 10,000). */
  pins?: Record<string, number>;
  /** An EDOC test follows its modality (index into MEASURES). */
  parent?: number;
  /** Shape of the rates under 45 (the broad ratios fix the rest). */
  young?: "general" | "fractures" | "obstetric" | "flat";
  /** ICBs with a big reporting provider (ODS code → multiplier). */
  hotspots?: Record<string, number>;
}

export const MEASURES: MeasureModel[] = [
  {
    name: "X-ray",
    tail: 2.2,
    rate: 3670,
    male: 0.8,
    imd: [0.91, 0.85, 0.81, 0.76],
    age: [1.71, 2.46, 3.36, 5.11],
    sigma: 0.06,
    sd: (3899 - 3422) / 2,
    regions: { "North West": 0.06, London: 0.05 },
    young: "fractures",
  },
  {
    name: "Ultrasound",
    rate: 1789,
    male: 0.36,
    imd: [0.93, 0.89, 0.88, 0.84],
    age: [1.06, 1.1, 1.19, 1.34],
    sigma: 0.14,
    regions: { "North West": 0.08, London: 0.08, "East of England": 0.06 },
    young: "obstetric",
  },
  {
    name: "CT Scan",
    tail: 1.1,
    rate: 1303,
    male: 0.97,
    imd: [0.86, 0.77, 0.72, 0.66],
    age: [2.81, 4.65, 7.5, 12.64],
    sigma: 0.08,
    sd: (1411 - 1169) / 2,
    regions: { "South West": -0.1, "North East and Yorkshire": 0.04, Midlands: 0.03, "South East": 0.03 },
  },
  {
    name: "MRI",
    rate: 758,
    male: 0.81,
    imd: [0.94, 0.91, 0.9, 0.87],
    age: [2.19, 2.77, 3.19, 2.89],
    sigma: 0.08,
    regions: { "South West": -0.1, London: 0.07, "South East": 0.06 },
  },
  {
    name: "Fluoroscopy",
    rate: 150,
    male: 1.08,
    imd: [0.91, 0.87, 0.82, 0.76],
    age: [2.56, 4.36, 6.42, 8.22],
    sigma: 0.12, // small enough that the named lowest and highest ICBs stay the extremes
    pins: { QK1: 78, QT6: 225 },
  },
  {
    name: "Nuclear Medicine",
    tail: 2.5,
    rate: 51,
    male: 0.9,
    imd: [0.98, 0.94, 0.92, 0.88],
    age: [2.7, 4.63, 7.49, 8.61],
    sigma: 0.16,
    sd: (64 - 37) / 2,
    regions: { London: 0.1, "South East": 0.08 },
    pins: { QT6: 102 },
  },
  {
    name: "PET Scan",
    tail: 0.3,
    rate: 47,
    male: 1.16,
    imd: [0.92, 0.9, 0.88, 0.83],
    age: [4.88, 10.96, 19.88, 19.23],
    sigma: 0.3,
    sd: (64 - 31) / 2,
    regions: { "East of England": 0.15, "South East": 0.12 },
  },
  {
    name: "SPECT Scan",
    tail: 1.6,
    rate: 9,
    male: 0.95,
    imd: [0.89, 0.82, 0.8, 0.83],
    age: [2.33, 4.63, 8.6, 11.09],
    sigma: 0.45,
    sd: (15 - 4) / 2,
    regions: { Midlands: 0.15, London: 0.15, "South East": 0.15 },
    pins: { QXU: 22, QMJ: 20, QK1: 19 },
  },
  {
    name: "Medical Photography",
    rate: 10,
    male: 0.91,
    imd: [0.63, 0.61, 0.51, 0.5],
    age: [1.27, 2.15, 3.74, 8.25],
    sigma: 0.5,
    // Section 2.2.9: a few providers report most of it (North West, Surrey, Hampshire, Norfolk).
    hotspots: { QOP: 14, QYG: 10, QE1: 6, QXU: 8, QRL: 6, QMM: 12 },
    young: "flat",
  },
  {
    name: "Brain MRI",
    rate: 162,
    male: 0.79,
    imd: [0.94, 0.89, 0.87, 0.83],
    age: [1.9, 2.47, 3.1, 3.69],
    sigma: 0.1,
    regions: { London: 0.08, "South East": 0.06, Midlands: 0.04 },
    parent: 3,
  },
  {
    name: "Chest X-ray",
    rate: 1316,
    male: 1.07,
    imd: [0.85, 0.75, 0.69, 0.63],
    age: [2.1, 3.21, 4.91, 8.79],
    sigma: 0.1,
    regions: { London: 0.08, "North East and Yorkshire": 0.05, "North West": 0.05, "East of England": 0.04 },
    parent: 0,
  },
  {
    name: "Chest CT",
    tail: 4.5,
    rate: 139,
    male: 1.13,
    imd: [0.82, 0.72, 0.68, 0.61],
    age: [4.59, 9.66, 17.44, 22.39],
    sigma: 0.15,
    sd: (159 - 109) / 2,
    regions: { "North East and Yorkshire": 0.12, "South East": 0.04, "South West": 0.03 },
    parent: 2,
  },
  {
    name: "Kidney or Bladder Ultrasound",
    rate: 36,
    male: 0.93,
    imd: [0.95, 0.83, 0.85, 0.78],
    age: [1.38, 1.77, 2.56, 3.94],
    sigma: 0.22,
    regions: { Midlands: 0.15 },
    parent: 1,
  },
  {
    name: "Abdomen or Pelvis Ultrasound",
    rate: 209,
    male: 0.71,
    imd: [0.91, 0.81, 0.78, 0.72],
    age: [1.77, 2.08, 2.22, 2.18],
    sigma: 0.08,
    regions: { "North East and Yorkshire": 0.06, "North West": 0.05, London: 0.05, "East of England": -0.08 },
    pins: { QF7: 284 },
    parent: 1,
  },
];

/** Annex A, Table A.4: estimated share of activity missing from the submissions. */
export const SHORTFALLS: Record<string, number> = { QHM: 0.11, QOP: 0.11, QNX: 0.09, QXU: 0.12, QU9: 0.05 };

/**
 * Annex A, Table A.3: share of activity with no age, sex or LSOA (hence no IMD quintile), and
 * which is most common. The other ICBs get a smaller share, scaled so England's is 1.3%.
 */
export const MISSING: Record<string, { share: number; most: "imd" | "sex" }> = {
  QKK: { share: 0.033, most: "imd" },
  QMF: { share: 0.024, most: "imd" },
  QYG: { share: 0.017, most: "imd" },
  QRV: { share: 0.02, most: "imd" },
  QHL: { share: 0.027, most: "sex" },
  QNX: { share: 0.015, most: "sex" },
  QMM: { share: 0.021, most: "imd" },
  QXU: { share: 0.021, most: "sex" },
  QWE: { share: 0.01, most: "imd" },
  QU9: { share: 0.01, most: "imd" },
  QNC: { share: 0.011, most: "imd" },
  QSL: { share: 0.02, most: "sex" },
};

/** Section 2.1: "approximately 641,000 (1.3%) cases ... were removed". */
export const EXCLUDED_SHARE = 0.013;

/** Broad age band (0-<45, 45-<55, 55-<65, 65-<75, 75+) of five-year band 0 … 18. */
export const broadAge = (age: number): number => (age < 9 ? 0 : age >= 15 ? 4 : ((age - 9) >> 1) + 1);
