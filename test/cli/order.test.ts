// --order region|input: Annex B's row order reaches the engine's options (and so meta.options).
import { describe, expect, it } from "vitest";
import { UsageError, parseCommandLine } from "../../src/cli/args";

describe("--order", () => {
  it("passes region or input through; default is absent (the report's default: region)", () => {
    expect(parseCommandLine(["run", "x.xlsx", "--order", "input"]).options.areaOrder).toBe("input");
    expect(parseCommandLine(["run", "x.xlsx", "--order=region"]).options.areaOrder).toBe("region");
    expect(parseCommandLine(["run", "x.xlsx"]).options.areaOrder).toBeUndefined();
  });
  it("rejects anything else as a usage error", () => {
    expect(() => parseCommandLine(["run", "x.xlsx", "--order", "name"])).toThrow(UsageError);
    expect(() => parseCommandLine(["run", "x.xlsx", "--order", "name"])).toThrow(/--order/);
  });
});
