// Live what-if at DID scale (issue 5): one edited count through the incremental engine (cube by
// the difference, then results), warm, and the same with the report plan and its diff. The target
// is the engine's ≤ 20 ms; the plan is reported beside it. Numbers, not a timed test.
import type { CellValue } from "../src/engine/types";
import { LiveEngine } from "../src/engine/delta";
import { buildPlan } from "../src/report";
import { diffPlans } from "../src/live/diff";
import { readCsv } from "../src/workbook/csv";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

export function liveBench(sample: { population: string; activity: string }, repeats = 41): string[] {
  const engine = new LiveEngine({
    population: readCsv(sample.population, "population.csv"),
    activity: readCsv(sample.activity, "activity.csv"),
  });
  const act = engine.input.activity;
  const count = act.headers.findIndex((h) => /count/i.test(String(h)));
  const engineMs: number[] = [];
  const planMs: number[] = [];
  let plan = buildPlan(engine.results);
  let deltas = 0;
  for (let k = 0; k < repeats + 3; k++) {
    const row = (k * 7_919) % act.rowCount;
    const values: CellValue[] = act.columns.map((c) => c[row]);
    const v = values[count];
    values[count] = typeof v === "number" ? v + 1 : v;
    const t0 = performance.now();
    const out = engine.apply("activity", [{ row, values }]);
    const t1 = performance.now();
    const next = buildPlan(out.results);
    diffPlans(plan, next);
    const t2 = performance.now();
    plan = next;
    if (k < 3 || out.mode !== "delta") continue; // warm-up, and rows that are excluded (a rebuild)
    deltas++;
    engineMs.push(t1 - t0);
    planMs.push(t2 - t1);
  }
  const e = median(engineMs);
  return [
    `live (one edited count at DID scale, ${deltas} deltas): engine ${e.toFixed(1)} ms, plan + diff ${median(planMs).toFixed(1)} ms (medians)`,
    `target: live compute ≤ 20 ms at DID scale — ${e.toFixed(1)} ms ${e <= 20 ? "MET" : "NOT MET"}`,
  ];
}

if (process.argv[1]?.endsWith("live.ts")) {
  // Standalone: node bin/run-ts.cjs bench/live.ts
  const { loadSample } = require("./scale") as typeof import("./scale");
  for (const l of liveBench(loadSample(require("node:path").resolve(__dirname, "..")))) console.log(l);
}
