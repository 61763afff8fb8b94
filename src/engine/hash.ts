// Content hash of a table as read, so an output sheet can say which data made it.
// FNV-1a (32-bit offset and prime) at three levels: each cell is hashed on its own, byte by byte
// (a type tag, then text as UTF-16 code units, or a number's float64 bits); a column folds its
// cells' hashes one 32-bit word at a time; the table folds its headers' hashes, then its columns'.
// Because a column's hash is a fold of per-value hashes, the cube builder computes it while it
// parses each column (one Map lookup per distinct value serves both): no second pass over 1M rows.
import type { CellValue, Table } from "./types";

export const FNV_OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function fnvText(tag: number, s: string): number {
  let h = Math.imul(FNV_OFFSET ^ tag, PRIME);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), PRIME);
    if (c > 0xff) h = Math.imul(h ^ (c >>> 8), PRIME);
  }
  return h;
}

/** Folds a 32-bit word into an FNV-1a state. */
export function fold(h: number, w: number): number {
  return Math.imul(h ^ w, PRIME);
}

/** Hash of a number cell. */
export function numberHash(v: number): number {
  f64[0] = v;
  return fold(fold(Math.imul(FNV_OFFSET ^ 1, PRIME), u32[0]), u32[1]);
}

/** Hash of one cell's value. */
export function cellHash(v: CellValue | undefined): number {
  if (v === null || v === undefined) return Math.imul(FNV_OFFSET, PRIME);
  if (typeof v === "number") return numberHash(v);
  if (typeof v === "string") return fnvText(2, v);
  if (typeof v === "boolean") return fold(Math.imul(FNV_OFFSET ^ 3, PRIME), v ? 1 : 0);
  return fnvText(4, v.error);
}

/** Hash of a column's first n cells (text hashed once per distinct value). */
export function columnHash(col: CellValue[], n: number): number {
  const memo = new Map<string, number>();
  let h = FNV_OFFSET;
  let last: CellValue | undefined = undefined;
  let lastHash = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    let c: number;
    if (i > 0 && v === last) c = lastHash;
    else if (typeof v === "string") {
      const m = memo.get(v);
      if (m === undefined) memo.set(v, (c = fnvText(2, v)));
      else c = m;
    } else c = cellHash(v);
    h = fold(h, c);
    last = v;
    lastHash = c;
  }
  return h;
}

/** The table hash from its column hashes (computing any not given), as 8 hex digits. */
export function tableHash(t: Table, known: (number | undefined)[] = []): string {
  let h = FNV_OFFSET;
  for (const head of t.headers) h = fold(h, fnvText(2, String(head ?? "")));
  t.columns.forEach((col, j) => (h = fold(h, known[j] ?? columnHash(col, t.rowCount))));
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The content hash of a table as 8 hex digits. */
export function hashTable(t: Table): string {
  return tableHash(t);
}
