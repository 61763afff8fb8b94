// The product version written into every output sheet (the engine records it in Results.meta, so it lives
// here: the engine imports nothing outside itself); test/version.test.ts keeps it equal to package.json.
export const VERSION = "0.1.0";
export const PRODUCT = "stdrates";
