// Chunked reads through the office adapter, against the fake's 5 MB limit.
import { afterEach, describe, expect, it } from "vitest";
import { type FakeExcel, installFakeExcel, PAYLOAD_LIMIT } from "../../fakes/excel";
import { createOfficePort } from "../../../src/workbook/office";
import type { Progress } from "../../../src/workbook/port";

let fake: FakeExcel;
afterEach(() => fake?.uninstall());

const HEADERS = ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"];
const MEASURES = ["CT", "MRI", "Ultrasound", "Plain X-ray", "Fluoroscopy", "Nuclear medicine"];

/** Row i of a 120,000-row activity table, computable in the test (the oracle). */
function row(i: number): (string | number)[] {
  return [
    `E54000${String(8 + (i % 42)).padStart(3, "0")}`,
    i % 2 ? "Male" : "Female",
    `${(i % 19) * 5}-${(i % 19) * 5 + 4}`,
    (i % 5) + 1,
    MEASURES[i % 6]!,
    (i * 7919) % 100_003,
  ];
}

function putActivity(rows: number): void {
  fake.put("Activity", "A1", [HEADERS, ...Array.from({ length: rows }, (_, i) => row(i))]);
}

describe("office adapter: reading", () => {
  it("reads 120,000 rows in a few requests, each under the 5 MB limit, with progress per chunk", async () => {
    fake = installFakeExcel();
    putActivity(120_000);
    const port = createOfficePort();
    const progress: Progress[] = [];
    const table = await port.readTable(
      { kind: "sheet", name: "Activity", sheet: "Activity", address: "A1:F120001" },
      (p) => progress.push(p),
    );

    expect(table.headers).toEqual(HEADERS);
    expect(table.rowCount).toBe(120_000);
    expect(table.source).toMatchObject({ sheet: "Activity", headerRow: 1, firstColumn: 1 });
    for (const i of [0, 1, 59_999, 119_999]) expect(table.columns.map((c) => c[i])).toEqual(row(i));

    const { syncs, requests } = fake.stats;
    const maxResponse = Math.max(...requests.map((r) => r.responseBytes));
    console.log(
      `120,000-row read: ${syncs} syncs, largest response ${(maxResponse / 1e6).toFixed(2)} MB, total ${(requests.reduce((s, r) => s + r.responseBytes, 0) / 1e6).toFixed(2)} MB`,
    );
    expect(
      requests.every((r) => !r.error && r.requestBytes < PAYLOAD_LIMIT && r.responseBytes < PAYLOAD_LIMIT),
    ).toBe(true);
    // ~6 MB of values cannot come in fewer than 2 requests under 5 MB; a first block sized by a
    // guess (it also finds the last used row), then blocks of ≤ 4 MiB sized from its measure.
    expect(syncs).toBeGreaterThanOrEqual(2);
    expect(syncs).toBeLessThanOrEqual(4);
    expect(maxResponse).toBeLessThan(4.2 * 1024 * 1024);
    const reads = progress.filter((p) => p.phase === "read");
    expect(reads.length).toBe(syncs + 1); // one report before reading + one per chunk
    expect(reads.at(-1)!.fraction).toBe(1);
  });

  it("halves the block and retries when a request is rejected as too large, and still returns the whole table", async () => {
    fake = installFakeExcel();
    putActivity(30_000);
    const port = createOfficePort();
    // The first probe block succeeds; then the limit drops below the adapter's 4 MB blocks.
    let first = true;
    const t = port.readTable(
      { kind: "range", name: "Activity", sheet: "Activity", address: "A1:F30001" },
      () => {
        if (first) fake.options.payloadLimit = 400_000;
        first = false;
      },
    );
    const table = await t;
    expect(table.rowCount).toBe(30_000);
    for (const i of [0, 2_000, 2_001, 17_777, 29_999]) expect(table.columns.map((c) => c[i])).toEqual(row(i));
    const rejected = fake.stats.requests.filter((r) => r.error === "ResponsePayloadSizeLimitExceeded");
    expect(rejected.length).toBeGreaterThan(0);
    expect(fake.stats.requests.filter((r) => !r.error).every((r) => r.responseBytes <= 400_000)).toBe(true);
  });

  it("retries after an injected RequestPayloadSizeLimitExceeded on the first block", async () => {
    fake = installFakeExcel();
    putActivity(1_000);
    fake.failNextSync("RequestPayloadSizeLimitExceeded");
    const table = await createOfficePort().readTable({
      kind: "range",
      name: "Activity",
      sheet: "Activity",
      address: "A1:F1001",
    });
    expect(table.rowCount).toBe(1_000);
    expect(table.columns.map((c) => c[999])).toEqual(row(999));
    expect(fake.stats.requests.map((r) => r.error ?? "ok")).toEqual([
      "RequestPayloadSizeLimitExceeded",
      "ok",
      "ok",
    ]);
  });

  it("gives up on other errors instead of retrying", async () => {
    fake = installFakeExcel();
    putActivity(10);
    fake.failNextSync("GeneralException");
    await expect(
      createOfficePort().readTable({ kind: "range", name: "Activity", sheet: "Activity", address: "A1:F11" }),
    ).rejects.toMatchObject({ code: "GeneralException" });
  });

  it("reads blanks as null, error cells as errors, and keeps the table's place on the sheet", async () => {
    fake = installFakeExcel();
    fake.put("Pop", "C3", [
      ["Area", "Sex", "Population"],
      ["A1", "F", 10],
      ["A2", null, "#N/A"],
      [null, null, null],
    ]);
    fake.put("Pop", "C7", [["A3", "M", 5]]);
    const table = await createOfficePort().readTable({
      kind: "range",
      name: "Pop",
      sheet: "Pop",
      address: "C3:E7",
    });
    expect(table.source).toMatchObject({ sheet: "Pop", headerRow: 3, firstColumn: 3 });
    expect(table.columns).toEqual([
      ["A1", "A2", null, "A3"],
      ["F", null, null, "M"],
      [10, { error: "#N/A" }, null, 5],
    ]);
  });

  it("says which table is gone when it was deleted since it was chosen", async () => {
    fake = installFakeExcel();
    const port = createOfficePort();
    await expect(
      port.readTable({ kind: "table", name: "Counts", sheet: "Data", address: "B2:C3" }),
    ).rejects.toThrow('The table "Counts" is no longer in this workbook: choose the data again.');
    await expect(
      port.readTable({ kind: "sheet", name: "Gone", sheet: "Gone", address: "A1:B3" }),
    ).rejects.toThrow('The sheet "Gone" is no longer in this workbook');
  });

  it("reads an Excel table and a defined name at their current extent", async () => {
    fake = installFakeExcel();
    fake.put("Data", "B2", [
      ["Area", "Count"],
      ["X", 1],
      ["Y", 2],
      ["Z", 3],
    ]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.tables.add("B2:C5", true).name = "Counts";
      ctx.workbook.names.add("CountsName", ws.getRange("B2:C4"));
      await ctx.sync();
    });
    const port = createOfficePort();
    const t = await port.readTable({ kind: "table", name: "Counts", sheet: "Data", address: "B2:C3" });
    expect(t.columns).toEqual([
      ["X", "Y", "Z"],
      [1, 2, 3],
    ]);
    expect(t.source).toMatchObject({ name: "Counts", headerRow: 2, firstColumn: 2 });
    const n = await port.readTable({ kind: "name", name: "CountsName", sheet: "Data", address: "B2:C3" });
    expect(n.rowCount).toBe(2);
  });
});
