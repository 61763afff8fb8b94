// Request sizes as office.js itself serializes them (the real excel-web-16.00.debug.js in a vm,
// test/support/office-js.ts), for the writes the adapter makes: every request of a full run on the
// sample, of "Insert sample data", and of a 10,000-cell live update. Each must stay under Excel on
// the web's 5 MB and no request may be larger than the writer's own estimate (its budget is spent
// on estimates, so an estimate below the real size is a request Excel could refuse).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../src/engine";
import type { CellRun } from "../../../src/live";
import { buildPlan } from "../../../src/report";
import type { Plan } from "../../../src/report/plan";
import { generateSample } from "../../../src/sample/generate";
import { features, pageSetup, writeSheet } from "../../../src/workbook/office/apply";
import { officeLiveIo } from "../../../src/workbook/office/live";
import { writeInserted } from "../../../src/workbook/office/sheets";
import { BatchWriter } from "../../../src/workbook/office/writer";
import { gridToTable } from "../../../src/workbook/tables";
import { measuringContext } from "../../support/office-js";
import { installFakeExcel } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";
import { snapshotFake } from "./snapshot";

const LIMIT = 5 * 1024 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const g = globalThis as Record<string, unknown>;
let saved: Record<string, unknown>;
beforeAll(() => {
  saved = { Office: g.Office, Excel: g.Excel };
  // Every requirement set present: the most the adapter would queue.
  g.Office = { context: { requirements: { isSetSupported: () => true } } };
});
afterAll(() => Object.assign(g, saved));

const sample = generateSample();
const results = run({
  population: gridToTable(sample.population.rows, { sheet: "Population" }),
  activity: gridToTable(sample.activity.rows, { sheet: "Activity" }),
});

/** Real and estimated size of each request the writer sent, checked and reported. */
function check(what: string, real: number[], estimated: number[]): void {
  expect(real.length).toBeGreaterThan(0);
  expect(real).toHaveLength(estimated.length);
  const worst = real.reduce((m, r, i) => Math.max(m, r / estimated[i]!), 0);
  const big = real.indexOf(Math.max(...real));
  console.log(
    `[payload] ${what}: ${real.length} requests; largest real ${kb(real[big]!)} (estimated ${kb(estimated[big]!)}); real/estimate at most ${worst.toFixed(2)}`,
  );
  real.forEach((r, i) => {
    expect(r, `${what} request ${i + 1}`).toBeLessThan(LIMIT);
    expect(r, `${what} request ${i + 1}: real ${r} > estimated ${estimated[i]}`).toBeLessThanOrEqual(
      estimated[i]!,
    );
  });
}

describe("request sizes by office.js's own serializer", () => {
  it("a full run on the sample: every content request, and page setup", async () => {
    const plan = buildPlan(results);
    const { ctx, sizes } = measuringContext();
    const w = new BatchWriter(ctx);
    const items = plan.sheets.map((sheet) => ({ ws: ctx.workbook.worksheets.getItem(sheet.name), sheet }));
    for (const { ws, sheet } of items) await writeSheet(w, ws, sheet, new Set(), features());
    await w.flush();
    check("full run (content)", sizes, w.estimates);
    const before = sizes.length;
    await pageSetup(ctx, items);
    const page = sizes.slice(before);
    console.log(`[payload] full run (page setup): ${kb(page[0] ?? 0)}`);
    expect(page.every((s) => s < LIMIT)).toBe(true);
  }, 120_000);

  it("Insert sample data: the 7,981 population and 100,000+ activity rows", async () => {
    const { ctx, sizes } = measuringContext();
    const w = new BatchWriter(ctx);
    for (const s of [sample.population, sample.activity])
      await writeInserted(w, ctx.workbook.worksheets.add(s.name), s.rows);
    await w.flush();
    check("insert sample", sizes, w.estimates);
  }, 120_000);

  it("a live update of 10,000 changed cells (and its rules)", async () => {
    // Every value of the report's sheets, changed, until 10,000 cells: runs along rows, as diffPlans gives.
    const plan: Plan = buildPlan(results);
    const runs: CellRun[] = [];
    let cells = 0;
    for (const sheet of plan.sheets)
      for (const b of sheet.blocks)
        b.values.forEach((row, i) => {
          if (cells >= 10_000 || row.length === 0) return;
          runs.push({
            key: sheet.key,
            row: b.row + i,
            col: b.col,
            values: row.map((v) => (typeof v === "number" ? v + 1 : v)),
          });
          cells += row.length;
        });
    expect(cells).toBeGreaterThanOrEqual(10_000);
    const { ctx, sizes } = measuringContext();
    const writers: BatchWriter[] = [];
    // officeLiveIo writes through Excel.run: here it runs the batch on the measuring context.
    g.Excel = {
      run: async (...args: unknown[]) => {
        const batch = args[args.length - 1] as (c: Excel.RequestContext) => Promise<unknown>;
        const proxy = new Proxy(ctx, {});
        return batch(proxy);
      },
    };
    const io = officeLiveIo(
      {
        population: { kind: "sheet", name: "P", sheet: "P", address: "A1" },
        activity: { kind: "sheet", name: "A", sheet: "A", address: "A1" },
      },
      () => {
        throw new Error("not read");
      },
    );
    for (const sheet of plan.sheets) io.sheetNames[sheet.key] = sheet.name;
    const spy = BatchWriter.prototype.flush;
    BatchWriter.prototype.flush = function (this: BatchWriter) {
      if (!writers.includes(this)) writers.push(this);
      return spy.call(this);
    };
    try {
      // Every sheet's rules replaced too (a moved colour-scale midpoint, on every sheet at once).
      const rules = plan.sheets
        .filter((s) => s.conditionalFormats?.length)
        .map((s) => ({ key: s.key, previous: s.conditionalFormats!, rules: s.conditionalFormats! }));
      await io.writeCells(runs, rules);
    } finally {
      BatchWriter.prototype.flush = spy;
    }
    check(
      `live update (${cells.toLocaleString("en-GB")} cells in ${runs.length} runs)`,
      sizes,
      writers.flatMap((x) => x.estimates),
    );
  }, 120_000);

  it("the fake counts a request as office.js serializes it (a full run's content within 15%)", async () => {
    const plan = buildPlan(results);
    const { ctx, sizes } = measuringContext();
    const w = new BatchWriter(ctx);
    for (const sheet of plan.sheets)
      await writeSheet(w, ctx.workbook.worksheets.getItem(sheet.name), sheet, new Set(), features());
    await w.flush();
    const real = sizes.reduce((a, b) => a + b, 0);
    const office = g.Office;
    const fake = installFakeExcel({ apiVersion: "1.14" });
    try {
      await createOfficePort().applyPlan({ ...plan, activate: undefined });
      // Requests: what is there, the sheet swap, then the content, then page setup.
      const content = fake.stats.requests.slice(2, -1).reduce((a, r) => a + r.requestBytes, 0);
      console.log(`[payload] full run content: office.js ${kb(real)}, the fake counts ${kb(content)}`);
      expect(content / real).toBeGreaterThan(0.85);
      expect(content / real).toBeLessThan(1.15);
    } finally {
      fake.uninstall();
      g.Office = office;
    }
  }, 120_000);

  it("a write Excel refuses for size is sent again in halves, and the sheets come out the same", async () => {
    const plan = { ...buildPlan(results), activate: undefined };
    const office = g.Office;
    const write = async (payloadLimit?: number) => {
      const fake = installFakeExcel({ apiVersion: "1.14", ...(payloadLimit ? { payloadLimit } : {}) });
      try {
        const report = await createOfficePort().applyPlan(plan);
        const set = new Set(Object.values(report.sheetNames));
        return {
          snap: snapshotFake(fake, (s) => set.has(s.name)),
          errors: fake.stats.requests.map((r) => r.error ?? "ok"),
        };
      } finally {
        fake.uninstall();
        g.Office = office;
      }
    };
    const normal = await write();
    // A host whose limit is below a full run's one content request (about 0.8 MB).
    const small = await write(400_000);
    console.log(`[payload] 400 KB host: requests ${small.errors.join(", ")}`);
    expect(small.errors.filter((e) => e === "RequestPayloadSizeLimitExceeded").length).toBeGreaterThan(0);
    expect(small.errors[small.errors.length - 1]).toBe("ok");
    expect(small.snap).toEqual(normal.snap);
  }, 120_000);
});
