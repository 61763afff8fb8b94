// Shared by the Live tests on the fake Excel: the shipped sample as sheet rows, results without
// their timestamp, and "every value cell of every output sheet holds what the plan says".
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { Results } from "../../src/engine/types";
import type { Plan } from "../../src/report/plan";
import { cellKey, type FakeExcel } from "../fakes/excel";

export const csv = (f: string): (string | number | null)[][] =>
  readFileSync(join(__dirname, "../../assets/sample", f), "utf8")
    .replace(/\r/g, "")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split(",").map((c) => (c === "" ? null : /^\d+$/.test(c) ? Number(c) : c)));

export const strip = (r: Results) => ({ ...r, meta: { ...r.meta, createdAt: "" } });

/** Every value cell of every output sheet holds what the plan says. */
export function expectPlanCells(fake: FakeExcel, plan: Plan): void {
  for (const sheet of plan.sheets) {
    const model = fake.model.sheets.find((s) => s.name === sheet.name && !s.deleted)!;
    expect(model, sheet.name).toBeDefined();
    const bad: string[] = [];
    for (const b of sheet.blocks) {
      b.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = model.cells.get(cellKey(b.row + r, b.col + c));
          const got = cell?.value ?? null;
          const want = typeof v === "number" && !Number.isFinite(v) ? null : v === "" ? null : v;
          if (got !== want && !(got === "" && want === null))
            bad.push(`${sheet.name}!R${b.row + r + 1}C${b.col + c + 1}: ${String(got)} ≠ ${String(want)}`);
        }),
      );
    }
    expect(bad.slice(0, 5)).toEqual([]);
  }
}
