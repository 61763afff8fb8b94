// Sheet and table names as both adapters choose them, so the open workbook and a written file get
// the same names. Pure text: the task pane imports it without loading ExcelJS.

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , not starting or ending with an apostrophe. */
export function safeSheetName(name: string): string {
  const s = name
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  const n = (s || "Sheet").slice(0, 31);
  // Excel reserves "History" (its change-tracking sheet) and refuses it as a sheet name.
  return n.toLowerCase() === "history" ? `${n} (sheet)` : n;
}

/**
 * A valid table name: letters, digits, "_" and "." after a letter or "_", at most 255 characters,
 * and never something Excel reads as a cell reference (A1, R1C1, R, C): Excel refuses those.
 */
export function safeTableName(name: string): string {
  let n = name.replace(/[^A-Za-z0-9_.]/g, "_").slice(0, 255);
  if (!/^[A-Za-z_]/.test(n) || /^[A-Za-z]{1,3}\d+$/.test(n) || /^[Rr]\d*([Cc]\d*)?$|^[Cc]\d*$/.test(n))
    n = `_${n}`.slice(0, 255);
  return n;
}

/** `wanted`, or the first of make(wanted, 2), make(wanted, 3), … not in `taken` (lower-case names). */
export function uniqueName(
  wanted: string,
  taken: Set<string>,
  make: (base: string, i: number) => string,
): string {
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const n = make(wanted, i);
    if (!taken.has(n.toLowerCase())) return n;
  }
}

/** "Annex B" → "Annex B (2)", kept within 31 characters. */
export const numberedSheetName = (b: string, i: number): string =>
  `${b.slice(0, 31 - ` (${i})`.length)} (${i})`;
/** "stdrates_detail" → "stdrates_detail_2". */
export const numberedTableName = (b: string, i: number): string => `${b}_${i}`;
