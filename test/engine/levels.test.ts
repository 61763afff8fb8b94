// readColumnCodes takes shortcuts (runs, cycles, a memo): it must give exactly what decoding every
// cell on its own gives, and the same column hash as a plain pass.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnHash } from "../../src/engine/hash";
import { readColumnCodes } from "../../src/engine/levels";
import type { CellValue } from "../../src/engine";

const cell = fc.oneof(
  fc.constantFrom<CellValue>("F", "M", "X-ray", "CT Scan", "MRI", "", null, 1, 2, 2.5, true),
  fc.constantFrom("#N/A", "#DIV/0!").map((e): CellValue => ({ error: e })),
);

describe("readColumnCodes", () => {
  it("equals per-cell decoding and the plain column hash, whatever the runs and cycles", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), (base, reps) => {
        const col = Array.from({ length: reps }, () => base).flat(); // cycles of the base sequence
        const key = (v: CellValue) =>
          v !== null && typeof v === "object" ? `E${v.error}` : `${typeof v}:${String(v)}`;
        const ids = new Map<string, number>();
        const decode = (v: CellValue) => {
          const k = key(v);
          if (!ids.has(k)) ids.set(k, ids.size);
          return ids.get(k)!;
        };
        const out = new Int32Array(col.length);
        const h = readColumnCodes(col, col.length, decode, out);
        expect([...out]).toEqual(col.map((v) => ids.get(key(v))));
        expect(h).toBe(columnHash(col, col.length));
      }),
      { numRuns: 200 },
    );
  });

  it("decodes each distinct value once, and each Excel error at its own row", () => {
    const col: CellValue[] = ["a", "b", "a", "b", { error: "#N/A" }, "a", { error: "#N/A" }];
    const calls: [CellValue, number][] = [];
    readColumnCodes(col, col.length, (v, i) => (calls.push([v, i]), 0), new Int32Array(col.length));
    expect(calls.map(([, i]) => i)).toEqual([0, 1, 4, 6]);
  });
});
