// Sheet and table names as both adapters choose them, so the open workbook and a written file get
// the same names. Pure text: the task pane imports it without loading ExcelJS.

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , not starting or ending with an apostrophe. */
export function safeSheetName(name: string): string {
  const s = name
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  return (s || "Sheet").slice(0, 31);
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
