// Sheet and table names chosen exactly as the ExcelJS writer (src/workbook/xlsx/write.ts) chooses
// them, so the open workbook and a written file get the same names. Pure; kept here because that
// module imports ExcelJS, which the task pane must not load to write to Excel.

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , not starting or ending with an apostrophe. */
export function safeSheetName(name: string): string {
  const s = name.replace(/[[\]:*?/\\]/g, " ").replace(/^'+|'+$/g, "").trim();
  return (s || "Sheet").slice(0, 31);
}

export function uniqueName(wanted: string, taken: Set<string>, make: (base: string, i: number) => string): string {
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const n = make(wanted, i);
    if (!taken.has(n.toLowerCase())) return n;
  }
}

/** "Annex B" → "Annex B (2)", kept within 31 characters. */
export const numberedSheetName = (b: string, i: number): string => `${b.slice(0, 31 - ` (${i})`.length)} (${i})`;
export const numberedTableName = (b: string, i: number): string => `${b}_${i}`;

/** A sheet name no one has, for a sheet about to be deleted. */
export function scratchName(taken: Set<string>): string {
  return uniqueName("stdrates-old", taken, (b, i) => `${b}-${i}`);
}
