// SPEC §1b on a corpus of messy and hostile inputs (cases.ts): every case either gives the clean
// input's figures to 1e-9 (read as meant) or exits 2 with a message naming sheet, row and column.
// "Exit 0 with different numbers" fails every case. Each run goes through the command line's own
// entry (main), and every file in the case's folder is byte-identical afterwards (sha256).
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { CASES, type Case } from "./cases";
import { clean, csvText, writeText } from "./files";

interface Outcome {
  code: number;
  err: string;
  json?: Figures & Record<string, unknown>;
}

interface Figures {
  national: Record<string, unknown>[];
  areas: Record<string, unknown>[];
  ratios: Record<string, unknown>[];
  summaries: Record<string, unknown>[];
}

const root = mkdtempSync(join(tmpdir(), "stdrates-corpus-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isFile()) out.set(f, createHash("sha256").update(readFileSync(p)).digest("hex"));
  }
  return out;
}

async function runIn(dir: string, args: string[], own = false): Promise<Outcome> {
  let err = "";
  const json = join(dir, "results.json");
  const code = await main(["run", ...args, ...(own ? [] : ["--json", json]), "-q"], {
    out: () => {},
    err: (s) => (err += s),
  });
  const ok = code === 0 && !own;
  return { code, err, ...(ok ? { json: JSON.parse(readFileSync(json, "utf8")) } : {}) };
}

/** Every number of the figures within 1e-9 (relative), every text and verdict equal. */
function expectSameFigures(actual: Figures, expected: Figures): void {
  const walk = (a: unknown, e: unknown, path: string): void => {
    if (typeof e === "number" && typeof a === "number") {
      if (Math.abs(a - e) > 1e-9 * Math.max(1, Math.abs(e))) throw new Error(`${path}: ${a} ≠ ${e}`);
      return;
    }
    if (e !== null && typeof e === "object") {
      if (a === null || typeof a !== "object") throw new Error(`${path}: ${JSON.stringify(a)} ≠ object`);
      const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
      for (const k of keys)
        walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    // Area codes are the population table's own spelling ("e1" matches "E1", SPEC §1b).
    const norm = (x: unknown) =>
      path.endsWith(".area") && typeof x === "string" ? x.trim().toUpperCase() : x;
    if (norm(a) !== norm(e)) throw new Error(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`);
  };
  for (const k of ["national", "areas", "ratios", "summaries"] as const) walk(actual[k], expected[k], k);
}

let cleanFigures: Figures & Record<string, unknown>;
beforeAll(async () => {
  const dir = mkdtempSync(join(root, "clean-"));
  const c = clean();
  const r = await runIn(dir, [
    "--population",
    writeText(dir, "pop.csv", csvText(c.population)),
    "--activity",
    writeText(dir, "act.csv", csvText(c.activity)),
  ]);
  expect(r.code).toBe(0);
  cleanFigures = r.json!;
  // The clean data are clean: nothing excluded, no warning.
  expect(cleanFigures.warnings).toEqual([]);
}, 60_000);

describe("corpus of messy and hostile inputs (SPEC §1b)", () => {
  it("has at least 60 cases, with unique names", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as [string, Case]))(
    "%s",
    async (_name, c) => {
      const dir = mkdtempSync(join(root, "case-"));
      const args = await c.make(dir);
      const before = hashes(dir);
      const got = await runIn(dir, args, c.ownOutputs);
      // Inputs (and anything else in the folder) untouched, whatever happened.
      const after = hashes(dir);
      for (const [f, h] of before) expect(after.get(f), `${f} changed`).toBe(h);

      const o = c.outcome;
      if (o.kind === "refused") {
        expect(got.code, `expected exit 2, got ${got.code}: ${got.err}`).toBe(2);
        expect(got.err.split("\n").filter(Boolean)).toHaveLength(1);
        expect(got.err).toMatch(o.message);
        if (o.sheet) expect(got.err).toContain(`sheet ${o.sheet}`);
        if (o.row !== undefined) expect(got.err).toContain(`row ${o.row}`);
        if (o.column) expect(got.err).toMatch(new RegExp(`column ${o.column}\\b`));
        return;
      }
      expect(got.code, got.err).toBe(0);
      let expected = cleanFigures;
      if (o.oracle) {
        const odir = mkdtempSync(join(root, "oracle-"));
        const r = await runIn(odir, await o.oracle(odir));
        expect(r.code, r.err).toBe(0);
        expected = r.json!;
      }
      expectSameFigures(got.json!, expected);
      if (o.warning) {
        const messages = (got.json!.warnings as { message: string }[]).map((w) => w.message);
        expect(
          messages.some((m) => o.warning!.test(m)),
          messages.join("\n"),
        ).toBe(true);
      }
      o.check?.(got.json as never);
    },
    60_000,
  );
});
