// Published figures against computed Results: one Figure per published number, agreeing when the
// difference is within half a unit of the published rounding (or the user's tolerance), and for
// rates ratios when the stars are the same too.
import { columnLetter } from "../engine/errors";
import type { AreaResult, CellValue, Factor, NationalRate, RatioResult, Results } from "../engine/types";
import { type DetectedTable, detectTables } from "./detect";
import { icbCodeAliases } from "./icb-codes";
import { compareLongTable, detectLongTable, UNROUNDED_RELATIVE } from "./long";
import { halfUnit, type PublishedNumber, readPublished } from "./rounding";
import type {
  FoundTable,
  Figure,
  Missing,
  NotCompared,
  PublishedSheet,
  Quantity,
  ValidateOptions,
  Validation,
} from "./types";

/** Floating-point slack, so that a value exactly half a unit off (3670.5 shown as 3,671) agrees. */
const SLACK = 1e-9;

function toleranceOf(
  p: PublishedNumber,
  computed: number,
  options: ValidateOptions,
): { tolerance: number; from: Figure["toleranceFrom"] } {
  const t = options.tolerance;
  if (typeof t === "number") return { tolerance: t, from: "user" };
  if (t !== undefined) return { tolerance: Math.abs(computed) * t.relative, from: "user" };
  return { tolerance: p.decimals === undefined ? 0 : halfUnit(p.decimals), from: p.decimalsFrom };
}

/** Compares one published sheet's tables; `compareSheets` gathers several. */
function compareSheet(sheet: PublishedSheet, results: Results, options: ValidateOptions) {
  const origin = sheet.origin ?? { row: 0, col: 0 };
  const address = (r: number, c: number) => `${columnLetter(origin.col + c + 1)}${origin.row + r + 1}`;
  const aliases = { ...icbCodeAliases(), ...options.areaAliases };
  const long = detectLongTable(sheet.grid);
  if (long) {
    const r = compareLongTable(long, sheet, results, { ...options, areaAliases: aliases, address });
    const found: FoundTable = {
      sheet: sheet.name,
      kind: "results",
      address: `${address(long.headerRow, long.firstCol)}:${address(long.lastRow, long.lastCol)}`,
      measures: [...r.measures].map((m) => ({ heading: m, measure: m })),
    };
    return { ...r, found: [found], tables: [], seen: { areas: r.areas, measures: r.measures } };
  }
  const tables = detectTables(sheet.grid, results, aliases);
  const areaBy = new Map<string, AreaResult>(results.areas.map((a) => [`${a.area}\u0000${a.measure}`, a]));
  const nationalBy = new Map<string, NationalRate>(results.national.map((n) => [n.measure, n]));
  const ratioBy = new Map<string, RatioResult>(
    results.ratios.map((r) => [`${r.factor}\u0000${r.level}\u0000${r.measure}`, r]),
  );
  const names = new Map(results.meta.areaList.map((a) => [a.area, a.name]));

  const figures: Figure[] = [];
  const missing: Missing[] = [];
  const found: FoundTable[] = [];
  const notCompared: NotCompared[] = [];
  const published = (r: number, c: number) => {
    const v: CellValue | undefined = sheet.grid[r]?.[c];
    return v === undefined ? undefined : readPublished(v, sheet.formats?.[r]?.[c]);
  };

  for (const t of tables) {
    found.push({
      sheet: sheet.name,
      kind: t.kind,
      address: `${address(t.headerRow, t.firstCol)}:${address(t.lastRow, t.lastCol)}`,
      ...(t.factor ? { factor: t.factor } : {}),
      measures: t.columns.filter((c) => c.measure).map((c) => ({ heading: c.heading, measure: c.measure! })),
    });
    for (const c of t.columns)
      if (!c.measure)
        missing.push({
          onlyIn: "published",
          what: "measure",
          label: c.heading,
          sheet: sheet.name,
          cell: address(t.headerRow, c.col),
          table: t.kind,
        });
    const showsStars = t.kind === "ratios" && showsAnyStars(t, published);

    for (const { row, label } of t.rows) {
      if (label.type === "unknown-area" || label.type === "unknown-level") {
        missing.push({
          onlyIn: "published",
          what: label.type === "unknown-area" ? "area" : "level",
          label: label.label,
          sheet: sheet.name,
          cell: address(row, label.type === "unknown-area" ? label.col : 0),
          table: t.kind,
        });
        continue;
      }
      if (label.type === "none") continue;
      for (const col of t.columns) {
        if (!col.measure) continue;
        const suppressed = suppressedCell(sheet.grid[row]?.[col.col], label, areaBy, col.measure);
        if (suppressed) {
          notCompared.push({
            sheet: sheet.name,
            cell: address(row, col.col),
            area: label.type === "area" ? label.area : "England",
            measure: col.measure,
            reason: suppressed,
          });
          continue;
        }
        const p = published(row, col.col);
        if (!p) continue;
        let computed: number | undefined;
        let quantity: Quantity = "rate";
        let area = "England";
        let factor: Factor | undefined;
        let level: string | undefined;
        let stars: string | undefined;
        if (label.type === "area") {
          area = label.area;
          computed = areaBy.get(`${label.area}\u0000${col.measure}`)?.rate;
        } else if (label.type === "england") {
          computed = nationalBy.get(col.measure)?.rate;
        } else if (label.type === "quantity") {
          quantity = label.quantity;
          const n = nationalBy.get(col.measure);
          computed =
            n === undefined
              ? undefined
              : quantity === "observed"
                ? n.observed
                : quantity === "population"
                  ? n.population
                  : n.rate;
        } else {
          quantity = "ratio";
          area = "";
          factor = label.factor;
          level = label.level;
          const r = ratioBy.get(`${label.factor}\u0000${label.level}\u0000${col.measure}`);
          computed = r?.ratio;
          stars = r?.stars;
        }
        if (computed === undefined || !Number.isFinite(computed)) continue;
        const { tolerance, from } = toleranceOf(p, computed, options);
        const difference = p.value - computed;
        let agree = Math.abs(difference) <= tolerance * (1 + SLACK) + SLACK * Math.abs(computed);
        const starFields: Partial<Figure> = {};
        if (showsStars && stars !== undefined) {
          starFields.publishedStars = p.stars ?? "";
          starFields.computedStars = stars;
          agree &&= starFields.publishedStars === stars;
        }
        figures.push({
          sheet: sheet.name,
          cell: address(row, col.col),
          table: t.kind,
          quantity,
          area,
          areaName: area === "England" ? null : (names.get(area) ?? null),
          ...(factor ? { factor, level } : {}),
          measure: col.measure,
          heading: col.heading,
          published: p.value,
          computed,
          difference,
          relativeDifference: computed === 0 ? null : difference / computed,
          ...(p.decimals !== undefined ? { decimals: p.decimals } : {}),
          tolerance,
          toleranceFrom: from,
          ...starFields,
          agree,
        });
      }
    }
  }
  return { figures, missing, found, tables, notCompared, seen: undefined };
}

/**
 * SPEC §12: a published `*` is "not compared", never a difference; so is a published number where the
 * results suppress the area (the computed figure is hidden).
 */
function suppressedCell(
  v: CellValue | undefined,
  label: DetectedTable["rows"][number]["label"],
  areaBy: Map<string, AreaResult>,
  measure: string,
): NotCompared["reason"] | undefined {
  if (typeof v === "string" && v.trim() === "*") return "suppressed-published";
  if (label.type === "area" && areaBy.get(`${label.area}\u0000${measure}`)?.suppressed)
    return "suppressed-computed";
  return undefined;
}

/** Does any figure of the table show stars? Then a figure without any says "not significant". */
function showsAnyStars(
  t: DetectedTable,
  published: (r: number, c: number) => PublishedNumber | undefined,
): boolean {
  return t.rows.some(({ row }) => t.columns.some((c) => (published(row, c.col)?.stars ?? "") !== ""));
}

/** "1 area" / "2 areas". */
const count = (n: number, noun: string) => `${n.toLocaleString("en-GB")} ${noun}${n === 1 ? "" : "s"}`;

/**
 * Compares every published table found on `sheets` with `results`. Areas, measures and levels that
 * appear on one side only are listed in `missing`; those only in the results never fail `ok` (a publication may show a subset); published items without a computed counterpart do.
 */
export function validatePublished(
  sheets: PublishedSheet[],
  results: Results,
  options: ValidateOptions = {},
): Validation {
  const figures: Figure[] = [];
  const missing: Missing[] = [];
  const tables: FoundTable[] = [];
  const notCompared: NotCompared[] = [];
  const seenAreas = new Set<string>();
  const seenMeasures = new Map<string, Set<string>>();
  const seenLevels = new Map<Factor, Set<string>>();
  for (const sheet of sheets) {
    const r = compareSheet(sheet, results, options);
    figures.push(...r.figures);
    missing.push(...r.missing);
    tables.push(...r.found);
    notCompared.push(...r.notCompared);
    if (r.seen) {
      for (const a of r.seen.areas) seenAreas.add(a);
      seenMeasures.set("results", new Set([...(seenMeasures.get("results") ?? []), ...r.seen.measures]));
    }
    for (const t of r.tables) {
      const ms = seenMeasures.get(t.kind) ?? new Set<string>();
      for (const c of t.columns) if (c.measure) ms.add(c.measure);
      seenMeasures.set(t.kind, ms);
      for (const { label } of t.rows) {
        if (label.type === "area") seenAreas.add(label.area);
        if (label.type === "level")
          (seenLevels.get(label.factor) ?? seenLevels.set(label.factor, new Set()).get(label.factor)!).add(
            label.level,
          );
      }
    }
  }

  // What the results have and the publication does not, per kind of table found.
  if (tables.some((t) => t.kind === "areas" || t.kind === "results")) {
    for (const a of results.meta.areaList)
      if (!seenAreas.has(a.area))
        missing.push({ onlyIn: "computed", what: "area", label: a.area, table: "areas" });
  }
  for (const [kind, ms] of seenMeasures) {
    const wanted = kind === "ratios" ? [...new Set(results.ratios.map((r) => r.measure))] : results.measures;
    for (const m of wanted)
      if (!ms.has(m))
        missing.push({ onlyIn: "computed", what: "measure", label: m, table: kind as FoundTable["kind"] });
  }
  for (const [factor, levels] of seenLevels) {
    for (const l of new Set(results.ratios.filter((r) => r.factor === factor).map((r) => r.level)))
      if (!levels.has(l))
        missing.push({ onlyIn: "computed", what: "level", label: `${factor} ${l}`, table: "ratios" });
  }

  const agreeing = figures.filter((f) => f.agree).length;
  const ordered = [...figures.filter((f) => !f.agree), ...figures.filter((f) => f.agree)];
  const t = options.tolerance;
  const unrounded = tables.length > 0 && tables.every((x) => x.kind === "results");
  const toleranceText =
    typeof t === "number"
      ? `Figures agree when they differ by at most ${t} (set by the user).`
      : t !== undefined
        ? `Figures agree when they differ by at most ${Number((t.relative * 100).toPrecision(12))}% of the computed value (set by the user).`
        : unrounded
          ? `Figures agree when they differ by at most ${UNROUNDED_RELATIVE} of the computed value (unrounded results), with the same verdicts against England.`
          : "Figures agree when they differ by at most half a unit of the published rounding (from each cell's number format, or the digits shown); rates ratios need the same stars too.";
  const onlyPublished = missing.filter((m) => m.onlyIn === "published");
  const within =
    options.tolerance !== undefined
      ? "the tolerance"
      : unrounded
        ? `${UNROUNDED_RELATIVE} relative`
        : "rounding";
  const suggested = suggestMultiplier(figures, results.multiplier);
  const skipped = notCompared.length ? ` (${count(notCompared.length, "suppressed cell")} not compared)` : "";
  return {
    figures: ordered,
    notCompared,
    agreeing,
    total: figures.length,
    missing,
    tables,
    headline: `${agreeing.toLocaleString("en-GB")} of ${count(figures.length, "figure")} agree within ${within}${skipped}`,
    toleranceText,
    ok: agreeing === figures.length && figures.length > 0 && onlyPublished.length === 0,
    ...(suggested !== undefined ? { suggestedMultiplier: suggested } : {}),
  };
}

/** k · 10ⁿ when the median published/computed rate is within 5% of 10ⁿ (n ≠ 0) and most rates disagree. */
function suggestMultiplier(figures: Figure[], k: number): number | undefined {
  const rates = figures.filter((f) => f.quantity === "rate" && f.computed > 0 && f.published > 0);
  if (rates.length === 0 || rates.filter((f) => !f.agree).length * 2 <= rates.length) return undefined;
  const q = rates.map((f) => Math.log10(f.published / f.computed)).sort((a, b) => a - b);
  const median = q[Math.floor(q.length / 2)];
  const n = Math.round(median);
  return n !== 0 && Math.abs(median - n) < Math.log10(1.05) ? k * 10 ** n : undefined;
}

/** The hint a suggested multiplier gives, or "". */
export function multiplierText(v: Validation): string {
  const m = v.suggestedMultiplier;
  return m === undefined
    ? ""
    : `Most published rates are a power of ten away from the computed ones: the publication may give rates per ${m.toLocaleString("en-GB")} (set the multiplier to ${m}).`;
}

/** One sentence on what is on one side only, or "" when nothing is. */
export function missingText(v: Validation): string {
  const parts: string[] = [];
  for (const side of ["published", "computed"] as const) {
    for (const what of ["area", "measure", "level"] as const) {
      const items = v.missing.filter((m) => m.onlyIn === side && m.what === what);
      if (items.length === 0) continue;
      const labels = [...new Set(items.map((m) => m.label))];
      const shown = labels.slice(0, 5).join(", ") + (labels.length > 5 ? ", …" : "");
      parts.push(
        side === "published"
          ? `${count(labels.length, what)} in the published table not in the results (${shown})`
          : `${count(labels.length, what)} in the results not in the published table (${shown})`,
      );
    }
  }
  return parts.length ? `${parts.join("; ")}.` : "";
}
