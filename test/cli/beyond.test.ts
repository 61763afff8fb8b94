// The command line's flags beyond the publication (SPEC §4b, §11, §12), through the real process:
// --verdicts, --direct [esp2013|FILE] and --suppress-below, and the §9 JSON fields they add.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "./helpers";
import { OD_FIELDS } from "../support/area-fields";

const SAMPLE = ["--population", "assets/sample/population.csv", "--activity", "assets/sample/activity.csv"];
const fixture = (name: string) => readFileSync(join(ROOT, "test", "fixtures", "phe", name), "utf8");

describe("stdrates run beyond the publication", () => {
  it("--json always carries the overdispersion fields; with all three flags, direct[] and suppressed rows", async () => {
    const r = await runCli([
      "run",
      ...SAMPLE,
      "--verdicts",
      "overdispersed",
      "--direct",
      "--suppress-below",
      "200",
      "--json",
      "-",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual([
      "multiplier",
      "measures",
      "national",
      "areas",
      "summaries",
      "ratios",
      "overdispersion",
      "direct",
      "directNational",
      "exclusions",
      "warnings",
      "meta",
    ]);
    expect(j.overdispersion).toHaveLength(14);
    expect(Object.keys(j.overdispersion[0])).toEqual(["measure", "phi", "tau2", "n"]);
    const keys = Object.keys(j.areas[0]);
    for (const f of [...OD_FIELDS, "suppressed"]) expect(keys).toContain(f);
    const hidden = j.areas.filter((a: { suppressed: boolean }) => a.suppressed);
    expect(hidden).toHaveLength(5);
    for (const a of hidden) {
      expect(a.observed).toBeNull();
      expect(a.lower998OD).toBeNull();
      expect(a.vsNational998OD).toBeNull();
    }
    expect(j.direct).toHaveLength(42 * 14);
    expect(Object.keys(j.directNational[0])).toEqual([
      "measure",
      "observed",
      "population",
      "rate",
      "lower95",
      "upper95",
      "lower998",
      "upper998",
    ]);
    expect(j.meta.verdicts).toBe("overdispersed");
    expect(j.meta.directStandard).toBe("European Standard Population 2013");
  });

  it("--direct FILE: PHEindicatormethods' ESP 1976 case from CSV files, to 1e-9", async () => {
    const dir = tempDir();
    const rows = fixture("dsr-1976.csv")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    writeFileSync(
      join(dir, "pop.csv"),
      "Area,Age band,Population\n" + rows.map((r) => `T,${r[0]},${r[2]}`).join("\n"),
    );
    writeFileSync(
      join(dir, "act.csv"),
      "Area,Age band,Count\n" + rows.map((r) => `T,${r[0]},${r[1]}`).join("\n"),
    );
    writeFileSync(
      join(dir, "esp1976.csv"),
      "Age band,Population\n" + rows.map((r) => `${r[0]},${r[3]}`).join("\n"),
    );
    const r = await runCli(
      [
        "run",
        "--population",
        "pop.csv",
        "--activity",
        "act.csv",
        "--direct",
        "esp1976.csv",
        "--multiplier",
        "100000",
        "--json",
        "-",
      ],
      dir,
    );
    expect(r.stderr).toBe("");
    const d = JSON.parse(r.stdout).direct[0];
    // testresults_DSR row 8 (testdata_1976, per 100,000), columns 2:6.
    expect(Math.abs(d.rate / 8592.097585022366 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(d.lower95 / 7991.160931442103 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(d.upper95 / 9225.253880318318 - 1)).toBeLessThan(1e-9);
  });

  it("bad values are usage errors (exit 2)", async () => {
    for (const args of [
      ["--verdicts", "robust"],
      ["--suppress-below", "-3"],
      ["--suppress-below", "many"],
    ]) {
      const r = await runCli(["run", ...SAMPLE, ...args, "-q"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--verdicts|--suppress-below/);
    }
  });

  it("the summary says which verdicts mark Annex B and how many rows were suppressed", async () => {
    const r = await runCli(["run", ...SAMPLE, "--suppress-below", "200"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Annex B marks the published Poisson verdicts/);
    expect(r.stdout).toMatch(/Suppressed: 5 area × measure rows \(counts below 200/);
  });
});
