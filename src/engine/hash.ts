// FNV-1a (32-bit) content hash of a table as read, so an output sheet can say which data made it.
// Cells are fed as a type tag then their bytes (text as UTF-16 code units, numbers as float64 bits).
import type { CellValue, Table } from "./types";

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function byte(h: number, b: number): number {
  return Math.imul(h ^ (b & 0xff), PRIME);
}

function word(h: number, w: number): number {
  h = byte(h, w);
  h = byte(h, w >>> 8);
  h = byte(h, w >>> 16);
  return byte(h, w >>> 24);
}

function text(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = byte(h, c);
    if (c > 0xff) h = byte(h, c >>> 8);
  }
  return byte(h, 0);
}

function cell(h: number, v: CellValue | undefined): number {
  if (v === null || v === undefined) return byte(h, 0);
  if (typeof v === "number") {
    f64[0] = v;
    return word(word(byte(h, 1), u32[0]), u32[1]);
  }
  if (typeof v === "string") return text(byte(h, 2), v);
  if (typeof v === "boolean") return byte(byte(h, 3), v ? 1 : 0);
  return text(byte(h, 4), v.error);
}

/** FNV-1a 32-bit hash of headers and cells (column by column), as 8 hex digits. */
export function hashTable(t: Table): string {
  let h = OFFSET;
  for (const head of t.headers) h = text(h, String(head ?? ""));
  for (const col of t.columns) {
    for (let i = 0; i < t.rowCount; i++) h = cell(h, col[i]);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
