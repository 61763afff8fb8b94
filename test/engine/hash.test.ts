// The content hash in meta.tables: computed while reading, it must equal a plain pass over the table,
// and any change of a cell, a header or the row order must change it.
import { describe, expect, it } from "vitest";
import { run, type CellValue } from "../../src/engine";
import { hashTable } from "../../src/engine/hash";
import { table } from "./helpers";

const popRows: CellValue[][] = [
  ["A", "Area A", "F", "0-4", 1, 100],
  ["A", "Area A", "M", "0-4", 1, 120],
  ["B", null, "F", "0-4", 1, 90],
  ["B", "Area B", "M", "0-4", 1, 80.5],
];
const actRows: CellValue[][] = [
  ["A", "F", "0-4", 1, "X", 3],
  ["A", "M", "0-4", 1, "X", 4],
  ["B", "F", "0-4", 1, "X", null],
  ["B", "M", "0-4", 1, "Y", 2],
  ["C", "M", "0-4", 1, "Y", 2],
];
const mk = (p = popRows, a = actRows) => ({
  population: table(["ICB code", "ICB name", "Sex", "Age band", "IMD", "Population"], p),
  activity: table(["ICB code", "Sex", "Age band", "IMD", "Measure", "Count"], a),
});

describe("table content hash", () => {
  it("equals the standalone hash of each table (long and wide)", () => {
    const inp = mk();
    const r = run(inp);
    expect(r.meta.tables.map((t) => t.hash)).toEqual([hashTable(inp.population), hashTable(inp.activity)]);
    const wide = table(
      ["ICB code", "Sex", "Age band", "IMD", "X", "Y"],
      [
        ["A", "F", "0-4", 1, 1, 2],
        ["B", "M", "0-4", 1, 3, null],
      ],
    );
    const r2 = run({ population: inp.population, activity: wide });
    expect(r2.meta.tables[1].hash).toBe(hashTable(wide));
  });

  it("with a measure filter (rows skipped) it still covers every cell", () => {
    const inp = mk();
    expect(run(inp, { measures: ["Y"] }).meta.tables[1].hash).toBe(hashTable(inp.activity));
  });

  it("changes with any cell, header or order", () => {
    const base = hashTable(mk().activity);
    const changed = actRows.map((r) => r.slice());
    changed[2][5] = 0; // blank → 0
    expect(hashTable(mk(popRows, changed).activity)).not.toBe(base);
    expect(hashTable(mk(popRows, [actRows[1], actRows[0], ...actRows.slice(2)]).activity)).not.toBe(base);
    const t = mk().activity;
    expect(hashTable({ ...t, headers: [...t.headers.slice(0, 5), "Tests"] })).not.toBe(base);
    const numText = actRows.map((r) => r.slice());
    numText[0][5] = "3";
    expect(hashTable(mk(popRows, numText).activity)).not.toBe(base);
  });
});
