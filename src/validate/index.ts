// Validation against a published Annex B, national-rates or rates-ratio table, or a warehouse results table.
// as grids (with number formats when known), Results from the engine.
export * from "./types";
export { validatePublished, missingText, multiplierText } from "./compare";
export { detectTables } from "./detect";
export { measureKey, looseMeasureKey, measureMatcher } from "./names";
export { decimalsFromFormat, decimalsOfNumber, halfUnit, readPublished, starsFromFormat } from "./rounding";
export { ICB_ONS_TO_ODS, icbCodeAliases } from "./icb-codes";
