// The validate command's pieces, in process: --tolerance values and the lines it prints.
import { describe, expect, it } from "vitest";
import { figureLine, parseTolerance } from "../../src/cli/validate";
import type { Figure } from "../../src/validate";

describe("--tolerance", () => {
  it.each([
    ["0.5", 0.5],
    ["3", 3],
    [".05", 0.05],
    ["0.1%", { relative: 0.001 }],
    [" 2 % ", { relative: 0.02 }],
  ])("%s", (text, want) => {
    const got = parseTolerance(text);
    if (typeof want === "number") expect(got).toBe(want);
    else expect((got as { relative: number }).relative).toBeCloseTo(want.relative, 15);
  });

  it.each(["", "abc", "-1", "1e3", "0.5.1"])("%j is refused", (text) => {
    expect(() => parseTolerance(text)).toThrow(/--tolerance must be/);
  });
});

describe("disagreement lines", () => {
  const base: Figure = {
    sheet: "Annex B",
    cell: "D10",
    table: "areas",
    quantity: "rate",
    area: "QKK",
    areaName: "NHS South East London ICB",
    measure: "X-ray",
    heading: "X-rays",
    published: 3672,
    computed: 3670.25,
    difference: 1.75,
    relativeDifference: 1.75 / 3670.25,
    decimals: 0,
    tolerance: 0.5,
    toleranceFrom: "format",
    agree: false,
  };

  it("say where, what and both values", () => {
    expect(figureLine(base)).toBe(
      "  Annex B!D10  QKK, X-ray: published 3,672, computed 3,670.25 (difference 1.75, 0.05%)\n",
    );
  });

  it("name the stars when they differ", () => {
    const f: Figure = {
      ...base,
      table: "ratios",
      quantity: "ratio",
      area: "",
      factor: "sex",
      level: "Male",
      published: 0.8,
      computed: 0.8012,
      difference: -0.0012,
      relativeDifference: -0.0012 / 0.8012,
      decimals: 2,
      publishedStars: "**",
      computedStars: "***",
    };
    expect(figureLine(f)).toBe(
      "  Annex B!D10  sex Male, X-ray: published 0.80, computed 0.8012 (difference -0.0012, -0.15%, stars ** vs ***)\n",
    );
  });
});
