// CSV text → a column-major Table. Cells are typed as Excel types them on opening a CSV
// (numbers as numbers, blanks as null, `#N/A`-style error strings as error cells), except that
// digit strings with a leading zero stay text, because they are codes ("007"), not counts.
// Text without quotes (what most exports of 1M-row activity tables look like) goes through a
// single-pass scanner written for speed; quoted text goes through papaparse.
import Papa from "papaparse";
import type { CellError, CellValue, Table } from "../engine/types";
import { gridToTable } from "./tables";

/** The error values Excel writes into a CSV when a cell holds an error. */
export const EXCEL_ERRORS = new Set(["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]);

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
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
    if (s.length > 1 && s.charCodeAt(0) === 48 && s.charCodeAt(1) >= 48 && s.charCodeAt(1) <= 57) return field;
    return Number(s);
  }
  if (THOUSANDS.test(s)) return Number(s.replace(/,/g, ""));
  return field;
}

/** The delimiter of the first line: the most frequent of comma, tab, semicolon and bar. */
export function detectDelimiter(text: string): string {
  const end = text.indexOf("\n");
  const line = end < 0 ? text : text.slice(0, end);
  let best = ",";
  let bestCount = 0;
  for (const d of [",", "\t", ";", "|"]) {
    const n = line.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
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
  const preview = Papa.parse<string[]>(text.slice(0, PREVIEW_CHARS), { delimiter, preview: PREVIEW_ROWS, skipEmptyLines: false }).data;
  const head = gridToTable(
    preview.map((r) => r.map(typeCsvField)),
    { file },
  );
  const h = head.source.headerRow - 1; // 0-based record index of the header
  const first = head.source.firstColumn - 1;
  const width = head.headers.length;
  if (width === 0) return { ...head, rowCount: 0, columns: [] };

  const columns =
    scanSimple(text, delimiter, h + 1, first, width) ?? parseQuoted(text, delimiter, h + 1, first, width);
  // Trailing blank rows are not data.
  let rows = columns[0].length;
  while (rows > 0 && columns.every((c) => c[rows - 1] === null)) rows--;
  for (const c of columns) c.length = rows;
  return { source: head.source, headers: head.headers, columns, rowCount: rows };
}

/** Distinct texts cached per column; beyond this a column is free text and caching only costs. */
const CACHE_LIMIT = 4096;

/**
 * Typed values of one column's texts, looked up without cutting the field out of the text:
 * a key of length and first/last characters picks a short bucket, and `startsWith` confirms.
 */
class FieldCache {
  private buckets = new Map<number, { text: string; value: CellValue }[]>();
  private size = 0;
  private lastText = "";
  private lastValue: CellValue = null;

  get(text: string, start: number, end: number): CellValue {
    const len = end - start;
    const last = this.lastText;
    // Sorted tables repeat a code row after row: try the previous value first.
    if (last.length === len && text.startsWith(last, start)) return this.lastValue;
    const key = (len << 16) ^ (text.charCodeAt(start) << 8) ^ text.charCodeAt(end - 1);
    let bucket = this.buckets.get(key);
    if (bucket !== undefined) {
      for (let b = 0; b < bucket.length; b++) {
        const e = bucket[b];
        if (text.startsWith(e.text, start)) {
          this.lastText = e.text;
          this.lastValue = e.value;
          return e.value;
        }
      }
    }
    const field = text.slice(start, end);
    const value = typeCsvField(field);
    if (this.size < CACHE_LIMIT) {
      if (bucket === undefined) this.buckets.set(key, (bucket = []));
      bucket.push({ text: field, value });
      this.size++;
    }
    this.lastText = field;
    this.lastValue = value;
    return value;
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

/**
 * The fast path for text without quotes (null if it meets one): one pass over the characters. Plain integers are
 * accumulated from their digits; any other field is typed once per distinct text (FieldCache).
 */
function scanSimple(
  text: string,
  delimiter: string,
  skipRecords: number,
  first: number,
  width: number,
): CellValue[][] | null {
  let p = 0;
  for (let k = 0; k < skipRecords && p >= 0; k++) {
    const nl = text.indexOf("\n", p);
    p = nl < 0 ? -1 : nl + 1;
  }
  const columns: CellValue[][] = [];
  if (p < 0 || p >= text.length) {
    for (let j = 0; j < width; j++) columns.push([]);
    return columns;
  }
  // Size the columns once: the number of line breaks bounds the rows.
  let estimate = 1;
  for (let q = text.indexOf("\n", p); q >= 0; q = text.indexOf("\n", q + 1)) estimate++;
  for (let j = 0; j < width; j++) columns.push(new Array<CellValue>(estimate).fill(null));
  const caches: FieldCache[] = [];
  for (let j = 0; j < width; j++) caches.push(new FieldCache());

  const D = delimiter.charCodeAt(0);
  const top = Math.max(D, 34); // characters above this are never delimiters, line ends or quotes
  const L = text.length;
  let field = 0; // field index within the record
  let start = p;
  let row = 0;
  for (let i = p; i <= L; i++) {
    const c = i < L ? text.charCodeAt(i) : 10;
    if (c > top || (c !== D && c !== 10 && c !== 13)) {
      if (c === 34) return null; // a quote: this text needs the careful parser
      continue;
    }
    const end = i;
    // \r\n: the field ends at \r; skip the \n with it.
    if (c === 13 && i + 1 < L && text.charCodeAt(i + 1) === 10) i++;
    const j = field - first;
    if (j >= 0 && j < width && end > start) {
      const c0 = text.charCodeAt(start);
      let v: CellValue;
      if (c0 >= 49 && c0 <= 57 && end - start < 16) {
        // A plain integer without a leading zero: the commonest field of all, read from its digits.
        let acc = c0 - 48;
        let k = start + 1;
        for (; k < end; k++) {
          const d = text.charCodeAt(k) - 48;
          if (d < 0 || d > 9) break;
          acc = acc * 10 + d;
        }
        v = k === end ? acc : caches[j].get(text, start, end);
      } else v = caches[j].get(text, start, end);
      columns[j][row] = v;
    }
    field++;
    start = i + 1;
    if (c !== D) {
      row++;
      field = 0;
      if (start >= L) break;
    }
  }
  for (const col of columns) col.length = row;
  return columns;
}

/** Quoted CSV through papaparse, one record at a time into the columns. */
function parseQuoted(text: string, delimiter: string, skipRecords: number, first: number, width: number): CellValue[][] {
  const columns: CellValue[][] = [];
  const intern: ((s: string) => CellValue)[] = [];
  for (let j = 0; j < width; j++) {
    columns.push([]);
    intern.push(interner());
  }
  let record = 0;
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
    },
  });
  return columns;
}
