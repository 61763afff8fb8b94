// No import cycles in src/, between files or between layers (report ↔ charts, report ↔ validate and
// workbook/xlsx → workbook/office were cycles once: a layer must be understandable without its users).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { cycles, importGraph, layerGraph } from "./import-graph";

const ROOT = join(__dirname, "..", "..");

describe("import graph", () => {
  const files = importGraph(ROOT);

  it("reads the imports (a known edge is there)", () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.get(join("src", "engine", "run.ts"))).toContain(join("src", "engine", "version.ts"));
  });

  it("finds a cycle when there is one (the checker can fail)", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(cycles(g)).toEqual([["a", "b", "c", "a"]]);
    expect(
      cycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("has no cycle between files", () => {
    expect(cycles(files)).toEqual([]);
  });

  it("has no cycle between layers", () => {
    expect(cycles(layerGraph(files))).toEqual([]);
  });

  it("keeps the .xlsx adapter off the office.js adapter", () => {
    expect(layerGraph(files).get("workbook/xlsx")).not.toContain("workbook/office");
  });
});
