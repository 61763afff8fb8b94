// A long results table as the published side (SPEC §13): one row per area × measure with the
// SPEC §9 `areas` columns, as `stdrates sql`'s query returns it from a warehouse. Headers are
// matched case-insensitively and without separators, so "vsnational95" (engines fold unquoted
// names to lower case) and "crude_rate" read as vsNational95 and crudeRate. Its figures are
// unrounded, so by default they agree only within 1e-9 of the computed value, relative.
import type { AreaResult, CellValue, Results } from "../engine/types";
import { areaResolver } from "./detect";
import { measureMatcher } from "./names";
import { readPublished } from "./rounding";
import type { Figure, Missing, NotCompared, Quantity, ValidateOptions } from "./types";

/** Relative tolerance of unrounded figures: floating-point order of operations, not rounding. */
export const UNROUNDED_RELATIVE = 1e-9;

const COLUMNS = ["area", "measure", "observed", "expected", "rate", "vsnational95", "vsnational998"] as const;
type Column = (typeof COLUMNS)[number];
const COMPARED: { column: Column; quantity: Quantity; of: (a: AreaResult) => number }[] = [
  { column: "rate", quantity: "rate", of: (a) => a.rate },
  { column: "observed", quantity: "observed", of: (a) => a.observed },
  { column: "expected", quantity: "expected", of: (a) => a.expected },
];

const key = (v: CellValue | undefined) =>
  typeof v === "string" ? v.toLowerCase().replace(/[^a-z0-9]/g, "") : "";
const text = (v: CellValue | undefined) =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";

export interface LongTable {
  headerRow: number;
  lastRow: number;
  /** Column of each SPEC §9 name the header row has. */
  cols: Partial<Record<Column, number>>;
  firstCol: number;
  lastCol: number;
}

/** The first row naming `area`, `measure` and `rate` as headings, and the non-blank rows under it. */
export function detectLongTable(grid: CellValue[][]): LongTable | undefined {
  const headerRow = grid.findIndex((cells) => {
    const keys = new Set((cells ?? []).map(key));
    return keys.has("area") && keys.has("measure") && keys.has("rate");
  });
  if (headerRow < 0) return undefined;
  const cols: Partial<Record<Column, number>> = {};
  grid[headerRow].forEach((v, c) => {
    const k = key(v) as Column;
    if ((COLUMNS as readonly string[]).includes(k) && cols[k] === undefined) cols[k] = c;
  });
  let lastRow = headerRow;
  while (lastRow + 1 < grid.length && text(grid[lastRow + 1]?.[cols.area!]) !== "") lastRow++;
  const used = grid[headerRow].map((v, c) => (text(v) === "" ? -1 : c)).filter((c) => c >= 0);
  return { headerRow, lastRow, cols, firstCol: Math.min(...used), lastCol: Math.max(...used) };
}

export interface LongComparison {
  figures: Figure[];
  missing: Missing[];
  notCompared: NotCompared[];
  areas: Set<string>;
  measures: Set<string>;
}

/** Compares each row's rate, observed and expected (and, on the rate, both verdicts) with the results. */
export function compareLongTable(
  t: LongTable,
  sheet: { name: string; grid: CellValue[][] },
  results: Results,
  options: ValidateOptions & { address: (r: number, c: number) => string },
): LongComparison {
  const resolveArea = areaResolver(results, options.areaAliases);
  const matchMeasure = measureMatcher(results.measures);
  const areaBy = new Map(results.areas.map((a) => [`${a.area}\u0000${a.measure}`, a]));
  const out: LongComparison = {
    figures: [],
    missing: [],
    notCompared: [],
    areas: new Set(),
    measures: new Set(),
  };
  const cell = (r: number, col: Column) =>
    t.cols[col] === undefined ? undefined : sheet.grid[r]?.[t.cols[col]!];
  const onlyPublished = (what: Missing["what"], label: string, r: number, col: Column) => {
    if (!out.missing.some((m) => m.what === what && m.label === label))
      out.missing.push({
        onlyIn: "published",
        what,
        label,
        sheet: sheet.name,
        cell: options.address(r, t.cols[col]!),
        table: "results",
      });
  };

  for (let r = t.headerRow + 1; r <= t.lastRow; r++) {
    const areaText = text(cell(r, "area"));
    const measureText = text(cell(r, "measure"));
    const area = resolveArea(areaText);
    const measure = matchMeasure(measureText);
    if (area === undefined) onlyPublished("area", areaText, r, "area");
    if (measure === undefined && measureText !== "") onlyPublished("measure", measureText, r, "measure");
    if (area === undefined || measure === undefined) continue;
    out.areas.add(area);
    out.measures.add(measure);
    const a = areaBy.get(`${area}\u0000${measure}`);
    if (!a) continue;
    const rateCell = cell(r, "rate");
    if (a.suppressed || (typeof rateCell === "string" && rateCell.trim() === "*")) {
      out.notCompared.push({
        sheet: sheet.name,
        cell: options.address(r, t.cols.rate!),
        area,
        measure,
        reason: a.suppressed ? "suppressed-computed" : "suppressed-published",
      });
      continue;
    }
    for (const q of COMPARED) {
      const v = cell(r, q.column);
      const p = v === undefined ? undefined : readPublished(v);
      const computed = q.of(a);
      // A number on one side only (a NULL rate where the engine has one) is a disagreement, not a gap.
      if (!p && !Number.isFinite(computed)) continue;
      out.figures.push(
        figure(p?.value ?? NaN, computed, q.quantity, options, r, t.cols[q.column]!, {
          sheet: sheet.name,
          area,
          areaName: a.name,
          measure,
          heading: text(sheet.grid[t.headerRow][t.cols[q.column]!]),
          verdicts: q.quantity === "rate" ? verdicts(r, a) : undefined,
        }),
      );
    }
  }
  return out;

  /** "higher / similar" on each side, when the table has verdict columns. */
  function verdicts(r: number, a: AreaResult) {
    if (t.cols.vsnational95 === undefined && t.cols.vsnational998 === undefined) return undefined;
    const show = (v: CellValue | string | null | undefined) =>
      v === null || v === undefined ? "" : text(v).toLowerCase();
    return {
      published: `${show(cell(r, "vsnational95"))} / ${show(cell(r, "vsnational998"))}`,
      computed: `${show(t.cols.vsnational95 === undefined ? "" : a.vsNational95)} / ${show(t.cols.vsnational998 === undefined ? "" : a.vsNational998)}`,
    };
  }
}

function figure(
  published: number,
  computed: number,
  quantity: Quantity,
  options: ValidateOptions & { address: (r: number, c: number) => string },
  row: number,
  col: number,
  at: {
    sheet: string;
    area: string;
    areaName: string | null;
    measure: string;
    heading: string;
    verdicts?: { published: string; computed: string };
  },
): Figure {
  const t = options.tolerance;
  const tolerance = typeof t === "number" ? t : Math.abs(computed) * (t?.relative ?? UNROUNDED_RELATIVE);
  const difference = published - computed;
  let agree = Math.abs(difference) <= tolerance || difference === 0;
  if (at.verdicts) agree &&= at.verdicts.published === at.verdicts.computed;
  return {
    sheet: at.sheet,
    cell: options.address(row, col),
    table: "results",
    quantity,
    area: at.area,
    areaName: at.areaName,
    measure: at.measure,
    heading: at.heading,
    published,
    computed,
    difference,
    relativeDifference: computed === 0 ? null : difference / computed,
    tolerance,
    toleranceFrom: t === undefined ? "unrounded" : "user",
    ...(at.verdicts
      ? { publishedVerdicts: at.verdicts.published, computedVerdicts: at.verdicts.computed }
      : {}),
    agree,
  };
}
