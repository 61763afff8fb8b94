// Files on disk → the engine's input Tables. A CSV is one table; a workbook is searched for its
// tables by their headers unless a sheet is named. The workbook reader (xlsx-stream.ts) is loaded
// only when a workbook is read.
import { isUtf8 } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import type { RunInput, Table } from "../engine/types";
import { readCsv } from "../workbook/csv";
import { gridToTable, inputCandidates, rivalCandidates } from "../workbook/tables";
import type { SheetGrid } from "../workbook/xlsx/read";
import { UsageError } from "./args";

export type TableRole = "population" | "activity" | "reference";

export interface InputFiles {
  workbook?: string;
  population?: string;
  activity?: string;
  reference?: string;
  sheetPopulation?: string;
  sheetActivity?: string;
}

/** Reads a file's bytes, turning the system's errors into one readable line. */
export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : (e as Error).message;
    throw new UsageError(`Cannot read ${file}: ${why}.`);
  }
}

/**
 * The size of the inputs in CSV-equivalent bytes (to decide whether to show progress): a
 * workbook counts ten times its size, being compressed and slower to read.
 */
export function inputBytes(files: (string | undefined)[]): number {
  let n = 0;
  for (const f of files) {
    if (!f) continue;
    try {
      n += statSync(f).size * (/\.xls[xm]$/i.test(f) ? 10 : 1);
    } catch {
      // Missing files are reported when read.
    }
  }
  return n;
}

/**
 * CSV bytes as text (SPEC §1b): UTF-16 (Excel's "Unicode Text", with its BOM, or without one when
 * every other byte is 0), UTF-8 with or without BOM, or Windows-1252 when the bytes are not valid
 * UTF-8 (Excel's plain "CSV" on Windows).
 */
export function decodeText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  return isUtf8(buf) ? buf.toString("utf8") : new TextDecoder("windows-1252").decode(bytes);
}

/** UTF-16 without a BOM: in the first bytes, every other one is 0 (ASCII text as UTF-16). */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero === n / 2 && evenZero === 0) return "utf-16le";
  if (evenZero === n / 2 && oddZero === 0) return "utf-16be";
  return undefined;
}

type Kind = "csv" | "xlsx";

const isZip = (b: Uint8Array) => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;
/** An OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password (Office wraps it in one). */
const isOle = (b: Uint8Array) =>
  b.length > 7 && [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((x, i) => b[i] === x);

/** Whether an OLE2 file holds Office encryption streams (named in UTF-16 in its directory). */
function isEncrypted(b: Uint8Array): boolean {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(Buffer.from("EncryptionInfo", "utf16le"));
}

function kindOf(file: string, bytes: Uint8Array): Kind {
  const ext = extname(file).toLowerCase();
  if (
    bytes.length === 0 ||
    (bytes.length <= 3 &&
      decodeText(bytes)
        .replace(/\uFEFF/g, "")
        .trim() === "")
  )
    throw new UsageError(`Cannot read ${file}: the file is empty (0 bytes of data). Export the table again.`);
  if (isZip(bytes)) return "xlsx"; // an .xlsx saved under another extension too
  if (isOle(bytes)) {
    if (isEncrypted(bytes))
      throw new UsageError(
        `Cannot read ${file}: the workbook is protected with a password. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save it and try again.`,
      );
    throw new UsageError(
      `Cannot read ${file}: it is a legacy Excel 97-2003 workbook (.xls), which is not supported. Open it in Excel and save it as .xlsx (Excel Workbook) or .csv.`,
    );
  }
  if (ext === ".xlsx" || ext === ".xlsm")
    throw new UsageError(
      `Cannot read ${file}: it is named ${ext} but is not a workbook (it holds text, such as a CSV file). Rename it to .csv, or open it in Excel and save it as .xlsx.`,
    );
  if (ext === ".xls" || ext === ".ods" || ext === ".xlsb") {
    throw new UsageError(`Cannot read ${file}: ${ext} files are not supported; save it as .xlsx or .csv.`);
  }
  return "csv";
}

/** The workbook reader, loaded on first use (tsx runs this as CommonJS; vitest as ESM). */
async function workbookReader(): Promise<typeof import("./xlsx-stream")> {
  try {
    if (typeof require === "function") return require("./xlsx-stream");
  } catch {
    // A require that cannot load TypeScript (vitest running main() in-process): import instead.
  }
  return import("./xlsx-stream");
}

const workbookCache = new Map<string, SheetGrid[]>();

async function readSheets(file: string, bytes: Uint8Array): Promise<SheetGrid[]> {
  const cached = workbookCache.get(file);
  if (cached) return cached;
  const { streamWorkbookGrids } = await workbookReader();
  let sheets: SheetGrid[];
  try {
    sheets = await streamWorkbookGrids(bytes);
  } catch (e) {
    throw new UsageError(`Cannot read ${file}: not a readable .xlsx workbook (${(e as Error).message}).`);
  }
  workbookCache.set(file, sheets);
  return sheets;
}

const HINTS: Record<TableRole, string> = {
  population: "headers such as Area, Sex, Age band, IMD quintile, Population",
  activity: "headers such as Area, Sex, Age band, IMD quintile, Measure, Count",
  reference: "stratum headers such as Sex, Age band, IMD quintile, with Count and Population",
};

/** Each sheet's table, made once: every role looks through every sheet (a DID-sized Activity sheet's costs ~50 ms). */
const sheetTables = new WeakMap<SheetGrid["grid"], Table>();

function sheetTable(sheet: SheetGrid): Table {
  let table = sheetTables.get(sheet.grid);
  if (!table) sheetTables.set(sheet.grid, (table = gridToTable(sheet.grid, { sheet: sheet.name })));
  return table;
}

function tableFromSheets(file: string, sheets: SheetGrid[], role: TableRole, sheetName?: string): Table {
  if (sheetName !== undefined) {
    const sheet =
      sheets.find((s) => s.name === sheetName) ??
      sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet) {
      throw new UsageError(
        `${file}: no sheet named "${sheetName}" (sheets: ${sheets.map((s) => s.name).join(", ")}).`,
      );
    }
    return gridToTable(sheet.grid, { file, sheet: sheet.name });
  }
  const candidates = inputCandidates(sheets, role, sheetTable);
  const rivals = rivalCandidates(candidates);
  if (rivals.length > 1) {
    const flag =
      role === "reference" ? "keep one of them in the file" : `choose one with --sheet-${role} NAME`;
    throw new UsageError(
      `${file}: ${rivals.length} sheets could each be the ${role} table: ${rivals.map((c) => `"${c.table.source.sheet}"${c.hidden ? " (hidden)" : ""}`).join(", ")}. Nothing is picked silently: ${flag}.`,
    );
  }
  const found = candidates[0]?.table;
  if (found) return { ...found, source: { ...found.source, file } };
  const nonEmpty = sheets.filter((s) => s.grid.length > 0);
  if (nonEmpty.length === 1) return gridToTable(nonEmpty[0].grid, { file, sheet: nonEmpty[0].name });
  const flag = role === "reference" ? "" : `; name it with --sheet-${role} NAME`;
  throw new UsageError(
    `${file}: no ${role} table found (looked for ${HINTS[role]} in sheets ${sheets.map((s) => s.name).join(", ")})${flag}.`,
  );
}

/** One table from a .csv or .xlsx file. */
export async function readTableFile(file: string, role: TableRole, sheetName?: string): Promise<Table> {
  const bytes = readBytes(file);
  if (kindOf(file, bytes) === "xlsx")
    return tableFromSheets(file, await readSheets(file, bytes), role, sheetName);
  if (sheetName !== undefined)
    throw new UsageError(
      `--sheet-${role} "${sheetName}" was given, but ${file} is a CSV file, not a workbook.`,
    );
  return readCsv(decodeText(bytes), file);
}

/** The population, activity and (optional) reference tables named on the command line. */
export async function readInputs(files: InputFiles): Promise<RunInput> {
  const tables: Partial<Record<TableRole, Table>> = {};
  const sheetFor = { population: files.sheetPopulation, activity: files.sheetActivity, reference: undefined };
  for (const role of ["population", "activity", "reference"] as const) {
    const file = files[role];
    if (file !== undefined) tables[role] = await readTableFile(file, role, sheetFor[role]);
  }
  if (files.workbook !== undefined && (!tables.population || !tables.activity)) {
    const bytes = readBytes(files.workbook);
    if (kindOf(files.workbook, bytes) !== "xlsx") {
      throw new UsageError(
        `${files.workbook} is a CSV file, which holds one table: give --population FILE and --activity FILE instead.`,
      );
    }
    const sheets = await readSheets(files.workbook, bytes);
    for (const role of ["population", "activity"] as const) {
      if (!tables[role]) tables[role] = tableFromSheets(files.workbook, sheets, role, sheetFor[role]);
    }
  }
  for (const role of ["population", "activity"] as const) {
    if (!tables[role]) {
      throw new UsageError(
        `No ${role} table: give a workbook that holds one, or --${role} FILE. See stdrates --help.`,
      );
    }
  }
  return { population: tables.population!, activity: tables.activity!, reference: tables.reference };
}

/** Rows in a table, for progress and summaries. */
export function describeTable(t: Table): string {
  const where = [t.source.file, t.source.sheet ? `sheet ${t.source.sheet}` : undefined]
    .filter(Boolean)
    .join(", ");
  return `${where} (${thousands(t.rowCount)} rows)`;
}

/** 1234567 → "1,234,567" (without Intl, which costs start-up time). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
