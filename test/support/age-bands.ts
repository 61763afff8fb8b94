// The 19 five-year age bands of the ONS population estimates and the Diagnostic Imaging Dataset
// (SPEC §1), as test data: typed here, not taken from src, so tests do not check the code against itself.
export const AGE_BANDS = [
  "0-4",
  "5-9",
  "10-14",
  "15-19",
  "20-24",
  "25-29",
  "30-34",
  "35-39",
  "40-44",
  "45-49",
  "50-54",
  "55-59",
  "60-64",
  "65-69",
  "70-74",
  "75-79",
  "80-84",
  "85-89",
  "90+",
];
