// `stdrates run --scenario FILE.json` end to end: the real command, a scenario file with a
// reference table beside it, the workbook read back.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkbookGrids } from "../../src/workbook/xlsx/read";
import { ROOT, runCli, tempDir } from "../cli/helpers";

const SAMPLE = join(ROOT, "assets", "sample");

describe("stdrates run --scenario", () => {
  it("writes the Scenario sheet and says how many verdicts changed", async () => {
    const dir = tempDir();
    const file = join(dir, "nenc.json");
    writeFileSync(
      file,
      JSON.stringify({ name: "QHM +25%", adjustments: [{ type: "scale", area: "QHM", percent: 25 }] }),
    );
    const out = join(dir, "out.xlsx");
    const json = join(dir, "out.json");
    const r = await runCli([
      "run",
      "--population",
      join(SAMPLE, "population.csv"),
      "--activity",
      join(SAMPLE, "activity.csv"),
      "--scenario",
      file,
      "--out",
      out,
      "--json",
      json,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const m = /Scenario "QHM \+25%": (\d+) of (\d+) area × measure verdicts changed/.exec(r.stdout);
    expect(m).not.toBeNull();
    const results = JSON.parse(readFileSync(json, "utf8"));
    expect(Number(m![2])).toBe(results.areas.length);
    const grids = await readWorkbookGrids(readFileSync(out));
    const sheet = grids.find((g) => g.name === "Scenario")!;
    expect(sheet).toBeDefined();
    expect(sheet.grid[0][0]).toBe("Scenario: QHM +25%");
    const header = sheet.grid.findIndex((row) => row[0] === "Area code");
    const rows = sheet.grid.slice(header + 1).filter((row) => row[0] !== null && row[0] !== undefined);
    expect(rows).toHaveLength(results.areas.length);
    expect(rows.filter((row) => row[9] === "YES")).toHaveLength(Number(m![1]));
    // QHM's scenario counts are its baseline's × 1.25; the JSON is the scenario's.
    const qhm = rows.find((row) => row[0] === "QHM" && row[2] === results.measures[0])!;
    expect(qhm[4]).toBeCloseTo(
      results.areas.find(
        (a: { area: string; measure: string }) => a.area === "QHM" && a.measure === results.measures[0],
      ).rate,
      9,
    );
  }, 120_000);

  it("a bad scenario is bad input (exit 2, one line)", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ name: "x", adjustments: [{ type: "exclude", area: "NOWHERE" }] }));
    const r = await runCli([
      "run",
      "--population",
      join(SAMPLE, "population.csv"),
      "--activity",
      join(SAMPLE, "activity.csv"),
      "--scenario",
      file,
      "--quiet",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^stdrates: Scenario "x": the area "NOWHERE" is not in the population table\.\n$/,
    );
  }, 60_000);
});
