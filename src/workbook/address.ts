// A1 addresses as office.js and .xlsx files give and take them ("'My sheet'!A1:C10"), 0-based rectangles inside.
import { columnLetter } from "../engine/errors";
import type { Rect } from "../report/plan";

export function rectToA1(r: Rect): string {
  const tl = `${columnLetter(r.col + 1)}${r.row + 1}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${columnLetter(r.col + r.cols)}${r.row + r.rows}`;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** "B2:D9" (or "$B$2", "A:C", "2:5") → 0-based rectangle. */
export function a1ToRect(address: string): Rect {
  const [a, b = a] = address.replace(/\$/g, "").split(":") as [string, string?];
  const end = (p: string) => /^([A-Za-z]*)(\d*)$/.exec(p.trim());
  const m1 = end(a);
  const m2 = end(b!);
  if (!m1 || !m2 || (!m1[1] && !m1[2])) throw new Error(`Not an A1 address: ${address}`);
  const row = m1[2] ? Number(m1[2]) - 1 : 0;
  const col = m1[1] ? colNumber(m1[1]) - 1 : 0;
  const endRow = m2[2] ? Number(m2[2]) - 1 : 1_048_575;
  const endCol = m2[1] ? colNumber(m2[1]) - 1 : 16_383;
  return { row, col, rows: endRow - row + 1, cols: endCol - col + 1 };
}

/** "'My sheet'!A1:B2" → { sheet: "My sheet", address: "A1:B2" }. */
export function splitAddress(full: string): { sheet: string; address: string } {
  const s = full.startsWith("=") ? full.slice(1) : full;
  const bang = s.lastIndexOf("!");
  if (bang < 0) return { sheet: "", address: s };
  let sheet = s.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: s.slice(bang + 1) };
}
