// Conditional formats evaluated as Excel draws them, for the sheet view. Rules apply in Plan order
// (the writers give them priorities 1, 2, 3…), and where two set the same thing the first wins.
// Expression rules are evaluated for the forms the report writes (a cell compared with a text or
// number literal, with $-anchored or relative references); any other formula highlights nothing.
import type {
  CellValueRule,
  ColorScaleRule,
  ColorStop,
  ConditionalFormat,
  Font,
  PlanValue,
} from "../../report/plan";
import type { GridCell } from "./cell";

type Get = (row: number, col: number) => GridCell | undefined;
type At = (row: number, col: number) => GridCell;

const hex = (c: string) => {
  const h = c.replace(/^#/, "");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
};
const toHex = (rgb: number[]) =>
  `#${rgb
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")
    .toUpperCase()}`;

/** Channel-wise linear interpolation between two colours, t in [0, 1] (Excel's colour scales). */
export function mix(a: string, b: string, t: number): string {
  const [x, y] = [hex(a), hex(b)];
  return toHex(x.map((v, i) => v + (y[i]! - v) * t));
}

/** PERCENTILE.INC, which Excel's percentile stops use. */
export function percentileInc(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function stopValue(stop: ColorStop, sorted: number[]): number {
  switch (stop.type) {
    case "lowestValue":
      return sorted[0]!;
    case "highestValue":
      return sorted[sorted.length - 1]!;
    case "number":
      return stop.value ?? 0;
    case "percentile":
      return percentileInc(sorted, stop.value ?? 50);
  }
}

/** The fill a colour scale gives `v`, clamped to its end colours outside the stops. */
export function scaleColor(stops: { value: number; color: string }[], v: number): string {
  if (v <= stops[0]!.value) return stops[0]!.color;
  for (let i = 1; i < stops.length; i++) {
    const [a, b] = [stops[i - 1]!, stops[i]!];
    if (v <= b.value)
      return b.value === a.value ? b.color : mix(a.color, b.color, (v - a.value) / (b.value - a.value));
  }
  return stops[stops.length - 1]!.color;
}

function cellsOf(rule: ConditionalFormat, fn: (row: number, col: number) => void): void {
  const r = rule.range;
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) fn(r.row + i, r.col + j);
}

const numberOf = (c: GridCell | undefined) => (typeof c?.value === "number" ? c.value : undefined);

function colorScale(rule: ColorScaleRule, get: Get, at: At, claimed: Set<string>): void {
  const nums: number[] = [];
  cellsOf(rule, (r, c) => {
    const v = numberOf(get(r, c));
    if (v !== undefined) nums.push(v);
  });
  if (nums.length === 0) return;
  nums.sort((a, b) => a - b);
  const stops = [rule.min, ...(rule.mid ? [rule.mid] : []), rule.max].map((s) => ({
    value: stopValue(s, nums),
    color: s.color,
  }));
  cellsOf(rule, (r, c) => {
    const v = numberOf(get(r, c));
    if (v === undefined) return;
    fill(at(r, c), scaleColor(stops, v), claimed, r, c);
  });
}

function fill(cell: GridCell, color: string, claimed: Set<string>, r: number, c: number): void {
  const k = `${r},${c}`;
  if (claimed.has(k)) return; // an earlier rule set this cell's fill
  claimed.add(k);
  cell.ruleFill = color;
}

const REF = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/;
const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

interface Comparison {
  ref: { row: number; col: number; absRow: boolean; absCol: boolean };
  op: "=" | "<>";
  literal: string | number | boolean;
}

/** `$Q5="higher"`, `A1<>3`, `$J$7=TRUE`: the forms the report writes. */
export function parseComparison(formula: string): Comparison | undefined {
  const m = /^\s*(\$?[A-Z]{1,3}\$?\d+)\s*(=|<>)\s*(.+?)\s*$/.exec(formula);
  if (!m) return undefined;
  const ref = REF.exec(m[1]!)!;
  const lit = m[3]!;
  let literal: Comparison["literal"];
  if (/^"(?:[^"]|"")*"$/.test(lit)) literal = lit.slice(1, -1).replace(/""/g, '"');
  else if (/^(TRUE|FALSE)$/i.test(lit)) literal = lit.toUpperCase() === "TRUE";
  else if (Number.isFinite(Number(lit)) && lit !== "") literal = Number(lit);
  else return undefined;
  return {
    ref: {
      absCol: ref[1] === "$",
      col: colNumber(ref[2]!) - 1,
      absRow: ref[3] === "$",
      row: Number(ref[4]) - 1,
    },
    op: m[2] as Comparison["op"],
    literal,
  };
}

/** Excel's "=": text compares case-insensitively, a blank cell equals "" and 0. */
function equals(v: PlanValue, lit: Comparison["literal"]): boolean {
  if (v === null) return lit === "" || lit === 0 || lit === false;
  if (typeof v === "string" && typeof lit === "string") return v.toLowerCase() === lit.toLowerCase();
  return v === lit;
}

function cellValueTest(rule: CellValueRule, v: number): boolean {
  const [a = 0, b = a] = rule.values;
  switch (rule.operator) {
    case "greaterThan":
      return v > a;
    case "lessThan":
      return v < a;
    case "between":
      return v >= Math.min(a, b) && v <= Math.max(a, b);
    case "equal":
      return v === a;
    case "notEqual":
      return v !== a;
  }
}

function highlight(
  cell: GridCell,
  format: { font?: Font; fill?: string; border?: boolean },
  claimed: Set<string>,
  r: number,
  c: number,
): void {
  if (format.fill) fill(cell, format.fill, claimed, r, c);
  // Earlier rules win: only properties no earlier rule set are added.
  if (format.font) cell.ruleFont = { ...format.font, ...cell.ruleFont };
  if (format.border) cell.ruleBorder = true;
}

/** Applies every rule to the cells `get` and `at` reach; returns the formulas it could not evaluate. */
export function evaluateRules(rules: ConditionalFormat[], get: Get, at: At): string[] {
  const claimed = new Set<string>();
  const skipped: string[] = [];
  for (const rule of rules) {
    if (rule.type === "colorScale") colorScale(rule, get, at, claimed);
    else if (rule.type === "cellValue")
      cellsOf(rule, (r, c) => {
        const v = numberOf(get(r, c));
        if (v !== undefined && cellValueTest(rule, v)) highlight(at(r, c), rule.format, claimed, r, c);
      });
    else {
      const cmp = parseComparison(rule.formula);
      if (!cmp) {
        skipped.push(rule.formula);
        continue;
      }
      cellsOf(rule, (r, c) => {
        const row = cmp.ref.absRow ? cmp.ref.row : cmp.ref.row + (r - rule.range.row);
        const col = cmp.ref.absCol ? cmp.ref.col : cmp.ref.col + (c - rule.range.col);
        const hit = equals(get(row, col)?.value ?? null, cmp.literal);
        if (hit === (cmp.op === "=")) highlight(at(r, c), rule.format, claimed, r, c);
      });
    }
  }
  return skipped;
}
