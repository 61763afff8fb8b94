// The incremental path equals a fresh run() after every edit: the oracle is run() itself on a
// copy of the edited tables (bit-for-bit, every field but the creation time).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LiveEngine } from "../../src/engine/delta";
import { run } from "../../src/engine";
import type { CellValue, Results, Table } from "../../src/engine/types";
import { table, tableFromCsv } from "../engine/helpers";

const sample = (f: string) =>
  tableFromCsv(readFileSync(join(__dirname, "../../assets/sample", f), "utf8"), f);
const copy = (t: Table): Table => ({
  ...t,
  source: { ...t.source },
  headers: t.headers.slice(),
  columns: t.columns.map((c) => c.slice()),
});
const strip = (r: Results) => ({ ...r, meta: { ...r.meta, createdAt: "" } });
const rowOf = (t: Table, i: number): CellValue[] => t.columns.map((c) => c[i]);

function expectFresh(engine: LiveEngine): void {
  const fresh = run(
    { population: copy(engine.input.population), activity: copy(engine.input.activity) },
    engine.options,
  );
  expect(strip(engine.results)).toEqual(strip(fresh));
}

describe("LiveEngine on the shipped sample", () => {
  const population = sample("population.csv");
  const activity = sample("activity.csv");
  const engine = new LiveEngine({ population: copy(population), activity: copy(activity) });
  const count = activity.headers.indexOf("Count");
  const popCol = population.headers.indexOf("Population");

  it("starts equal to run()", () => expectFresh(engine));

  it("a count edited in one cell is a delta that equals a fresh run", () => {
    const r = rowOf(engine.input.activity, 17);
    r[count] = (r[count] as number) + 1234;
    const out = engine.apply("activity", [{ row: 17, values: r }]);
    expect(out.mode).toBe("delta");
    // Hand check: that area's observed count for that measure rose by exactly 1234.
    const [area, measure] = [r[0], r[4]];
    const before = run({ population, activity }).areas.find((x) => x.area === area && x.measure === measure)!;
    const after = out.results.areas.find((x) => x.area === area && x.measure === measure)!;
    expect(after.observed - before.observed).toBe(1234);
    expectFresh(engine);
  });

  it("a population edit is a delta that equals a fresh run", () => {
    const r = rowOf(engine.input.population, 100);
    r[popCol] = (r[popCol] as number) * 2;
    expect(engine.apply("population", [{ row: 100, values: r }]).mode).toBe("delta");
    expectFresh(engine);
  });

  it("a changed code, a blank and a fraction rebuild the cube and still equal a fresh run", () => {
    const a = rowOf(engine.input.activity, 5);
    a[1] = a[1] === "Female" ? "Male" : "Female";
    expect(engine.apply("activity", [{ row: 5, values: a }]).mode).toBe("full");
    expectFresh(engine);
    const b = rowOf(engine.input.activity, 6);
    b[count] = null;
    expect(engine.apply("activity", [{ row: 6, values: b }]).mode).toBe("full");
    expectFresh(engine);
    const c = rowOf(engine.input.activity, 7);
    c[count] = 2.5;
    expect(engine.apply("activity", [{ row: 7, values: c }]).mode).toBe("full");
    expectFresh(engine);
    // Once a fraction is in, every later edit is rebuilt (sums are no longer exact in any order).
    const d = rowOf(engine.input.activity, 8);
    d[count] = 1;
    expect(engine.apply("activity", [{ row: 8, values: d }]).mode).toBe("full");
    expectFresh(engine);
  });
});

describe("LiveEngine, any sequence of edits on a small data set", () => {
  const pop = table(
    ["Area", "Sex", "Age", "IMD", "Population"],
    ["A", "B", "C"].flatMap((a) =>
      ["F", "M"].flatMap((s) => ["0-4", "5-9"].flatMap((g) => [1, 2].map((q) => [a, s, g, q, 100 + q * 10]))),
    ),
  );
  const act = table(
    ["Area", "Sex", "Age", "IMD", "Measure", "Count"],
    pop.columns[0].flatMap((_, i) => ["CT", "MRI"].map((m) => [...rowOf(pop, i).slice(0, 4), m, 5 + i])),
  );
  const cell = fc.oneof(
    { weight: 6, arbitrary: fc.nat(500) },
    { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, 0, 3.5, "7", "D", "X") },
  );
  const edit = fc.record({
    role: fc.constantFrom<"population" | "activity">("population", "activity"),
    row: fc.nat(47),
    col: fc.nat(5),
    value: cell,
  });
  it("equals run() after each edit", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const engine = new LiveEngine({ population: copy(pop), activity: copy(act) });
        for (const e of edits) {
          const t = engine.input[e.role];
          const row = e.row % t.rowCount;
          const values = rowOf(t, row);
          values[e.col % t.headers.length] = e.value;
          let failed: unknown;
          try {
            engine.apply(e.role, [{ row, values }]);
          } catch (err) {
            failed = err;
          }
          let fresh: Results | undefined;
          try {
            fresh = run({ population: copy(engine.input.population), activity: copy(engine.input.activity) });
          } catch (err) {
            expect(failed, "both reject the data").toBeDefined();
            expect((failed as Error).message).toBe((err as Error).message);
            return;
          }
          expect(failed).toBeUndefined();
          expect(strip(engine.results)).toEqual(strip(fresh));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("LiveEngine, wide activity and a measure not asked for", () => {
  const pop = table(
    ["Area", "Sex", "Population"],
    ["A", "B"].flatMap((a) => ["F", "M"].map((s) => [a, s, 1000])),
  );
  const act = table(
    ["Area", "Sex", "CT", "MRI", "PET"],
    ["A", "B"].flatMap((a) => ["F", "M"].map((s, i) => [a, s, 10 + i, 20 + i, 3])),
  );
  it("equals run() after each edit (count cells of any measure)", () => {
    const options = { measures: ["CT", "MRI"] }; // PET is read but not asked for
    fc.assert(
      fc.property(
        fc.array(fc.record({ row: fc.nat(3), col: fc.integer({ min: 2, max: 4 }), value: fc.nat(100) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (edits) => {
          const engine = new LiveEngine({ population: copy(pop), activity: copy(act) }, options);
          for (const e of edits) {
            const values = rowOf(engine.input.activity, e.row);
            values[e.col] = e.value;
            expect(engine.apply("activity", [{ row: e.row, values }]).mode).toBe("delta");
            const fresh = run(
              { population: copy(engine.input.population), activity: copy(engine.input.activity) },
              options,
            );
            expect(strip(engine.results)).toEqual(strip(fresh));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
