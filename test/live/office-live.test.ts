// Live what-if on the fake Excel with the shipped sample: after each edit (single cells, a paste
// of thousands of cells, a row inserted and one deleted) the results equal a full fresh run on the
// sheet as it now is, the output cells equal the new plan, and a single-cell edit costs ≤ 3 syncs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import type { CellValue, Results } from "../../src/engine/types";
import { LiveController, LiveEngine, type LiveUpdate } from "../../src/live";
import { buildPlan } from "../../src/report";
import type { Plan } from "../../src/report/plan";
import { createOfficePort } from "../../src/workbook/office";
import {
  type LiveRefs,
  LIVE_SETTING,
  newGuard,
  officeLiveIo,
  registerLive,
  resumeLiveSession,
  startLiveSession,
} from "../../src/workbook/office/live";
import { cellKey, installFakeExcel, type FakeExcel } from "../fakes/excel";
import { csv, expectPlanCells, strip } from "./sample-fake";

describe("Live on the fake Excel (ExcelApi 1.14)", () => {
  let fake: FakeExcel;
  const port = () => createOfficePort();
  const pop = csv("population.csv");
  const act = csv("activity.csv");
  const refs: LiveRefs = {
    population: { kind: "sheet", name: "Population", sheet: "Population", address: `A1:G${pop.length}` },
    activity: { kind: "sheet", name: "Activity", sheet: "Activity", address: `A1:F${act.length}` },
  };
  let engine: LiveEngine;
  let controller: LiveController;
  const updates: LiveUpdate[] = [];
  const guard = newGuard();
  let ignored = () => 0;

  beforeAll(async () => {
    fake = installFakeExcel({ apiVersion: "1.14", sheets: ["Population", "Activity"] });
    fake.put("Population", "A1", pop);
    fake.put("Activity", "A1", act);
    const [p, a] = [await port().readTable(refs.population), await port().readTable(refs.activity)];
    engine = new LiveEngine({ population: p, activity: a });
    const io = officeLiveIo(refs, (role) => engine.input[role], guard);
    controller = new LiveController(engine, io, (r) => buildPlan(r), {
      schedule: () => () => {}, // the test flushes by hand
      onUpdate: (u) => updates.push(u),
    });
    const plan = buildPlan(engine.results);
    await io.applyPlan(plan);
    controller.written(plan);
    const reg = await registerLive(refs, (e) => controller.notify(e), guard);
    ignored = () => reg.ignored;
  }, 300_000);
  afterAll(() => fake.uninstall());

  /** A fresh full run on what the sheets hold now (read through the port, not counted). */
  async function expectFresh(): Promise<void> {
    const fresh = run({
      population: await port().readTable(refs.population),
      activity: await port().readTable(refs.activity),
    });
    expect(strip(engine.results)).toEqual(strip(fresh));
    expectCells(controller.current!);
  }

  const expectCells = (plan: Plan) => expectPlanCells(fake, plan);

  async function edit(
    sheet: "Population" | "Activity",
    address: string,
    rows: (string | number | null)[][],
    changeType = "RangeEdited",
  ): Promise<{ syncs: number; update: LiveUpdate }> {
    fake.put(sheet, address, rows);
    fake.resetStats();
    await fake.fireChanged({ sheet }, { address, changeType });
    await controller.flush();
    const u = updates[updates.length - 1]!;
    console.log(
      `live: ${sheet}!${address} ${changeType} → ${u.mode}, ${fake.stats.syncs} syncs, ${String(u.written)} cells written${u.reason ? ` (${u.reason})` : ""}, engine ${u.engineMs.toFixed(1)} ms, engine+plan+diff ${u.computeMs.toFixed(1)} ms`,
    );
    return { syncs: fake.stats.syncs, update: updates[updates.length - 1]! };
  }

  it("starts equal to a fresh run", async () => {
    await expectFresh();
  });

  it("single cells: a count, a population, a count again — each a delta within 3 syncs", async () => {
    for (const [sheet, address, value] of [
      ["Activity", "F18", 9_999],
      ["Population", "G200", 123_456],
      ["Activity", "F40000", 0],
    ] as const) {
      const n = updates.length;
      const { syncs, update } = await edit(sheet, address, [[value]]);
      expect(updates.length).toBe(n + 1);
      expect(update.mode).toBe("delta");
      expect(typeof update.written === "number" && update.written > 0).toBe(true);
      expect(syncs).toBeLessThanOrEqual(3);
      await expectFresh();
    }
  }, 120_000);

  /** An output sheet as the fake holds it (ids left out: a rewritten sheet gets new ones). */
  function snapshot(): unknown {
    const plan = controller.current!;
    const live = fake.model.sheets.filter((s) => !s.deleted);
    return plan.sheets.map((p) => {
      const s = live.find((x) => x.name === p.name)!;
      const { id: _id, cells, columnWidths, rowHeights, ...rest } = s;
      const sorted = <V>(m: Map<number, V>) => [...m.entries()].sort((a, b) => a[0] - b[0]);
      return JSON.parse(
        JSON.stringify(
          {
            position: live.indexOf(s),
            ...rest,
            cells: sorted(cells),
            columnWidths: sorted(columnWidths),
            rowHeights: sorted(rowHeights),
          },
          (k, v) => (k === "id" || k === "sheet" || k === "worksheet" ? undefined : v),
        ),
      );
    });
  }

  /** The output sheets equal what applying a fresh run's plan writes (applied last, over them). */
  async function expectSheetsAsFresh(): Promise<void> {
    const fresh = run({
      population: await port().readTable(refs.population),
      activity: await port().readTable(refs.activity),
    });
    const before = snapshot();
    // The same moment of making, so the About and footnote texts compare.
    const plan = buildPlan({ ...fresh, meta: { ...fresh.meta, createdAt: engine.results.meta.createdAt } });
    await port().applyPlan({ ...plan, activate: undefined });
    expect(before).toEqual(snapshot());
  }

  it("a changed code (sex) in one cell rebuilds the cube; the new warning rewrites only Data quality", async () => {
    const { syncs, update } = await edit("Activity", "B25", [["Male"]]);
    expect(update.mode).toBe("full");
    // The row now repeats a stratum: Data quality gains a warning, so that sheet changes shape and
    // is rewritten whole in the same request as the other sheets' changed cells.
    expect(update.written).not.toBe("plan");
    expect(update.rewritten).toContain("data-quality");
    // Plus one request for the rewritten sheet's page setup, kept apart as in a full run.
    expect(syncs).toBeLessThanOrEqual(4);
    await expectFresh();
    await expectSheetsAsFresh();
  }, 120_000);

  it("a sex code edited to U: within 3 syncs, and the output sheets equal a fresh full run's", async () => {
    const { syncs, update } = await edit("Activity", "B31", [["U"]]);
    expect(update.written).not.toBe("plan");
    expect(syncs).toBeLessThanOrEqual(3);
    await expectFresh();
    await expectSheetsAsFresh();
  }, 120_000);

  it("a paste of thousands of cells rereads the table in chunks", async () => {
    const rows = Array.from({ length: 4_000 }, (_, i) => [100 + (i % 50)]);
    const { update } = await edit("Activity", "F1000:F4999", rows);
    expect(update.mode).toBe("reread");
    await expectFresh();
  }, 120_000);

  it("a row inserted and a row deleted reread the table", async () => {
    const last = act.length; // 1-based sheet row of the last data row
    const copy = act[act.length - 1]!.slice();
    copy[5] = 77;
    const ins = await edit("Activity", `A${last + 1}:F${last + 1}`, [copy], "RowInserted");
    expect(ins.update.mode).toBe("reread");
    expect(engine.input.activity.rowCount).toBe(act.length); // one more data row than before
    await expectFresh();
    // Delete that row again: Excel empties it (the used range shrinks) and says RowDeleted.
    const sheet = fake.sheet("Activity");
    for (let c = 0; c < 6; c++) sheet.cells.delete(cellKey(last, c));
    fake.resetStats();
    await fake.fireChanged(
      { sheet: "Activity" },
      { address: `A${last + 1}:XFD${last + 1}`, changeType: "RowDeleted" },
    );
    await controller.flush();
    expect(updates[updates.length - 1]!.mode).toBe("reread");
    expect(engine.input.activity.rowCount).toBe(act.length - 1);
    await expectFresh();
  }, 120_000);

  it("the add-in's own writes do not retrigger", async () => {
    const n = updates.length;
    const before = ignored();
    // Excel 1.14 marks events caused by this add-in's writes.
    fake.resetStats();
    await fake.fireChanged({ sheet: "Activity" }, { address: "F18", triggerSource: "ThisLocalAddin" });
    // Output sheets carry no handler: events there reach nothing.
    for (const s of controller.current!.sheets)
      await fake.fireChanged({ sheet: s.name }, { address: "A1:Z100" });
    await controller.flush();
    expect(updates.length).toBe(n);
    expect(ignored()).toBe(before + 1);
    expect(fake.stats.syncs).toBe(0);
  });

  it("debounces: several quick edits make one update", async () => {
    const n = updates.length;
    fake.put("Activity", "F18", [[1]]);
    fake.put("Activity", "F19", [[2]]);
    fake.resetStats();
    await fake.fireChanged({ sheet: "Activity" }, { address: "F18" });
    await fake.fireChanged({ sheet: "Activity" }, { address: "F19" });
    await controller.flush();
    expect(updates.length).toBe(n + 1);
    expect(fake.stats.syncs).toBeLessThanOrEqual(3);
    await expectFresh();
  }, 60_000);
});

describe("Live on an ExcelApi 1.9 host: the guard", () => {
  it("drops events from a sheet the add-in is writing, keeps the others", async () => {
    const fake = installFakeExcel({ apiVersion: "1.9", sheets: ["In"] });
    try {
      fake.put("In", "A1", [["x"]]);
      const guard = newGuard();
      const seen: string[] = [];
      const refs: LiveRefs = {
        population: { kind: "sheet", name: "In", sheet: "In", address: "A1:A2" },
        activity: { kind: "sheet", name: "In", sheet: "In", address: "A1:A2" },
      };
      const reg = await registerLive(refs, (e) => seen.push(`${e.role} ${e.address}`), guard);
      guard.writing = true;
      guard.sheets.add("In");
      await fake.fireChanged({ sheet: "In" }, { address: "A2" });
      guard.writing = false;
      guard.sheets.clear();
      await fake.fireChanged({ sheet: "In" }, { address: "A3", triggerSource: "ThisLocalAddin" }); // no 1.14: not trusted
      expect(seen).toEqual(["population A3", "activity A3"]);
      expect(reg.ignored).toBe(2);
      await reg.remove();
      await fake.fireChanged({ sheet: "In" }, { address: "A4" });
      expect(seen).toHaveLength(2);
    } finally {
      fake.uninstall();
    }
  });
});

describe("Live sessions: on again when the workbook is reopened", () => {
  it("saves Live in the document, registers again from it, and stops", async () => {
    const fake = installFakeExcel({ apiVersion: "1.9", sheets: ["Pop", "Act"] });
    try {
      fake.put("Pop", "A1", [
        ["Area", "Sex", "Population"],
        ["A", "F", 1000],
        ["A", "M", 1000],
        ["B", "F", 500],
        ["B", "M", 1500],
      ]);
      fake.put("Act", "A1", [
        ["Area", "Sex", "Measure", "Count"],
        ["A", "F", "CT", 30],
        ["A", "M", "CT", 10],
        ["B", "F", "CT", 20],
        ["B", "M", "CT", 40],
      ]);
      const refs: LiveRefs = {
        population: { kind: "sheet", name: "Pop", sheet: "Pop", address: "A1:C5" },
        activity: { kind: "sheet", name: "Act", sheet: "Act", address: "A1:D5" },
      };
      const seen: LiveUpdate[] = [];
      const options = {
        plan: (r: Results) => buildPlan(r, { sheets: ["annex-b", "national"] }),
        live: { schedule: () => () => {}, onUpdate: (u: LiveUpdate) => seen.push(u) },
      };
      const first = await startLiveSession(refs, options);
      expect(fake.settings.saved[`stdrates.${LIVE_SETTING}`]); // settings.ts prefixes every key.toMatchObject({ on: true });
      // Closing the workbook drops its handlers; opening it runs resume.
      await first.registration.remove();
      const again = (await resumeLiveSession(options))!;
      expect(again).toBeDefined();
      fake.put("Act", "D2", [[33]]);
      await fake.fireChanged({ sheet: "Act" }, { address: "D2" });
      await again.controller.flush();
      expect(seen).toHaveLength(1);
      // O_A = 33 + 10; hand check of the national rate: 10,000 × 103 / 4,000.
      expect(again.engine.results.areas.find((a) => a.area === "A")!.observed).toBe(43);
      expect(again.engine.results.national[0]!.rate).toBe((10_000 * 103) / 4_000);
      await again.stop();
      expect(await resumeLiveSession(options)).toBeUndefined();
    } finally {
      fake.uninstall();
    }
  });
});

// Keep the CellValue import used for readers of this file.
export type _Unused = CellValue;
