// Which output cells a new Plan changes against the last one written. Live recalculation rewrites
// only those; a sheet whose shape changed (a block, style, table, merge or chart added, moved or
// resized) is rewritten whole, in the same request; only another set of sheets applies the plan.
import type { ConditionalFormat, Plan, PlanValue, SheetPlan, ValueBlock } from "../report/plan";

/** A run of changed cells on one row of one output sheet (by key), left to right. */
export interface CellRun {
  key: string;
  row: number;
  col: number;
  values: PlanValue[];
  /** Number formats of these cells, when their block's formats changed (ratios carry their stars in the format). */
  formats?: string[];
}

/** A sheet whose conditional formats changed (a colour scale centred on a national rate that moved). */
export interface RuleChange {
  key: string;
  /** The rules written last time (cleared first), and the new ones. */
  previous: ConditionalFormat[];
  rules: ConditionalFormat[];
}

export type PlanDiff =
  | {
      kind: "cells";
      runs: CellRun[];
      cells: number;
      rules: RuleChange[];
      /** Sheets whose shape changed: rewritten whole (their cells are not in runs). */
      sheets: SheetPlan[];
    }
  | { kind: "structure"; reason: string };

const shapeOf = (b: ValueBlock): string => {
  // Number formats are compared apart: a ratio's stars live in its format, and change with it.
  const { values, numberFormat: _formats, ...style } = b;
  return JSON.stringify([style, values.length, values.map((r) => r.length)]);
};

const sheetShape = (s: SheetPlan): string => {
  // Rules are compared apart: a colour scale's midpoint is the national rate, and moves with it.
  const { blocks, conditionalFormats: _rules, ...rest } = s;
  return JSON.stringify([rest, blocks.length]);
};

/** One format per column of the block ("General" where none is set). */
function formatsOf(b: ValueBlock): string[] {
  const cols = b.values.reduce((m, r) => Math.max(m, r.length), 0);
  const f = b.numberFormat;
  return Array.from({ length: cols }, (_, j) => (Array.isArray(f) ? f[j] : f) ?? "General");
}

const sameValue = (a: PlanValue | undefined, b: PlanValue | undefined): boolean =>
  a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));

export function diffPlans(last: Plan | undefined, next: Plan): PlanDiff {
  if (!last) return { kind: "structure", reason: "nothing written yet" };
  if (last.sheets.length !== next.sheets.length || last.sheets.some((s, i) => s.key !== next.sheets[i].key))
    return { kind: "structure", reason: "different sheets" };
  const runs: CellRun[] = [];
  const rules: RuleChange[] = [];
  const sheets: SheetPlan[] = [];
  let cells = 0;
  for (let i = 0; i < next.sheets.length; i++) {
    const a = last.sheets[i];
    const b = next.sheets[i];
    if (sheetShape(a) !== sheetShape(b) || a.blocks.some((x, k) => shapeOf(x) !== shapeOf(b.blocks[k]))) {
      sheets.push(b);
      continue;
    }
    if (JSON.stringify(a.conditionalFormats ?? []) !== JSON.stringify(b.conditionalFormats ?? []))
      rules.push({ key: b.key, previous: a.conditionalFormats ?? [], rules: b.conditionalFormats ?? [] });
    for (let k = 0; k < b.blocks.length; k++) {
      const x = a.blocks[k];
      const y = b.blocks[k];
      const formats =
        JSON.stringify(x.numberFormat) === JSON.stringify(y.numberFormat) ? undefined : formatsOf(y);
      y.values.forEach((row, r) => {
        let run: CellRun | undefined;
        row.forEach((v, c) => {
          if (!formats && sameValue(x.values[r][c], v)) {
            run = undefined;
            return;
          }
          cells++;
          if (!run) {
            run = {
              key: b.key,
              row: y.row + r,
              col: y.col + c,
              values: [],
              ...(formats ? { formats: [] } : {}),
            };
            runs.push(run);
          }
          run.values.push(v);
          run.formats?.push(formats![c]);
        });
      });
    }
  }
  return { kind: "cells", runs, cells, rules, sheets };
}
