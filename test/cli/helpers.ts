// Shared by the CLI tests: spawn the real command (node bin/stdrates.cjs) and build small inputs.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AGE_BANDS } from "../support/age-bands";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(ROOT, "bin", "stdrates.cjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/stdrates.cjs ARGS` in `cwd` and collects its output. */
export function runCli(
  args: string[],
  cwd: string = ROOT,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, STDRATES_DEBUG: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

export function tempDir(prefix = "stdrates-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const AGES = AGE_BANDS;
export const SEXES = ["Female", "Male"];
export const AREAS = [
  ["E1", "North ICB"],
  ["E2", "Middle ICB"],
  ["E3", "South ICB"],
];
export const MEASURES = ["X-ray", "MRI"];

/** A small, complete sex × age × IMD data set with whole, deterministic numbers. */
export function tinyData(): { population: (string | number)[][]; activity: (string | number)[][] } {
  const population: (string | number)[][] = [
    ["ICB code", "ICB name", "Sex", "Age band", "IMD quintile", "Population"],
  ];
  const activity: (string | number)[][] = [
    ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"],
  ];
  AREAS.forEach(([code, name], a) =>
    SEXES.forEach((sex, s) =>
      AGES.forEach((age, g) => {
        for (let q = 1; q <= 5; q++) {
          const pop = 200 + 37 * a + 13 * s + 7 * g + 11 * q;
          population.push([code, name, sex, age, q, pop]);
          MEASURES.forEach((m, k) =>
            activity.push([
              code,
              sex,
              age,
              q,
              m,
              Math.floor((pop * (5 + g + 2 * s + q + 3 * a + 4 * k)) / 100),
            ]),
          );
        }
      }),
    ),
  );
  return { population, activity };
}

/** CSV text of rows (no field here needs quotes). */
export function csv(rows: (string | number | null)[][]): string {
  return rows.map((r) => r.map((v) => (v === null ? "" : String(v))).join(",")).join("\n") + "\n";
}

export function writeCsv(dir: string, name: string, rows: (string | number | null)[][]): string {
  const file = join(dir, name);
  writeFileSync(file, csv(rows));
  return file;
}
