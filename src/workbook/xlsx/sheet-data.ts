// A sheet's cells (its <sheetData>, ECMA-376 Part 1 §18.3.1.80) read in one pass over the XML
// bytes. saxes reads every other part; here it would take ~0.5 s of a 27 MB Activity sheet,
// most of the 1 s a whole run may take, because it builds a string and an attribute object per
// tag. The grammar inside <sheetData> is small (row > c > v | f | is > r > t), so this walks the
// tags, reads only the attributes it needs (row r, hidden; c r, s, t), and turns values into
// numbers straight from the bytes. Values are typed as ExcelJS types them (see read.ts), so the
// grid is the one the ExcelJS reader gives.
import type { CellValue } from "../../engine/types";
import { dateText } from "../dates";
import { unescapeXstring } from "./parts";

export interface CellStyle {
  /** Number format code, null for General. */
  format: string | null;
  /** The format shows a date or time: numbers in it are dates. */
  date: boolean;
}

export interface SheetContext {
  shared: string[];
  styles: CellStyle[];
  date1904: boolean;
}

export interface SheetCells {
  grid: CellValue[][];
  /** Number formats parallel to `grid` (read-only: rows with equal formats share one array). */
  formats: (string | null)[][];
  /** 1-based rows marked hidden. */
  hiddenRows: number[];
  /** A1 addresses of formulas saved without a cached result (never calculated). */
  uncalculated: string[];
}

// Byte codes.
const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COLON = 58;
const EQUALS = 61;

/** Cell types (the c element's t attribute). */
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STRING = 2; // "str": a formula's text result
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6; // "d": an ISO 8601 date (strict files)

const utf8 = new TextDecoder();

/** Which element a tag is, by its local name. */
const enum Tag {
  Other,
  Row,
  C,
  V,
  F,
  Is,
  T,
  RPh,
}

function tagOf(b: Uint8Array, s: number, e: number): Tag {
  const n = e - s;
  const c0 = b[s];
  if (n === 1) {
    if (c0 === 99 /* c */) return Tag.C;
    if (c0 === 118 /* v */) return Tag.V;
    if (c0 === 102 /* f */) return Tag.F;
    if (c0 === 116 /* t */) return Tag.T;
    return Tag.Other;
  }
  if (n === 3 && c0 === 114 && b[s + 1] === 111 && b[s + 2] === 119) return Tag.Row;
  if (n === 2 && c0 === 105 && b[s + 1] === 115) return Tag.Is;
  if (n === 3 && c0 === 114 && b[s + 1] === 80 && b[s + 2] === 104) return Tag.RPh;
  return Tag.Other;
}

/** XML character and entity references in text. */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[e]!;
  });
}

/** A number written in the bytes [s, e): integers from their digits, anything else via parseFloat (as ExcelJS). */
function numberAt(b: Uint8Array, s: number, e: number): number {
  let k = s;
  const negative = b[k] === 45;
  if (negative) k++;
  if (e - k > 0 && e - k < 16) {
    let n = 0;
    for (; k < e; k++) {
      const d = b[k] - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (k === e) return negative ? -n : n;
  }
  return parseFloat(latin1(b, s, e));
}

function latin1(b: Uint8Array, s: number, e: number): string {
  let out = "";
  for (let k = s; k < e; k++) out += String.fromCharCode(b[k]);
  return out;
}

function columnLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The cell being read. */
interface Cell {
  col: number;
  type: number;
  style: number;
  formula: boolean;
  /** Text read from <v> or <is><t>: one byte range while it is one plain run, else a string. */
  textStart: number;
  textEnd: number;
  text: string | null;
}

/**
 * Reads the cells between byte offsets `start` and `end` (the content of <sheetData>).
 * Merged areas are not applied here: their value belongs to the top-left cell (done by the caller).
 */
export function readSheetData(b: Uint8Array, start: number, end: number, ctx: SheetContext): SheetCells {
  const out: SheetCells = { grid: [], formats: [], hiddenRows: [], uncalculated: [] };
  let row = 0;
  let cells: CellValue[] = [];
  let formats: (string | null)[] = [];
  const cell: Cell = { col: 0, type: 0, style: 0, formula: false, textStart: -1, textEnd: -1, text: null };
  let inCell = false;
  let capture = false; // inside <v>, or <t> outside a phonetic run
  let phonetic = 0;

  let lastFormats: (string | null)[] = [];
  const endRow = () => {
    if (cells.length > 0 || formats.length > 0) {
      // Rows of a table mostly share their formats: one array for a run of equal rows, and the
      // scratch array reused until a row differs (113,000 short-lived arrays cost a GC otherwise).
      if (!sameFormats(formats, lastFormats)) {
        lastFormats = formats;
        formats = [];
      } else formats.length = 0;
      if (cells.length > 0) out.grid[row - 1] = cells;
      out.formats[row - 1] = lastFormats;
      cells = [];
    }
  };

  const endCell = () => {
    const v = cellValue(b, cell, ctx);
    const style = ctx.styles[cell.style];
    if (cell.formula && v === null) out.uncalculated.push(columnLetters(cell.col) + row);
    if (v !== null || cell.formula) {
      while (formats.length < cell.col - 1) formats.push(null);
      formats[cell.col - 1] = style?.format ?? null;
    }
    if (v !== null) {
      while (cells.length < cell.col - 1) cells.push(null);
      cells[cell.col - 1] = v;
    }
  };

  let i = start;
  while (i < end) {
    // Loops rather than indexOf: the next "<", ">" or quote is a few bytes away, nearer than a native call's cost.
    let lt = i;
    while (lt < end && b[lt] !== LT) lt++;
    if (lt >= end) break;
    if (capture && lt > i) addText(b, cell, i, lt, null);
    let p = lt + 1;
    const c = b[p];
    if (c === BANG) {
      // A comment or a CDATA section (whose text is taken as it is).
      if (b[p + 1] === 91 /* [ */) {
        const close = indexOfSeq(b, [93, 93, 62], p);
        if (capture) addText(b, cell, p + 8, close, utf8.decode(b.subarray(p + 8, close)));
        i = close + 3;
      } else i = indexOfSeq(b, [45, 45, 62], p) + 3;
      continue;
    }
    if (c === QUESTION) {
      i = indexOfSeq(b, [QUESTION, GT], p) + 2;
      continue;
    }
    const closing = c === SLASH;
    if (closing) p++;
    let nameStart = p;
    while (p < end && b[p] > 32 && b[p] !== GT && b[p] !== SLASH) {
      if (b[p] === COLON) nameStart = p + 1;
      p++;
    }
    const tag = tagOf(b, nameStart, p);
    if (closing) {
      while (p < end && b[p] !== GT) p++;
      i = p + 1;
      if (tag === Tag.C) {
        endCell();
        inCell = false;
      } else if (tag === Tag.Row) endRow();
      else if (tag === Tag.V || tag === Tag.T) capture = false;
      else if (tag === Tag.RPh) phonetic--;
      continue;
    }
    // Attributes, up to the end of the tag (values may hold ">", so quotes are followed).
    let selfClosing = false;
    let rowNumber = 0;
    let hidden = false;
    let ref = -1;
    let refEnd = -1;
    let style = 0;
    let type = T_NUMBER;
    for (;;) {
      while (b[p] <= 32) p++;
      const ch = b[p];
      if (ch === GT) {
        p++;
        break;
      }
      if (ch === SLASH) {
        selfClosing = true;
        while (p < end && b[p] !== GT) p++;
        p++;
        break;
      }
      const aStart = p;
      while (b[p] !== EQUALS && b[p] > 32) p++;
      const aEnd = p;
      while (b[p] !== EQUALS) p++;
      p++;
      while (b[p] <= 32) p++;
      const quote = b[p];
      const vStart = p + 1;
      let vEnd = vStart;
      while (vEnd < end && b[vEnd] !== quote) vEnd++;
      p = vEnd + 1;
      if (tag !== Tag.Row && tag !== Tag.C) continue;
      const n = aEnd - aStart;
      const a0 = b[aStart];
      if (n === 1 && a0 === 114 /* r */) {
        if (tag === Tag.Row) rowNumber = numberAt(b, vStart, vEnd);
        else {
          ref = vStart;
          refEnd = vEnd;
        }
      } else if (n === 1 && a0 === 115 /* s */ && tag === Tag.C) style = numberAt(b, vStart, vEnd);
      else if (n === 1 && a0 === 116 /* t */ && tag === Tag.C) type = cellType(b, vStart, vEnd);
      else if (n === 6 && a0 === 104 /* hidden */ && tag === Tag.Row)
        hidden = b[vStart] === 49 || b[vStart] === 116; // "1" or "true"
    }
    i = p;
    switch (tag) {
      case Tag.Row:
        row = rowNumber > 0 ? rowNumber : row + 1;
        if (hidden) out.hiddenRows.push(row);
        cell.col = 0;
        if (selfClosing) endRow();
        break;
      case Tag.C: {
        let col = 0;
        if (ref >= 0) for (let k = ref; k < refEnd && b[k] >= 65; k++) col = col * 26 + ((b[k] & 0xdf) - 64);
        cell.col = col > 0 ? col : cell.col + 1;
        cell.type = type;
        cell.style = style;
        cell.formula = false;
        cell.textStart = -1;
        cell.text = null;
        phonetic = 0;
        if (selfClosing) endCell();
        else {
          const after = plainValueEnd(b, i, end);
          if (after < 0) inCell = true;
          else {
            // <v>text</v></c>, as nearly every cell is written: read as the tags one by one would.
            if (after - 8 > i + 3) {
              cell.textStart = i + 3;
              cell.textEnd = after - 8;
            }
            endCell();
            i = after;
          }
        }
        break;
      }
      case Tag.F:
        if (inCell) cell.formula = true;
        break;
      case Tag.V:
      case Tag.T:
        capture = inCell && !selfClosing && phonetic === 0;
        break;
      case Tag.RPh:
        if (!selfClosing) phonetic++;
        break;
      default:
        break;
    }
  }
  endRow();
  // Rows with no values are empty arrays, as ExcelJS's grid has them, never holes.
  for (let r = 0; r < out.grid.length; r++) out.grid[r] ??= [];
  for (let r = 0; r < out.formats.length; r++) out.formats[r] ??= [];
  return out;
}

/**
 * Where a cell's content ends when it is exactly `<v>text</v></c>` from `p` (text without "<"): the
 * offset past `</c>`; -1 for anything else (formulas, inline strings, prefixes, comments), which
 * the general loop reads tag by tag.
 */
function plainValueEnd(b: Uint8Array, p: number, end: number): number {
  if (b[p] !== LT || b[p + 1] !== 118 /* v */ || b[p + 2] !== GT) return -1;
  let q = p + 3;
  while (q < end && b[q] !== LT) q++;
  // </v></c>
  if (
    q + 8 > end ||
    b[q + 1] !== SLASH ||
    b[q + 2] !== 118 ||
    b[q + 3] !== GT ||
    b[q + 4] !== LT ||
    b[q + 5] !== SLASH ||
    b[q + 6] !== 99 ||
    b[q + 7] !== GT
  )
    return -1;
  return q + 8;
}

function sameFormats(a: (string | null)[], b: (string | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function cellType(b: Uint8Array, s: number, e: number): number {
  const c0 = b[s];
  const n = e - s;
  if (c0 === 115) return n === 1 ? T_SHARED : T_STRING; // s, str
  if (c0 === 105) return T_INLINE; // inlineStr
  if (c0 === 98) return T_BOOL; // b
  if (c0 === 101) return T_ERROR; // e
  if (c0 === 100) return T_DATE; // d
  return T_NUMBER; // n
}

function indexOfSeq(b: Uint8Array, seq: number[], from: number): number {
  for (let k = b.indexOf(seq[0], from); k >= 0; k = b.indexOf(seq[0], k + 1)) {
    let ok = true;
    for (let j = 1; j < seq.length && ok; j++) ok = b[k + j] === seq[j];
    if (ok) return k;
  }
  return b.length;
}

/** Adds text to the cell's value: a byte range while it is one plain run, a string once it is more. */
function addText(b: Uint8Array, cell: Cell, s: number, e: number, decoded: string | null): void {
  if (cell.textStart < 0 && cell.text === null && decoded === null) {
    cell.textStart = s;
    cell.textEnd = e;
    return;
  }
  const before = cell.text ?? (cell.textStart >= 0 ? rangeText(b, cell.textStart, cell.textEnd) : "");
  cell.text = before + (decoded ?? rangeText(b, s, e));
  cell.textStart = -1;
}

function rangeText(b: Uint8Array, s: number, e: number): string {
  return decodeEntities(utf8.decode(b.subarray(s, e)));
}

/** A cell's value, typed as ExcelJS types it (cell-xform.js), dates as ISO text. */
function cellValue(b: Uint8Array, cell: Cell, ctx: SheetContext): CellValue {
  const plain = cell.textStart >= 0;
  if (!plain && (cell.text === null || cell.text === "")) return null; // no value, or a formula never calculated
  if (plain && cell.type === T_SHARED && !cell.formula) {
    const v = ctx.shared[numberAt(b, cell.textStart, cell.textEnd)];
    return v === undefined ? null : v;
  }
  if (plain && cell.type === T_NUMBER) return asDate(numberAt(b, cell.textStart, cell.textEnd), cell, ctx);
  const text = plain ? rangeText(b, cell.textStart, cell.textEnd) : cell.text!;
  let v: CellValue;
  switch (cell.type) {
    case T_SHARED:
      if (cell.formula) return asDate(parseFloat(text), cell, ctx);
      v = ctx.shared[parseInt(text, 10)];
      return v === undefined ? null : v;
    case T_STRING:
    case T_DATE:
      return text;
    case T_INLINE:
      return cell.formula ? asDate(parseFloat(text), cell, ctx) : unescapeXstring(text);
    case T_BOOL:
      return parseInt(text, 10) !== 0;
    case T_ERROR:
      return { error: text };
    default:
      return asDate(plain ? numberAt(b, cell.textStart, cell.textEnd) : parseFloat(text), cell, ctx);
  }
}

/** A number in a date format as ISO text (what ExcelJS's Date becomes in read.ts). */
function asDate(n: number, cell: Cell, ctx: SheetContext): CellValue {
  if (!ctx.styles[cell.style]?.date) return n;
  // As ExcelJS's utils.excelToDate, to the same rounding (× 24 × 3600 × 1000, in that order):
  // serial days from 1899-12-30 (1904-01-01 in 1904 workbooks).
  return dateText(new Date(Math.round((n - 25569 + (ctx.date1904 ? 1462 : 0)) * 24 * 3600 * 1000)));
}
