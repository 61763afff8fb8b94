// Content hash of a table as read, so an output sheet can say which data made it.
// Two levels of FNV-1a (32-bit): each cell is hashed on its own (type tag, then text as UTF-16 code
// units or a number's float64 bits), and the table hash is FNV-1a over the headers' and cells'
// hashes, column by column. Text is hashed once per distinct value (a Map per column).
import type { CellValue, Table } from "./types";

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function fnvText(tag: number, s: string): number {
  let h = Math.imul(OFFSET ^ tag, PRIME);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), PRIME);
    if (c > 0xff) h = Math.imul(h ^ (c >>> 8), PRIME);
  }
  return h;
}

function fnvNumber(v: number): number {
  f64[0] = v;
  return fold(fold(Math.imul(OFFSET ^ 1, PRIME), u32[0]), u32[1]);
}

/** FNV-1a hash of one cell's value. */
export function cellHash(v: CellValue | undefined): number {
  if (v === null || v === undefined) return Math.imul(OFFSET, PRIME);
  if (typeof v === "number") return fnvNumber(v);
  if (typeof v === "string") return fnvText(2, v);
  if (typeof v === "boolean") return Math.imul(Math.imul(OFFSET ^ 3, PRIME) ^ (v ? 1 : 0), PRIME);
  return fnvText(4, v.error);
}

/** Folds a 32-bit value into an FNV-1a state, byte by byte. */
function fold(h: number, w: number): number {
  h = Math.imul(h ^ (w & 0xff), PRIME);
  h = Math.imul(h ^ ((w >>> 8) & 0xff), PRIME);
  h = Math.imul(h ^ ((w >>> 16) & 0xff), PRIME);
  return Math.imul(h ^ (w >>> 24), PRIME);
}

/** The table's content hash as 8 hex digits. */
export function hashTable(t: Table): string {
  let h = OFFSET;
  for (const head of t.headers) h = fold(h, fnvText(2, String(head ?? "")));
  const n = t.rowCount;
  for (const col of t.columns) {
    const memo = new Map<string, number>();
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
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
