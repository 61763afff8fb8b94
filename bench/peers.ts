// The issue-13 figures with their peers, measured in the same run: the whole `stdrates` process
// against the same job (SPEC §3–§4) as DuckDB SQL (bench/peers/job.sql, embedded DuckDB through
// @duckdb/node-api) and as pandas (bench/peers/pandas_job.py on Debian's /usr/bin/python3, with
// pandas.read_excel for the workbook). Each peer's figures are checked against ours (observed,
// expected and standardised rate of every area and measure both have, to 1e-9 relative), so the
// comparison is of the same work. A missing peer is skipped with a message, never a failure.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Timed {
  wall: number;
  cpu: number;
  maxRssMb: number;
  /** What the process wrote to stderr (stdrates' --timings line among it). */
  stderr?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** One process, timed; its last stderr line "maxrss=KB cpu=MS" gives peak memory and CPU time. */
export function spawnTimed(cmd: string, args: string[], cwd: string): Promise<Timed> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, STDRATES_QUIET: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", fail);
    child.on("close", (code) => {
      const wall = performance.now() - t0;
      if (code !== 0) return fail(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${err}`));
      const m = /maxrss=(\d+) cpu=(\d+)/.exec(err);
      done({ wall, cpu: m ? Number(m[2]) : NaN, maxRssMb: m ? Number(m[1]) / 1024 : NaN, stderr: err });
    });
  });
}

/** Medians of `runs` runs (peak memory: the largest). */
export async function timeRuns(runs: number, f: () => Promise<Timed>): Promise<Timed> {
  const all: Timed[] = [];
  for (let i = 0; i < runs; i++) all.push(await f());
  return {
    wall: median(all.map((t) => t.wall)),
    cpu: median(all.map((t) => t.cpu)),
    maxRssMb: Math.max(...all.map((t) => t.maxRssMb)),
  };
}

/** Largest relative difference between a peer's [area, measure, observed, expected, rate] rows and our --json. */
export function worstDifference(oursJson: string, peerRows: string): { worst: number; compared: number } {
  const ours = (
    JSON.parse(readFileSync(oursJson, "utf8")) as {
      areas: { area: string; measure: string; observed: number; expected: number; rate: number }[];
    }
  ).areas;
  const byKey = new Map(ours.map((a) => [`${a.area}\u0000${a.measure}`, a]));
  let worst = 0;
  let compared = 0;
  for (const [area, measure, o, e, r] of JSON.parse(readFileSync(peerRows, "utf8")) as [
    string,
    string,
    number,
    number,
    number,
  ][]) {
    const x = byKey.get(`${area}\u0000${measure}`);
    if (!x) continue;
    compared++;
    for (const [p, q] of [
      [o, x.observed],
      [e, x.expected],
      [r, x.rate],
    ])
      worst = Math.max(worst, Math.abs(p - q) / Math.max(1, Math.abs(q)));
  }
  // Every one of our areas must have been compared: a peer that lost areas is not the same job.
  if (compared < ours.filter((a) => a.observed > 0).length) worst = Infinity;
  return { worst, compared };
}

const PYTHON = "/usr/bin/python3";

/** Why a peer cannot run here, or undefined when it can. */
export async function missingPeer(peer: "duckdb" | "pandas", root: string): Promise<string | undefined> {
  if (peer === "duckdb") {
    try {
      require.resolve("@duckdb/node-api", { paths: [root] });
      return undefined;
    } catch {
      return "@duckdb/node-api is not installed";
    }
  }
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  try {
    await spawnTimed(PYTHON, ["-c", "import pandas, openpyxl"], root);
    return undefined;
  } catch {
    return `${PYTHON} lacks pandas or openpyxl (Debian: apt-get install python3-pandas python3-openpyxl)`;
  }
}

export interface PeerJob {
  name: string;
  /** Inputs: [population.csv, activity.csv] or [book.xlsx]. */
  inputs: string[];
  peer: "duckdb" | "pandas";
}

/** Times a peer on the inputs and checks its figures against ours; a line for the report. */
export async function peerLine(
  job: PeerJob,
  ours: { timed: Timed; json: string },
  o: { root: string; dir: string; runs: number },
): Promise<{ line: string; timed?: Timed }> {
  const why = await missingPeer(job.peer, o.root);
  if (why) return { line: `${job.name}: ${job.peer} skipped — ${why}` };
  const out = join(o.dir, `${job.peer}-rows.json`);
  const run = () =>
    job.peer === "duckdb"
      ? spawnTimed(
          process.execPath,
          [join(o.root, "bench", "peers", "duckdb-job.cjs"), ...job.inputs, out],
          o.root,
        )
      : spawnTimed(PYTHON, [join(o.root, "bench", "peers", "pandas_job.py"), out, ...job.inputs], o.root);
  const timed = await timeRuns(o.runs, run);
  const { worst, compared } = worstDifference(ours.json, out);
  const same =
    worst <= 1e-9
      ? `same figures (${compared} areas × measures, worst ${worst.toExponential(1)})`
      : `DIFFERENT FIGURES (worst ${worst})`;
  return {
    timed,
    line: `${job.name}: ${job.peer} ${ms(timed.wall)} ms (${ms(timed.cpu)} cpu, ${timed.maxRssMb.toFixed(0)} MB) vs stdrates ${ms(ours.timed.wall)} ms (${ms(ours.timed.cpu)} cpu, ${ours.timed.maxRssMb.toFixed(0)} MB): ${(timed.wall / ours.timed.wall).toFixed(2)}× as fast by wall time, ${(timed.cpu / ours.timed.cpu).toFixed(2)}× by cpu — ${same}`,
  };
}
