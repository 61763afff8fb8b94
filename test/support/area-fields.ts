// SPEC §9's areas[] field names, written out once for the tests that check the JSON contract.

/** The publication's figures of an area (after area, name and measure). */
export const AREA_FIGURES = [
  "observed",
  "expected",
  "crudeRate",
  "ratio",
  "rate",
  "lower95",
  "upper95",
  "lower998",
  "upper998",
  "vsNational95",
  "vsNational998",
];

/** SPEC §4b's overdispersion-adjusted limits and verdicts. */
export const OD_FIELDS = [
  "lower95OD",
  "upper95OD",
  "lower998OD",
  "upper998OD",
  "vsNational95OD",
  "vsNational998OD",
];
