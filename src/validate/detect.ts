// Finding published tables on a sheet. A header row is a row naming at least two computed measures
// (one when only one was computed). The rows below it, up to the next header row or two blank
// rows, say what the table is: area codes or names → an Annex B-style table of standardised rates
// (an "England" row holds the national rates); factor levels ("Male", "2 More deprived",
// "45 - <55") → a rates-ratio table; "Rate per 10,000 people" → a national-rates table.
import { parseImd, parseSex } from "../engine/codes";
import { roleOfHeader } from "../engine/headers";
import type { CellValue, Factor, Results } from "../engine/types";
import { levelLabel } from "../format/labels";
import { areaKey, areaNameKey, measureKey, measureMatcher } from "./names";
import { readPublished } from "./rounding";
import type { Quantity, TableKind } from "./types";

export interface HeadingCell {
  col: number;
  heading: string;
  /** Computed measure, or undefined for a heading no computed measure matches. */
  measure?: string;
}

export type RowLabel =
  | { type: "area"; area: string }
  | { type: "unknown-area"; label: string; col: number }
  | { type: "england" }
  | { type: "level"; factor: Factor; level: string }
  | { type: "unknown-level"; label: string }
  | { type: "quantity"; quantity: Quantity }
  | { type: "none" };

export interface DetectedTable {
  kind: TableKind;
  factor?: Factor;
  headerRow: number;
  lastRow: number;
  /** Measure columns (matched or not) from the first matched one rightwards. */
  columns: HeadingCell[];
  /** Label of each data row, headerRow + 1 … lastRow. */
  rows: { row: number; label: RowLabel }[];
  /** Last column of the table (for its address). */
  lastCol: number;
  /** First column holding anything in the header row or the data rows' labels. */
  firstCol: number;
}

const text = (v: CellValue | undefined): string =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";

const isBlank = (v: CellValue | undefined) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** Resolves published area cells (code, alias or name) to computed area codes. */
export function areaResolver(
  results: Results,
  aliases: Record<string, string> = {},
): (v: string) => string | undefined {
  const byKey = new Map<string, string>();
  const byName = new Map<string, string>();
  const list =
    results.meta.areaList.length > 0
      ? results.meta.areaList
      : [...new Set(results.areas.map((a) => a.area))].map((area) => ({ area, name: null }));
  for (const a of list) {
    byKey.set(areaKey(a.area), a.area);
    if (a.name) byName.set(areaNameKey(a.name), a.area);
  }
  for (const [from, to] of Object.entries(aliases)) {
    const target = byKey.get(areaKey(to));
    if (target !== undefined && !byKey.has(areaKey(from))) byKey.set(areaKey(from), target);
  }
  return (v) => (v === "" ? undefined : (byKey.get(areaKey(v)) ?? byName.get(areaNameKey(v))));
}

/** Reads a row label as a level of a rates-ratio factor, in the publication's or the engine's spelling. */
export function levelResolver(
  results: Results,
): (label: string) => { factor: Factor; level: string } | undefined {
  const loose = (s: string) =>
    s
      .toLowerCase()
      .replace(/\s+/g, "")
      .replace(/years?|yrs?/g, "");
  const keys = new Map<string, { factor: Factor; level: string }>();
  for (const r of results.ratios) {
    for (const l of [r.level, r.base]) {
      const v = { factor: r.factor, level: l };
      keys.set(`${r.factor}:${loose(l)}`, v);
      keys.set(`${r.factor}:${loose(levelLabel(r.factor, l))}`, v);
    }
  }
  const factors = new Set(results.ratios.map((r) => r.factor));
  return (label) => {
    if (label === "") return undefined;
    for (const f of factors) {
      const hit = keys.get(`${f}:${loose(label)}`);
      if (hit) return hit;
    }
    if (factors.has("age")) {
      const over = /^(\d+)\s*(?:\+|and over|or over|or older|and older)$/i.exec(label.trim());
      if (over) return keys.get(`age:${over[1]}+`);
    }
    if (factors.has("sex")) {
      const s = parseSex(label.replace(/s$/i, ""));
      if (s.ok) return keys.get(`sex:${loose(s.value)}`);
    }
    if (factors.has("imd")) {
      const q = parseImd(label);
      if (q.ok) return keys.get(`imd:${q.value}`);
    }
    return undefined;
  };
}

/** The national-table row a label names: "Rate per 10,000 people" → rate. */
export function quantityOf(label: string): Quantity | undefined {
  const t = label.trim().toLowerCase();
  if (/^(england |national )?(standardised |crude )?rates?\b/.test(t) || /^(england|national)$/.test(t))
    return "rate";
  if (/^(activity|observed|count|tests|number of tests)\b/.test(t)) return "observed";
  if (/^population\b/.test(t)) return "population";
  return undefined;
}

/** The national row of an area table: by name, or by England's ONS code. */
const ENGLAND = /^(england|all england|england total|national|e92000001)$/i;

export function detectTables(
  grid: CellValue[][],
  results: Results,
  aliases?: Record<string, string>,
): DetectedTable[] {
  const match = measureMatcher(results.measures);
  const resolveArea = areaResolver(results, aliases);
  const resolveLevel = levelResolver(results);
  const need = Math.min(2, results.measures.length);
  const measureKeys = results.measures.map(measureKey).filter((k) => k.length >= 3);

  // Header rows: enough cells naming computed measures.
  const headers: { row: number; cells: HeadingCell[] }[] = [];
  grid.forEach((cells, row) => {
    const hits: HeadingCell[] = [];
    (cells ?? []).forEach((v, col) => {
      if (typeof v !== "string") return;
      const measure = match(v);
      if (measure !== undefined && !hits.some((h) => h.measure === measure))
        hits.push({ col, heading: v.trim(), measure });
    });
    if (hits.length >= need && need > 0) headers.push({ row, cells: hits });
  });

  const tables: DetectedTable[] = [];
  headers.forEach((h, i) => {
    const firstCol = Math.min(...h.cells.map((c) => c.col));
    const headerCells = grid[h.row] ?? [];
    const stop = i + 1 < headers.length ? headers[i + 1].row : grid.length;
    // Data rows: until the next header row or a blank row (pasted publications separate tables by
    // one). A blank row right under the header, or one before a computed area (England set apart
    // from the areas), does not end the table.
    const namesArea = (r: number) =>
      (grid[r] ?? []).slice(0, firstCol).some((v) => resolveArea(text(v)) !== undefined);
    let lastRow = h.row;
    for (let r = h.row + 1; r < stop; r++) {
      if ((grid[r] ?? []).every(isBlank)) {
        if (r === h.row + 1 || (r + 1 < stop && namesArea(r + 1))) continue;
        break;
      }
      lastRow = r;
    }
    const dataRows = Array.from({ length: lastRow - h.row }, (_, k) => h.row + 1 + k);
    const hasNumbers = (r: number) =>
      h.cells.some((c) => typeof grid[r]?.[c.col] === "number" || /\d/.test(text(grid[r]?.[c.col])));

    // Unmatched headings over columns that hold figures are published measures we lack: right of the
    // first measure, or left of it when they contain a measure's name ("Brain MRI Chest X-ray", two
    // headings run together in a paste).
    const columns: HeadingCell[] = [...h.cells];
    headerCells.forEach((v, col) => {
      if (typeof v !== "string" || v.trim() === "" || columns.some((c) => c.col === col)) return;
      // Id headings, and a measure named twice (its first column is compared), are not missing measures.
      if (roleOfHeader(v) !== undefined || match(v) !== undefined) return;
      if (col < firstCol && !measureKeys.some((k) => measureKey(v).includes(k))) return;
      if (dataRows.some((r) => readPublished(grid[r]?.[col] ?? null) !== undefined))
        columns.push({ col, heading: v.trim() });
    });
    columns.sort((a, b) => a.col - b.col);
    const lastCol = Math.max(...columns.map((c) => c.col));

    // The area column: the id column (left of the measures) whose cells name the most computed areas.
    let areaCol = -1;
    let best = 0;
    for (let c = 0; c < firstCol; c++) {
      const n = dataRows.filter((r) => resolveArea(text(grid[r]?.[c])) !== undefined).length;
      if (n > best) [areaCol, best] = [c, n];
    }
    if (areaCol < 0)
      for (let c = 0; c < firstCol; c++) if (roleOfHeader(text(headerCells[c])) === "area") areaCol = c;

    const idCells = (r: number) => Array.from({ length: firstCol }, (_, c) => text(grid[r]?.[c]));
    let kind: TableKind | undefined;
    let factor: Factor | undefined;
    const rows: { row: number; label: RowLabel }[] = [];
    if (areaCol >= 0) {
      kind = "areas";
      for (const r of dataRows) {
        const ids = idCells(r);
        const area = resolveArea(ids[areaCol]) ?? ids.map(resolveArea).find((a) => a !== undefined);
        let label: RowLabel = { type: "none" };
        if (area !== undefined) label = { type: "area", area };
        else if (ids.some((t) => ENGLAND.test(t))) label = { type: "england" };
        else if (ids[areaCol] !== "" && hasNumbers(r))
          label = { type: "unknown-area", label: ids[areaCol], col: areaCol };
        rows.push({ row: r, label });
      }
    } else {
      const labelOf = (r: number) => idCells(r).find((t) => t !== "") ?? "";
      const levels = dataRows.map((r) => resolveLevel(labelOf(r)));
      const counts = new Map<Factor, number>();
      for (const l of levels) if (l) counts.set(l.factor, (counts.get(l.factor) ?? 0) + 1);
      if (counts.size > 0) {
        kind = "ratios";
        factor = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
        dataRows.forEach((r, k) => {
          const l = levels[k];
          const label: RowLabel =
            l && l.factor === factor
              ? { type: "level", factor, level: l.level }
              : labelOf(r) !== "" && hasNumbers(r) && !/^\*/.test(labelOf(r))
                ? { type: "unknown-level", label: labelOf(r) }
                : { type: "none" };
          rows.push({ row: r, label });
        });
      } else if (dataRows.some((r) => quantityOf(labelOf(r)) !== undefined)) {
        kind = "national";
        for (const r of dataRows) {
          const q = quantityOf(labelOf(r));
          rows.push({ row: r, label: q ? { type: "quantity", quantity: q } : { type: "none" } });
        }
      }
    }
    const used = [h.row, ...dataRows]
      .map((r) => (grid[r] ?? []).findIndex((v) => !isBlank(v)))
      .filter((c) => c >= 0);
    const left = Math.min(firstCol, ...used);
    if (kind)
      tables.push({ kind, factor, headerRow: h.row, lastRow, columns, rows, lastCol, firstCol: left });
  });
  return tables;
}
