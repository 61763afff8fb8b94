// A full run at DID scale on the fake: insert the sample, find and read its tables (~113k activity
// rows), run the engine, write the whole report. Prints syncs and payload bytes of each phase.
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeExcel, type FakeStats, colName, installFakeExcel, PAYLOAD_LIMIT } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";
import { generateSample } from "../../../src/sample/generate";
import { run } from "../../../src/engine";
import { buildPlan } from "../../../src/report";
import { gridToTable } from "../../../src/workbook/tables";
import { applyPlanToWorkbook } from "../../../src/workbook/xlsx/write";
import { snapshotExcelJS, snapshotFake } from "./snapshot";

const fake: FakeExcel = installFakeExcel({ apiVersion: "1.9" });
afterAll(() => fake.uninstall());

const MB = (n: number) => (n < 100_000 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(2)} MB`);
function phase(
  name: string,
  stats: FakeStats,
): { syncs: number; up: number; down: number; maxReq: number; maxRes: number } {
  const r = stats.requests;
  const out = {
    syncs: stats.syncs,
    up: r.reduce((s, x) => s + x.requestBytes, 0),
    down: r.reduce((s, x) => s + x.responseBytes, 0),
    maxReq: Math.max(0, ...r.map((x) => x.requestBytes)),
    maxRes: Math.max(0, ...r.map((x) => x.responseBytes)),
  };
  console.log(
    `${name.padEnd(14)} ${String(out.syncs).padStart(3)} syncs · sent ${MB(out.up)} (max ${MB(out.maxReq)}) · received ${MB(out.down)} (max ${MB(out.maxRes)})`,
  );
  expect(r.every((x) => !x.error && x.requestBytes < PAYLOAD_LIMIT && x.responseBytes < PAYLOAD_LIMIT)).toBe(
    true,
  );
  fake.resetStats();
  return out;
}

describe("office adapter at DID scale", () => {
  const sample = generateSample();
  const port = createOfficePort();

  it("inserts, reads, computes and writes the full report within the payload limit, in few syncs", async () => {
    const names = await port.insertSheets([sample.population, sample.activity]);
    expect(names).toEqual(["Population", "Activity"]);
    const insert = phase("insert sample", fake.stats);

    const found = await port.listTables();
    const list = phase("list tables", fake.stats);
    const pop = found.find((c) => c.ref.sheet === "Population")!;
    const act = found.find((c) => c.ref.sheet === "Activity")!;
    expect(pop.rows).toBe(sample.population.rows.length - 1);
    expect(act.rows).toBe(sample.activity.rows.length - 1);
    expect(act.rows).toBeGreaterThan(100_000);

    const population = await port.readTable(pop.ref);
    const activity = await port.readTable(act.ref);
    const read = phase("read tables", fake.stats);
    // What the add-in read is exactly what the command line would read from the same rows.
    expect(population).toEqual(gridToTable(sample.population.rows, { sheet: "Population" }));
    // On ExcelApi 1.9 merged cells cannot be listed: blank strata below text get a note (SPEC §1b).
    const { notes, ...source } = activity.source;
    expect(notes).toEqual([expect.stringMatching(/^Sheet Activity, row \d+, has blank cells.*merged/)]);
    expect({ ...activity, source }).toEqual(gridToTable(sample.activity.rows, { sheet: "Activity" }));

    const results = run({ population, activity });
    const plan = buildPlan(results);
    const report = await port.applyPlan(plan);
    const write = phase("write report", fake.stats);
    console.log(
      `full run (list + read + write): ${list.syncs + read.syncs + write.syncs} syncs, ${MB(list.up + read.up + write.up)} sent, ${MB(list.down + read.down + write.down)} received; insert sample: ${insert.syncs} syncs`,
    );

    expect(insert.syncs).toBeLessThanOrEqual(6);
    expect(list.syncs).toBe(2);
    expect(read.syncs).toBeLessThanOrEqual(10);
    expect(write.syncs).toBeLessThanOrEqual(4);

    // The report in the workbook equals the report in a file, sheet by sheet.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    wb.addWorksheet("Population").addRows(sample.population.rows);
    wb.addWorksheet("Activity").addRows(sample.activity.rows);
    applyPlanToWorkbook(plan, wb);
    const outputs = new Set(Object.values(report.sheetNames));
    const a = snapshotFake(fake, (s) => outputs.has(s.name));
    const b = snapshotExcelJS(wb, (s) => outputs.has(s.name));
    expect(a.sheets.map((s) => s.name)).toEqual(plan.sheets.map((s) => s.name));
    for (let i = 0; i < a.sheets.length; i++) {
      // Known difference, in the ExcelJS writer: ExcelJS does not save a column width of exactly
      // 9 (its "default"), so the file shows Excel's default 8.43 (64 px) where the Plan asks for
      // 9 (63 px in Excel). The office adapter writes what the Plan says.
      const nine = (plan.sheets[i]!.columnWidths ?? [])
        .filter((w) => w.width === 9)
        .map((w) => colName(w.col));
      for (const c of nine) {
        expect(a.sheets[i]!.widths[c]).toBe(63);
        expect(b.sheets[i]!.widths[c]).toBeUndefined();
        delete a.sheets[i]!.widths[c];
      }
      expect(a.sheets[i], a.sheets[i]!.name).toEqual(b.sheets[i]);
    }
  });
});
