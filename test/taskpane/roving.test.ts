// The map's arrow keys: the nearest area in the pressed direction, on a hex grid's centres.
import { describe, expect, it } from "vitest";
import { nextSpot } from "../../src/taskpane/pictures/roving";

// Pointy-top hexes 10 px apart in a row; odd rows shifted half a hex right, rows 8.66 px apart.
const grid = [0, 1, 2].flatMap((r) =>
  [0, 1, 2, 3].map((q) => ({ id: `${q},${r}`, x: q * 10 + (r % 2) * 5, y: r * 8.66 })),
);
const at = (id: string) => grid.find((s) => s.id === id)!;
const go = (from: string, key: string) => nextSpot(grid, at(from), key)?.id;

describe("nextSpot", () => {
  it("moves along a row with Left/Right and stops at its ends", () => {
    expect(go("1,0", "ArrowRight")).toBe("2,0");
    expect(go("1,0", "ArrowLeft")).toBe("0,0");
    expect(go("3,0", "ArrowRight")).toBeUndefined();
    expect(go("0,2", "ArrowLeft")).toBeUndefined();
  });
  it("moves to a neighbour in the next row with Up/Down (down = larger y)", () => {
    // From (1,0) at x 10 down to row 1: (0,1) at x 5 and (1,1) at x 15 are equally near; either is a neighbour.
    expect(["0,1", "1,1"]).toContain(go("1,0", "ArrowDown"));
    expect(go("1,1", "ArrowUp")).toMatch(/^[12],0$/);
    expect(go("1,2", "ArrowUp")).toMatch(/^[01],1$/);
    expect(go("1,0", "ArrowUp")).toBeUndefined();
  });
  it("ignores other keys", () => {
    expect(go("1,1", "Enter")).toBeUndefined();
  });
});
