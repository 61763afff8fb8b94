// From a grid of cells (a sheet, a range, a CSV file) to a column-major Table: find the header
// row by its names, trim the blank margins, and remember where the table sits on the sheet so
// that every message can name the real row and column. Pure: no Office, no Node.
import { guessMapping } from "../engine";
import type { CellValue, Table, TableSource } from "../engine/types";

export type TableKind = "population" | "activity" | "reference";
const KINDS: TableKind[] = ["population", "activity", "reference"];

/** Rows searched for a header: titles and notes above a table rarely take more. */
const HEADER_SCAN_ROWS = 50;

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Header text of a cell: numbers and booleans as written, error cells and blanks as "". */
export function headerText(v: CellValue | undefined): string {
  if (v === null || v === undefined || typeof v === "object") return "";
  return String(v).trim();
}

/** How many of the SPEC §1 roles a row of headers names, for the kind that fits it best. */
export function recognisedRoles(headers: string[]): number {
  let best = 0;
  for (const kind of KINDS) best = Math.max(best, Object.keys(guessMapping(headers, kind).mapping).length);
  return best;
}

/**
 * 0-based index of the header row among the first rows of `grid`, or -1 for an empty grid:
 * the first row of mostly text that names at least two known columns; failing that, the first
 * row of at least two cells that are all text; failing that, the first non-blank row.
 */
export function findHeaderRow(grid: CellValue[][]): number {
  const limit = Math.min(grid.length, HEADER_SCAN_ROWS);
  let allText = -1;
  let firstNonBlank = -1;
  for (let i = 0; i < limit; i++) {
    const row = grid[i] ?? [];
    let filled = 0;
    let text = 0;
    for (const v of row) {
      if (isBlank(v)) continue;
      filled++;
      if (typeof v === "string") text++;
    }
    if (filled === 0) continue;
    if (firstNonBlank < 0) firstNonBlank = i;
    if (filled < 2 || text < 0.75 * filled) continue;
    if (recognisedRoles(row.map(headerText)) >= 2) return i;
    if (allText < 0 && text === filled) allText = i;
  }
  if (allText >= 0) return allText;
  if (firstNonBlank >= 0) return firstNonBlank;
  for (let i = limit; i < grid.length; i++) if ((grid[i] ?? []).some((v) => !isBlank(v))) return i;
  return -1;
}

export type GridSource = Omit<TableSource, "headerRow" | "firstColumn"> & {
  headerRow?: number;
  firstColumn?: number;
};

/**
 * A grid as a Table. Without `headerRow`, `grid[0][0]` is cell A1 of the sheet and the header row
 * is found by its names; with it, `grid[0]` IS the header row and sits on sheet row `headerRow`
 * (a range or Excel table read by address). Likewise `firstColumn` anchors `grid[*][0]` at that
 * sheet column; without it the table starts at the header's first non-blank cell.
 * The table spans the header's non-blank extent and ends at the last row with any value in it.
 */
export function gridToTable(grid: CellValue[][], source: GridSource): Table {
  const h = source.headerRow !== undefined ? 0 : findHeaderRow(grid);
  const headerCells = h >= 0 ? (grid[h] ?? []) : [];
  let first = 0;
  let last = headerCells.length - 1;
  while (last >= 0 && isBlank(headerCells[last])) last--;
  if (source.firstColumn === undefined) while (first <= last && isBlank(headerCells[first])) first++;
  const width = Math.max(0, last - first + 1);

  let end = grid.length - 1; // last data row index in grid
  for (; end > h; end--) {
    const row = grid[end];
    if (!row) continue;
    let any = false;
    for (let j = first; j <= last && !any; j++) any = !isBlank(row[j]);
    if (any) break;
  }
  const rowCount = h >= 0 ? Math.max(0, end - h) : 0;
  const columns: CellValue[][] = [];
  for (let j = first; j <= last; j++) columns.push(new Array<CellValue>(rowCount).fill(null));
  // Row by row: each row array is read once, and a missing row leaves its nulls.
  for (let i = 0; i < rowCount; i++) {
    const row = grid[h + 1 + i];
    if (row === undefined) continue;
    const top = Math.min(last, row.length - 1);
    for (let j = first; j <= top; j++) {
      const v = row[j];
      if (v !== undefined && v !== null) columns[j - first][i] = v;
    }
  }
  const { headerRow, firstColumn, ...rest } = source;
  return {
    source: {
      ...rest,
      headerRow: headerRow ?? h + 1,
      firstColumn: (firstColumn ?? 1) + first,
    },
    headers: width > 0 ? headerCells.slice(first, last + 1).map(headerText) : [],
    columns,
    rowCount,
  };
}

/** What a table's headers say it is, and how strongly (0 = not that kind). */
export function tableKindScores(headers: string[]): Record<TableKind, number> {
  const pop = guessMapping(headers, "population").mapping;
  const act = guessMapping(headers, "activity");
  const ref = guessMapping(headers, "reference").mapping;
  const strata = (m: Record<string, string>) =>
    ["sex", "age", "imd"].filter((r) => m[r] !== undefined).length;
  const scores: Record<TableKind, number> = { population: 0, activity: 0, reference: 0 };
  // A stratum column is what separates an input table from an output sheet (e.g. a Detail sheet).
  if (pop.area && pop.population) scores.population = 1 + strata(pop);
  const counts =
    act.mapping.count !== undefined ||
    act.mapping.measure !== undefined ||
    (act.layout === "wide" && (act.measureColumns?.length ?? 0) > 0);
  if (act.mapping.area && !pop.population && counts) scores.activity = 1 + strata(act.mapping);
  if (!pop.area && ref.population && ref.count) scores.reference = 1 + strata(ref);
  return scores;
}

/** A sheet that could hold a table of some kind, with how strongly its headers say so. */
export interface InputCandidate {
  table: Table;
  hidden: boolean;
  /** tableKindScores: 1 + the stratum columns it has. */
  score: number;
  /** The sheet is named for the kind ("Population 2022"). */
  named: boolean;
}

/** Every sheet whose headers make it a candidate for `kind`, best first (then tab order). */
export function inputCandidates<S extends { name: string; grid: CellValue[][]; hidden?: boolean }>(
  sheets: S[],
  kind: TableKind,
  /** The sheet's table (a caller looking for several kinds may cache it: large sheets cost ~50 ms). */
  tableOf: (sheet: S) => Table = (sheet) => gridToTable(sheet.grid, { sheet: sheet.name }),
): InputCandidate[] {
  const out: InputCandidate[] = [];
  for (const sheet of sheets) {
    if (sheet.grid.length === 0) continue;
    const table = tableOf(sheet);
    const score = tableKindScores(table.headers)[kind];
    if (score === 0) continue;
    const named = sheet.name.toLowerCase().includes(kind === "activity" ? "activ" : kind.slice(0, 3));
    out.push({ table, score, named, hidden: sheet.hidden === true });
  }
  // Stable: equal candidates keep tab order.
  return out.sort((a, b) => b.score + (b.named ? 0.5 : 0) - (a.score + (a.named ? 0.5 : 0)));
}

/**
 * The candidates that tie for a kind (SPEC §1b "Several candidates"): sheets with as many stratum
 * columns as the best one. More than one must not be chosen between silently.
 */
export function rivalCandidates(found: InputCandidate[]): InputCandidate[] {
  if (found.length < 2) return found.slice(0, 1);
  return found.filter((c) => c.score === found[0].score && c.score >= 2);
}

/**
 * Searches a workbook's sheets for its input tables by their headers. For each kind, the sheet
 * with stratum columns wins over one without; ties go to a sheet named for the kind, then to the
 * earlier sheet.
 */
export function findInputTables(sheets: { name: string; grid: CellValue[][] }[]): {
  population?: Table;
  activity?: Table;
  reference?: Table;
} {
  const best = (kind: TableKind) => inputCandidates(sheets, kind)[0]?.table;
  return { population: best("population"), activity: best("activity"), reference: best("reference") };
}
