// The live controller without Office: debounce, which rows are read, when the table is read again
// in full, and which output cells are written (diffPlans against plans built by hand).
import { describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import type { CellValue, Table } from "../../src/engine/types";
import {
  LiveController,
  LiveEngine,
  diffPlans,
  parseRect,
  type CellRun,
  type LiveIo,
  type RowSpan,
} from "../../src/live";
import { buildPlan } from "../../src/report";
import type { Plan, SheetPlan } from "../../src/report/plan";
import { table } from "../engine/helpers";

const rowOf = (t: Table, i: number): CellValue[] => t.columns.map((c) => c[i]);

// Header on sheet row 3, data from column B: geometry matters for addresses.
const src = { headerRow: 3, firstColumn: 2, sheet: "In" };
const pop = () =>
  table(
    ["Area", "Sex", "Population"],
    ["A", "B"].flatMap((a) => ["F", "M"].map((s) => [a, s, 1000]) as CellValue[][]),
    src,
  );
const act = () =>
  table(
    ["Area", "Sex", "Measure", "Count"],
    ["A", "B"].flatMap((a) => ["F", "M"].map((s) => [a, s, "CT", 10]) as CellValue[][]),
    src,
  );

/** A sheet the io reads from: what the user's cells hold now (data rows only). */
function harness(options: { pasteCells?: number } = {}) {
  const sheet = { population: pop(), activity: act() };
  const engine = new LiveEngine({ population: pop(), activity: act() });
  const calls: string[] = [];
  const written: CellRun[][] = [];
  let timer: (() => void) | undefined;
  const io: LiveIo = {
    async readRows(spans: RowSpan[]) {
      calls.push(`rows ${spans.map((s) => `${s.role}:${s.first}+${s.count}`).join(",")}`);
      return spans.map((s) => Array.from({ length: s.count }, (_, i) => rowOf(sheet[s.role], s.first + i)));
    },
    async readTable(role) {
      calls.push(`table ${role}`);
      const t = sheet[role];
      return { ...t, columns: t.columns.map((c) => c.slice()) };
    },
    async writeCells(runs) {
      calls.push(`cells ${runs.length}`);
      written.push(runs);
    },
    async applyPlan() {
      calls.push("plan");
    },
  };
  const controller = new LiveController(
    engine,
    io,
    (r) => buildPlan(r, { sheets: ["annex-b", "national"] }),
    {
      ...options,
      schedule: (fn) => {
        timer = fn;
        return () => (timer = undefined);
      },
    },
  );
  controller.written(buildPlan(engine.results, { sheets: ["annex-b", "national"] }));
  return { sheet, engine, controller, io, calls, written, fire: () => timer?.() };
}

describe("LiveController", () => {
  it("debounces, reads only the changed row, and equals a fresh run", async () => {
    const h = harness();
    h.sheet.activity.columns[3][1] = 25; // sheet row 5 (header on 3, data row 1), column E
    h.controller.notify({ role: "activity", address: "E5" });
    h.controller.notify({ role: "activity", address: "'In'!$E$5" });
    expect(h.calls).toEqual([]); // nothing until the quiet time passes
    h.fire();
    await h.controller.flush();
    expect(h.calls).toEqual(["rows activity:1+1", `cells ${h.written[0].length}`]);
    expect(h.engine.results.areas.find((a) => a.area === "A" && a.measure === "CT")!.observed).toBe(35);
    const fresh = run({ population: h.sheet.population, activity: h.sheet.activity });
    expect(h.engine.results.areas).toEqual(fresh.areas);
  });

  it("ignores cells outside the table's columns; rereads for header edits, rows below, pastes and structural changes", async () => {
    const h = harness({ pasteCells: 3 });
    h.controller.notify({ role: "activity", address: "A5" }); // column A: left of the table
    h.controller.notify({ role: "activity", address: "Z5" });
    expect(h.controller.triage([{ role: "activity", address: "A5" }])).toEqual({
      reread: new Set(),
      spans: [],
    });
    const t = (address: string, changeType?: string) =>
      h.controller.triage([{ role: "population", address, changeType }]).reread.has("population");
    expect(t("C3")).toBe(true); // header row
    expect(t("C8")).toBe(true); // below the 4 data rows (sheet rows 4–7)
    expect(t("D4:D7")).toBe(true); // 4 cells > pasteCells 3
    expect(t("D4:D5")).toBe(false);
    expect(t("B6:D6", "RowInserted")).toBe(true);
    expect(t("4:4", "RowDeleted")).toBe(true);
    // Adjacent rows make one span; separate ones two, read in the same request.
    expect(
      h.controller.triage([
        { role: "population", address: "D4" },
        { role: "population", address: "D5" },
        { role: "population", address: "D7" },
      ]).spans,
    ).toEqual([
      { role: "population", first: 0, count: 2 },
      { role: "population", first: 3, count: 1 },
    ]);
    // One event over several areas (Ctrl+Enter into a multi-area selection): the same spans.
    expect(h.controller.triage([{ role: "population", address: "D4:D5,D7" }]).spans).toEqual([
      { role: "population", first: 0, count: 2 },
      { role: "population", first: 3, count: 1 },
    ]);
  });

  it("a row added below the table is read with the table", async () => {
    const h = harness();
    const t = h.sheet.activity;
    t.columns.forEach((c, j) => c.push(["B", "F", "CT", 5][j]));
    t.rowCount++;
    h.controller.notify({ role: "activity", address: "B8:E8" });
    await h.controller.flush();
    expect(h.calls[0]).toBe("table activity");
    expect(h.engine.results.areas.find((a) => a.area === "B" && a.measure === "CT")!.observed).toBe(25);
  });
});

describe("LiveController and bad input", () => {
  it("reports a negative count as the engine's error, then recovers when it is fixed", async () => {
    const h = harness();
    const errors: unknown[] = [];
    const c = new LiveController(h.engine, h.io, (r) => buildPlan(r, { sheets: ["national"] }), {
      schedule: () => () => {},
      onError: (e) => errors.push(e),
    });
    c.written(buildPlan(h.engine.results, { sheets: ["national"] }));
    h.sheet.activity.columns[3][0] = -5;
    c.notify({ role: "activity", address: "E4" });
    await c.flush();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).name).toBe("InputError");
    expect((errors[0] as Error).message).toMatch(/row 4/);
    h.sheet.activity.columns[3][0] = 12;
    c.notify({ role: "activity", address: "E4" });
    await c.flush();
    expect(errors).toHaveLength(1);
    // 12 + 10 + 10 + 10 = 42 events over 4,000 people.
    expect(h.engine.results.national[0]!.rate).toBe((10_000 * 42) / 4_000);
  });
});

describe("diffPlans", () => {
  const sheet = (values: (string | number | null)[][], fmt = "#,##0"): SheetPlan => ({
    key: "s",
    name: "S",
    blocks: [{ row: 2, col: 1, values, numberFormat: fmt }],
  });
  const plan = (...sheets: SheetPlan[]): Plan => ({ sheets, marker: "m" });

  it("lists changed cells as runs along a row", () => {
    const d = diffPlans(plan(sheet([[1, 2, 3, 4]])), plan(sheet([[1, 9, 9, 4]])));
    expect(d).toEqual({
      kind: "cells",
      cells: 2,
      rules: [],
      sheets: [],
      runs: [{ key: "s", row: 2, col: 2, values: [9, 9] }],
    });
  });
  it("NaN equals NaN; a changed format rewrites the block with its formats", () => {
    expect(diffPlans(plan(sheet([[NaN]])), plan(sheet([[NaN]])))).toMatchObject({ cells: 0 });
    const d = diffPlans(plan(sheet([[1, 2]], "0.00")), plan(sheet([[1, 2]], "0.00\\*")));
    expect(d).toMatchObject({
      kind: "cells",
      cells: 2,
      runs: [{ values: [1, 2], formats: ["0.00\\*", "0.00\\*"] }],
    });
  });
  it("a block of another size rewrites that sheet alone; another sheet is a change of plan", () => {
    const other = { ...sheet([[5]]), key: "u" };
    const grown = { ...sheet([[1], [2]]) };
    const d = diffPlans(
      plan(sheet([[1]]), other),
      plan(grown, { ...other, blocks: [{ ...other.blocks[0]!, values: [[6]] }] }),
    );
    expect(d).toMatchObject({ kind: "cells", sheets: [grown], cells: 1, runs: [{ key: "u", values: [6] }] });
    expect(diffPlans(plan(sheet([[1]])), plan({ ...sheet([[1]]), key: "t" })).kind).toBe("structure");
    expect(diffPlans(undefined, plan(sheet([[1]]))).kind).toBe("structure");
  });
  it("a moved colour-scale midpoint is a rule change, not a rewrite", () => {
    const rule = (v: number) => ({
      type: "colorScale" as const,
      range: { row: 0, col: 0, rows: 2, cols: 1 },
      min: { type: "lowestValue" as const, color: "#000000" },
      mid: { type: "number" as const, value: v, color: "#FFFFFF" },
      max: { type: "highestValue" as const, color: "#FF0000" },
    });
    const d = diffPlans(
      plan({ ...sheet([[1]]), conditionalFormats: [rule(1)] }),
      plan({ ...sheet([[1]]), conditionalFormats: [rule(2)] }),
    );
    expect(d).toMatchObject({
      kind: "cells",
      cells: 0,
      rules: [{ key: "s", previous: [rule(1)], rules: [rule(2)] }],
    });
  });
});

describe("parseRect", () => {
  it("reads Excel's addresses", () => {
    expect(parseRect("B2")).toEqual({ row: 1, col: 1, rows: 1, cols: 1 });
    expect(parseRect("'My ''s'!$B$2:D9")).toEqual({ row: 1, col: 1, rows: 8, cols: 3 });
    expect(parseRect("5:6")).toEqual({ row: 4, col: 0, rows: 2, cols: 16_384 });
    expect(parseRect("C:D")).toEqual({ row: 0, col: 2, rows: 1_048_576, cols: 2 });
  });
});
