// --order region|input: Annex B's row order reaches the engine's options (and so meta.options).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers";
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

describe("stdrates run --order (the real command)", () => {
  const SAMPLE = ["--population", "assets/sample/population.csv", "--activity", "assets/sample/activity.csv"];
  /** Column A of Annex B's area rows in the written workbook. */
  async function annexCodes(args: string[]): Promise<string[]> {
    const out = join(tempDir(), "out.xlsx");
    const r = await runCli(["run", ...SAMPLE, "--out", out, "-q", ...args]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Annex B")!;
    const codes: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === "string" && /^Q[A-Z0-9]{2}$/.test(v)) codes.push(v);
    });
    return codes;
  }
  it(
    "writes Annex B by region by default and in the table's order with --order input",
    { timeout: 120_000 },
    async () => {
      const input = [
        ...new Set(
          readFileSync("assets/sample/population.csv", "utf8")
            .trim()
            .split("\n")
            .slice(1)
            .map((l) => l.split(",")[0]),
        ),
      ];
      expect(await annexCodes(["--order", "input"])).toEqual(input);
      const byRegion = await annexCodes([]);
      expect([...byRegion].sort()).toEqual([...input].sort());
      expect(byRegion).not.toEqual(input);
      // London's five in one block.
      const london = ["QKK", "QMF", "QMJ", "QRV", "QWE"]
        .map((c) => byRegion.indexOf(c))
        .sort((a, b) => a - b);
      expect(london[4] - london[0]).toBe(4);
    },
  );
});
