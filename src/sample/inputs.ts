// The generator's inputs: the 42 ICBs of 2024/25 and their ONS populations, compacted from
// assets/data/*.csv by scripts/make-sample.ts into one JSON file so that the generator runs in
// the browser without fetching anything (see assets/data/SOURCES.md).
import data from "../../assets/data/sample-inputs.json";

export interface IcbInfo {
  /** ODS code, e.g. QKK: the code the publication and DID use. */
  code: string;
  /** ONS code, e.g. E54000030. */
  ons: string;
  /** Short name, "NHS … ICB", as the publication writes it. */
  name: string;
  /** NHS England region name. */
  region: string;
}

export interface SampleInputs {
  /** The 19 five-year bands, 0-4 … 85-89, 90+. */
  ageBands: string[];
  icbs: IcbInfo[];
  /** Per ICB: mid-2022 population, Female bands 0-4 … 90+ then Male bands (38 numbers). */
  sexAge: number[][];
  /** Per ICB: mid-2020 persons by IMD 2015 quintile 1 … 5, each over the 19 bands (95 numbers). */
  imdAge: number[][];
}

export const SEXES = ["Female", "Male"] as const;
export const QUINTILES = [1, 2, 3, 4, 5] as const;

export const sampleInputs: SampleInputs = data;
