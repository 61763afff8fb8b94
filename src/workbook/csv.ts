// CSV text → a column-major Table. Cells are typed as Excel types them on opening a CSV
// (numbers as numbers, blanks as null, `#N/A`-style error strings as error cells), except that
// digit strings with a leading zero stay text, because they are codes ("007"), not counts.
// A single-pass scanner written for speed reads the rows; papaparse finds the header among the
// first records and reads whatever the scanner declines (malformed quoting).
import Papa from "papaparse";
import { describeLocation, InputError } from "../engine/errors";
import type { CellError, CellValue, Table } from "../engine/types";
import { gridToTable } from "./tables";

/** The error values Excel writes into a CSV when a cell holds an error. */
export const EXCEL_ERRORS = new Set([
  "#N/A",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
]);

// `\d+(?:\.\d*)?` rather than `\d+\.?\d*`: the latter backtracks quadratically on a long run of
// digits that ends in a letter (a 200,000-digit cell took minutes); this is linear (SPEC §1b).
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** Rows read to find the header row (titles and notes may sit above it). */
const PREVIEW_ROWS = 50;
const PREVIEW_CHARS = 1 << 18;

/** One CSV field as a cell value. */
export function typeCsvField(field: string): CellValue {
  let s = field;
  if (s.length === 0) return null;
  const c0 = s.charCodeAt(0);
  const cl = s.charCodeAt(s.length - 1);
  if (c0 <= 32 || cl <= 32) {
    s = s.trim();
    if (s.length === 0) return null;
  }
  if (s.charCodeAt(0) === 35 /* # */ && EXCEL_ERRORS.has(s.toUpperCase())) {
    return Object.freeze({ error: s.toUpperCase() }) as CellError;
  }
  if (NUMBER.test(s)) {
    if (s.length > 1 && s.charCodeAt(0) === 48 && s.charCodeAt(1) >= 48 && s.charCodeAt(1) <= 57)
      return field;
    const x = Number(s);
    return Number.isFinite(x) ? x : field; // too long for a double: the engine says so, naming the cell
  }
  if (THOUSANDS.test(s)) return Number(s.replace(/,/g, ""));
  return field;
}

/**
 * The delimiter: comma, tab, semicolon or bar, as papaparse guesses it from the first records
 * (the one that splits them most consistently, so a title line with a comma does not mislead it).
 */
export function detectDelimiter(text: string): string {
  const guessed = Papa.parse<string[]>(text.slice(0, PREVIEW_CHARS), {
    preview: PREVIEW_ROWS,
    delimitersToGuess: [",", "\t", ";", "|"],
    skipEmptyLines: true,
  }).meta.delimiter;
  return guessed || ",";
}

/**
 * Reads CSV text (one table) as a Table. `file` names it in messages. The header row is found by
 * its names among the first rows, so titles above the table are allowed; rows are numbered as a
 * spreadsheet numbers the CSV's records (1-based).
 */
export function readCsv(text: string, file: string): Table {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  // Find the header among the first records, parsed the careful way.
  // (On a prefix: papaparse would otherwise walk the whole text to find 50 records.)
  const preview = Papa.parse<string[]>(text.slice(0, PREVIEW_CHARS), {
    delimiter,
    preview: PREVIEW_ROWS,
    skipEmptyLines: false,
  }).data;
  const head = gridToTable(
    preview.map((r) => r.map(typeCsvField)),
    { file },
  );
  const h = head.source.headerRow - 1; // 0-based record index of the header
  const first = head.source.firstColumn - 1;
  const width = head.headers.length;
  if (width === 0) return { ...head, rowCount: 0, columns: [] };

  const { columns, overflow } =
    scanSimple(text, delimiter, h + 1, first, width) ?? parseQuoted(text, delimiter, h + 1, first, width);
  if (overflow >= 0) {
    // A value beyond the header's last column: most often an unquoted delimiter inside a value,
    // which shifts the rest of the row. Reading it would put values under the wrong headers.
    const loc = {
      source: head.source,
      row: head.source.headerRow + 1 + overflow,
      column: head.source.firstColumn + width,
    };
    const sep = delimiter === "\t" ? "a tab" : `"${delimiter}"`;
    throw new InputError(
      `${describeLocation(loc)}: this row has more values than the header has columns (${width}). A value that contains ${sep} must be in quotes, and an extra column needs a header.`,
      loc,
    );
  }
  // Trailing blank rows are not data.
  let rows = columns[0].length;
  while (rows > 0 && columns.every((c) => c[rows - 1] === null)) rows--;
  for (const c of columns) c.length = rows;
  return { source: head.source, headers: head.headers, columns, rowCount: rows };
}

/** Distinct texts cached per column; beyond this a column is free text and caching only costs. */
const CACHE_LIMIT = 4096;

class CacheEntry {
  readonly text: string;
  readonly value: CellValue;
  /** Whether the text can stand unquoted (no delimiter, quote or line break): only then is it guessed whole. */
  readonly plain: boolean;
  /** The entry that followed this one in the column last time (sorted tables cycle through codes). */
  next: CacheEntry;
  constructor(text: string, value: CellValue, plain: boolean, next: CacheEntry) {
    this.text = text;
    this.value = value;
    this.plain = plain;
    this.next = next;
  }
}

// "No entry" is a CacheEntry, not null, so that `next` and `last` always hold one kind of object.
// Entries made here with each kind of value settle the object layout before the scanner is
// optimised; otherwise V8 discards its optimised scanner when a column's first number or error
// value turns up.
const NONE_ENTRY = new CacheEntry("", null, false, undefined as unknown as CacheEntry);
NONE_ENTRY.next = NONE_ENTRY;
for (const v of ["", 0.5, 1, { error: "#N/A" }]) new CacheEntry("", v, false, NONE_ENTRY);

/**
 * Typed values of one column's texts, looked up without cutting the field out of the text:
 * a key of length and first/last characters picks a short bucket, and `startsWith` confirms.
 * It also remembers the previous field and what followed it, so that the scanner can try
 * "same as before" and "what came next last time" without reading the field character by character.
 */
class FieldCache {
  private buckets = new Map<number, CacheEntry[]>();
  private size = 0;
  last: CacheEntry = NONE_ENTRY;

  constructor(private readonly delimiter: string) {}

  /** The value of text[start, end), typed once per distinct text. */
  get(text: string, start: number, end: number): CellValue {
    const len = end - start;
    const last = this.last;
    if (last !== NONE_ENTRY && last.text.length === len && text.startsWith(last.text, start))
      return last.value;
    const key = (len << 16) ^ (text.charCodeAt(start) << 8) ^ text.charCodeAt(end - 1);
    let bucket = this.buckets.get(key);
    if (bucket !== undefined) {
      for (let b = 0; b < bucket.length; b++) {
        const e = bucket[b];
        if (text.startsWith(e.text, start)) return this.move(e);
      }
    }
    const field = text.slice(start, end);
    const plain = field.indexOf(this.delimiter) < 0 && !/["\r\n]/.test(field);
    const e = new CacheEntry(field, typeCsvField(field), plain, NONE_ENTRY);
    if (this.size < CACHE_LIMIT) {
      if (bucket === undefined) this.buckets.set(key, (bucket = []));
      bucket.push(e);
      this.size++;
    }
    return this.move(e);
  }

  /** Makes `e` the last value, linking it as the successor of the one before. */
  move(e: CacheEntry): CellValue {
    if (this.last !== e) this.last.next = e;
    this.last = e;
    return e.value;
  }
}

/** A per-column interner for the papaparse path: repeated codes become one shared string. */
function interner(): (s: string) => CellValue {
  const seen = new Map<string, CellValue>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = typeCsvField(s);
      if (seen.size < CACHE_LIMIT) seen.set(s, v);
    }
    return v;
  };
}

/** Where record `n` (0-based) begins: past n line ends that are not inside quotes; -1 if none. */
function recordStart(text: string, n: number): number {
  if (n === 0) return 0;
  let quoted = false;
  let records = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) {
      if (c === 13 && text.charCodeAt(k + 1) === 10) k++;
      if (++records === n) return k + 1;
    }
  }
  return -1;
}

/** Line breaks from `p` on, plus one: an upper bound on the records left. */
function countLines(text: string, p: number): number {
  let n = 1;
  for (let q = text.indexOf("\n", p); q >= 0; q = text.indexOf("\n", q + 1)) n++;
  return n;
}

/** Records scanned per call: many short calls let V8 optimise the scanner early and whole. */
const CHUNK_ROWS = 8192;

/** The scanner's position and outputs, carried from one chunk to the next. */
interface Scan {
  readonly text: string;
  readonly D: number;
  readonly first: number;
  readonly width: number;
  readonly columns: CellValue[][];
  readonly caches: FieldCache[];
  i: number;
  row: number;
  /** The first row with a value beyond the table's last column, or -1. */
  overflow: number;
}

/** Columns read, and the first data row with a value beyond the header's columns (-1 if none). */
interface Scanned {
  columns: CellValue[][];
  overflow: number;
}

/**
 * The fast path: one pass, field by field, straight into the columns. A field that repeats the
 * column's previous text (or the text that followed it last time) is matched whole with
 * `startsWith`; plain integers are accumulated from their digits; quoted fields are cut at their
 * closing quote. Returns null for text it does not understand (a stray quote), which papaparse
 * then reads.
 */
function scanSimple(
  text: string,
  delimiter: string,
  skipRecords: number,
  first: number,
  width: number,
): Scanned | null {
  const p = recordStart(text, skipRecords);
  const columns: CellValue[][] = [];
  if (p < 0 || p >= text.length) {
    for (let j = 0; j < width; j++) columns.push([]);
    return { columns, overflow: -1 };
  }
  // Size the columns once: the number of line breaks bounds the rows.
  const estimate = countLines(text, p);
  for (let j = 0; j < width; j++) columns.push(new Array<CellValue>(estimate).fill(null));
  const caches: FieldCache[] = [];
  for (let j = 0; j < width; j++) caches.push(new FieldCache(delimiter));
  const scan: Scan = {
    text,
    D: delimiter.charCodeAt(0),
    first,
    width,
    columns,
    caches,
    i: p,
    row: 0,
    overflow: -1,
  };
  // A few tiny chunks first, so that every path of the scanner has run before V8 optimises it.
  while (scan.i < text.length) if (!scanChunk(scan, scan.row < 64 ? 16 : CHUNK_ROWS)) return null;
  for (const col of columns) col.length = scan.row;
  return { columns, overflow: scan.overflow };
}

/** Scans up to `rows` records from `scan.i`; false if the text needs the careful parser. */
function scanChunk(scan: Scan, rows: number): boolean {
  const { text, D, first, width, columns, caches } = scan;
  const top = D > 34 ? D : 34; // characters above this are never delimiters, line ends or quotes
  const L = text.length;
  const stop = scan.row + rows;
  let i = scan.i;
  let row = scan.row;
  let field = 0;
  while (i <= L) {
    const j = field - first;
    const keep = j >= 0 && j < width;
    let c = i < L ? text.charCodeAt(i) : 10;
    let v: CellValue = null;
    if (c === 34) {
      // A quoted field: up to the closing quote ("" inside is one quote).
      let k = i + 1;
      let escaped = false;
      let close = -1;
      while (close < 0) {
        const q = text.indexOf('"', k);
        if (q < 0) return false;
        if (q + 1 < L && text.charCodeAt(q + 1) === 34) {
          escaped = true;
          k = q + 2;
        } else close = q;
      }
      if (!endsAt(text, close + 1, D)) return false;
      if (keep && close > i + 1) {
        v = escaped
          ? typeCsvField(text.slice(i + 1, close).replace(/""/g, '"'))
          : caches[j].get(text, i + 1, close);
      } else if (j >= width && scan.overflow < 0 && text.slice(i + 1, close).trim() !== "")
        scan.overflow = row;
      i = close + 1;
      c = i < L ? text.charCodeAt(i) : 10;
    } else {
      const cache = keep ? caches[j] : null;
      let guess = NONE_ENTRY;
      // Try the previous text and its usual successor as whole words before reading characters.
      if (cache !== null) {
        const last = cache.last;
        const next = last.next;
        if (last.plain && text.startsWith(last.text, i) && endsAt(text, i + last.text.length, D))
          guess = last;
        else if (next.plain && text.startsWith(next.text, i) && endsAt(text, i + next.text.length, D))
          guess = next;
      }
      if (guess !== NONE_ENTRY) {
        v = cache!.move(guess);
        i += guess.text.length;
        c = i < L ? text.charCodeAt(i) : 10;
      } else {
        const start = i;
        let acc = 0;
        let digits = c >= 49 && c <= 57; // an integer without a leading zero
        for (; i < L; i++) {
          c = text.charCodeAt(i);
          if (c <= top) {
            if (c === D || c === 10 || c === 13) break;
            if (c === 34) return false;
          }
          if (digits) {
            const d = c - 48;
            if (d >= 0 && d <= 9) acc = acc * 10 + d;
            else digits = false;
          }
        }
        if (i >= L) c = 10;
        if (keep && i > start) v = digits && i - start < 16 ? acc : cache!.get(text, start, i);
        else if (j >= width && i > start && scan.overflow < 0 && text.slice(start, i).trim() !== "")
          scan.overflow = row;
      }
    }
    if (keep) columns[j][row] = v;
    if (c === D) {
      field++;
      i++;
      continue;
    }
    // The end of a record: \n, \r\n, \r or the end of the text.
    if (c === 13 && i + 1 < L && text.charCodeAt(i + 1) === 10) i++;
    i++;
    row++;
    field = 0;
    if (i >= L || row >= stop) break;
  }
  scan.i = i;
  scan.row = row;
  return true;
}

/** Whether a field may end at `k`: a delimiter, a line end, or the end of the text. */
function endsAt(text: string, k: number, D: number): boolean {
  if (k >= text.length) return true;
  const c = text.charCodeAt(k);
  return c === D || c === 10 || c === 13;
}

/** Quoted CSV through papaparse, one record at a time into the columns. */
function parseQuoted(
  text: string,
  delimiter: string,
  skipRecords: number,
  first: number,
  width: number,
): Scanned {
  const columns: CellValue[][] = [];
  const intern: ((s: string) => CellValue)[] = [];
  for (let j = 0; j < width; j++) {
    columns.push([]);
    intern.push(interner());
  }
  let record = 0;
  let overflow = -1;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      if (record++ < skipRecords) return;
      const fields = result.data;
      // papaparse reports a final empty line as [""]: a blank row, trimmed later.
      for (let j = 0; j < width; j++) {
        const f = fields[first + j];
        columns[j].push(f === undefined || f === "" ? null : intern[j](f));
      }
      if (overflow < 0 && fields.slice(first + width).some((f) => f.trim() !== ""))
        overflow = columns[0].length - 1;
    },
  });
  return { columns, overflow };
}
