// Live while the user keeps typing, on the fake Excel with the shipped sample. Excel refuses a
// batch while a cell is being edited (InvalidOperationInCellEditMode) unless Excel.run was given
// delayForCellEdit, which makes it wait (Excel.RunOptions; OfficeDev/office-js#856). Live reads
// 400 ms after the last edit — typically while the next cell is being typed — so: a host that
// honours the option delays the update and loses nothing; one that does not fails it, and Live
// keeps the edits, retries, then rereads the table, and says the outputs may be stale meanwhile.
// Each ends with outputs equal to a fresh run on what the sheets hold. Also: a write refused
// part-way (the next update writes the whole plan) and a refused page setting.
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import { LiveController, LiveEngine, type LiveUpdate } from "../../src/live";
import { buildPlan } from "../../src/report";
import { createOfficePort } from "../../src/workbook/office";
import { type LiveRefs, newGuard, officeLiveIo, registerLive } from "../../src/workbook/office/live";
import { installFakeExcel, type FakeExcel } from "../fakes/excel";
import { csv, expectPlanCells, strip } from "./sample-fake";

const pop = csv("population.csv");
const act = csv("activity.csv");
const refs: LiveRefs = {
  population: { kind: "sheet", name: "Population", sheet: "Population", address: `A1:G${pop.length}` },
  activity: { kind: "sheet", name: "Activity", sheet: "Activity", address: `A1:F${act.length}` },
};

let fake: FakeExcel | undefined;

/** The "Results made at" cell of the About sheet, as the workbook holds it. */
function aboutMadeAt(f: FakeExcel): unknown {
  const about = f.model.sheets.find((s) => s.name === "About" && !s.deleted)!;
  for (const [key, cell] of about.cells)
    if (cell.value === "Results made at") return about.cells.get(key + 1)?.value;
  return undefined;
}
afterEach(() => fake?.uninstall());

/** Live over the sample with timers the test runs by hand. */
async function live(options: { delayForCellEdit: boolean }) {
  fake = installFakeExcel({ apiVersion: "1.14", sheets: ["Population", "Activity"], ...options });
  const f = fake;
  f.put("Population", "A1", pop);
  f.put("Activity", "A1", act);
  const port = createOfficePort();
  const engine = new LiveEngine({
    population: await port.readTable(refs.population),
    activity: await port.readTable(refs.activity),
  });
  const guard = newGuard();
  const timers: { fn: () => void; ms: number }[] = [];
  const updates: LiveUpdate[] = [];
  const stale: boolean[] = [];
  const io = officeLiveIo(refs, (role) => engine.input[role], guard);
  const controller = new LiveController(engine, io, (r) => buildPlan(r), {
    schedule: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return () => void timers.splice(timers.indexOf(t), 1);
    },
    onUpdate: (u) => updates.push(u),
    onStale: (s) => stale.push(s),
  });
  const plan = buildPlan(engine.results);
  await io.applyPlan(plan);
  controller.written(plan);
  await registerLive(refs, (e) => controller.notify(e), guard);
  /** The user types `value` into `address` and presses Enter: the cell changes, Excel fires onChanged. */
  const type = async (address: string, value: number) => {
    f.put("Activity", address, [[value]]);
    await f.fireChanged({ sheet: "Activity" }, { address });
  };
  /** Runs the timer Live set last (the debounce or a retry), as setTimeout would. */
  const tick = async () => {
    const t = timers.pop();
    expect(t, "a timer is set").toBeDefined();
    t!.fn();
    await controller.flush();
  };
  const expectFresh = async () => {
    const fresh = run({
      population: await port.readTable(refs.population),
      activity: await port.readTable(refs.activity),
    });
    expect(strip(engine.results)).toEqual(strip(fresh));
    expectPlanCells(f, controller.current!);
  };
  return { fake: f, controller, engine, updates, stale, timers, type, tick, expectFresh };
}

describe("Live while a cell is being edited", () => {
  it("a host that honours delayForCellEdit: the update waits for Enter, no edit is lost, within 3 syncs each", async () => {
    const l = await live({ delayForCellEdit: true });
    await l.type("F18", 9_001);
    l.fake.enterCellEdit(); // the user is typing in F19 when the debounce fires
    l.fake.resetStats();
    l.timers.pop()!.fn(); // the debounce: the update starts and its first request waits
    await new Promise((r) => setTimeout(r, 20));
    expect(l.updates).toHaveLength(0);
    expect(l.fake.stats.syncs).toBe(0); // nothing was refused
    await l.type("F19", 9_002); // Enter: F19 changes …
    await l.fake.exitCellEdit(); // … and Excel leaves cell-edit mode
    await l.controller.flush(); // the delayed update, then F19's own
    expect(l.updates).toHaveLength(2);
    expect(l.updates.every((u) => u.mode === "delta")).toBe(true);
    expect(l.fake.stats.requests.filter((r) => r.error)).toEqual([]);
    expect(l.fake.stats.syncs).toBeLessThanOrEqual(6);
    expect(l.stale).toEqual([]);
    await l.expectFresh();
    // The sheets say when they were last recalculated: About's "Results made at" is this update's.
    expect(aboutMadeAt(l.fake)).toBe(l.engine.results.meta.createdAt);
  }, 120_000);

  it("a host that ignores it: Live keeps the edits, says the outputs may be stale, retries, then rereads the table", async () => {
    const l = await live({ delayForCellEdit: false });
    await l.type("F18", 9_101);
    l.fake.enterCellEdit();
    l.fake.resetStats();
    await l.tick(); // refused: InvalidOperationInCellEditMode
    expect(l.stale).toEqual([true]);
    expect(l.updates).toHaveLength(0);
    expect(l.controller.stale).toBe(true);
    await l.tick(); // first retry, still typing: refused again
    await l.tick(); // second retry: refused
    expect(l.fake.stats.requests.map((r) => r.error)).toEqual(
      Array(3).fill("InvalidOperationInCellEditMode"),
    );
    expect(l.timers.map((t) => t.ms)).toEqual([2_000]); // backing off: 0.5, 1, 2 s
    await l.type("F19", 9_102);
    await l.fake.exitCellEdit();
    l.fake.resetStats();
    await l.tick(); // third retry: the table is read again in full, with both edits in it
    expect(l.updates.map((u) => u.mode)).toEqual(["reread"]);
    expect(l.stale).toEqual([true, true, true, false]);
    expect(l.controller.stale).toBe(false);
    console.log(
      `[live] cell edit without delay: 3 refused requests, then a reread in ${l.fake.stats.syncs} syncs`,
    );
    // A full read of the 40,000-row table and the changed cells: a handful of requests.
    expect(l.fake.stats.syncs).toBeLessThanOrEqual(8);
    await l.expectFresh();
  }, 120_000);

  it("a write refused part-way: the next update writes the whole plan, and the outputs equal a fresh run", async () => {
    const l = await live({ delayForCellEdit: true });
    await l.type("F30", 5);
    l.fake.resetStats();
    l.fake.failNextSync("GeneralException", 1); // the read goes through; the write is refused
    await l.tick();
    expect(l.stale).toEqual([true]);
    await l.tick(); // the retry
    expect(l.updates.map((u) => u.written)).toEqual(["plan"]);
    expect(l.stale).toEqual([true, false]);
    await l.expectFresh();
  }, 120_000);
});

describe("Live rewrites a sheet whose page setup the host refuses", () => {
  it("keeps the update (page setup is a request of its own, as in a full run)", async () => {
    const l = await live({ delayForCellEdit: true });
    l.fake.refusePageSetting("paperSize");
    // A sex code that repeats a stratum: Data quality gains a warning and is rewritten whole.
    l.fake.put("Activity", "B25", [["Male"]]);
    await l.fake.fireChanged({ sheet: "Activity" }, { address: "B25" });
    l.fake.resetStats();
    await l.tick();
    expect(l.updates[0]!.rewritten).toContain("data-quality");
    expect(l.fake.stats.requests.map((r) => r.error ?? "ok")).toEqual(["ok", "ok", "ok", "GeneralException"]);
    expect(l.stale).toEqual([]);
    await l.expectFresh();
  }, 120_000);
});
