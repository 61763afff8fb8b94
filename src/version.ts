// The product version written into every output sheet; test/version.test.ts keeps it equal to package.json.
export const VERSION = "0.1.0";
export const PRODUCT = "stdrates";
