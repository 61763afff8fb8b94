// `npm run bench`: the engine (warm, in process) and the whole `stdrates run` process (spawned on
// CSV files) at DID scale, at 10× the areas and at 1,048,576 activity rows. Prints medians, time
// per row (linearity) and peak memory against the issue's targets, then the issue-13 figures with
// their peers (peers.ts). Numbers, not a timed test. The process is the esbuild bundle, as users
// run it (built first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run } from "../src/engine";
import type { RunInput } from "../src/engine/types";
import { readCsv } from "../src/workbook/csv";
import { type CsvPair, loadSample, replicate } from "./scale";
import { liveBench } from "./live";
import { recordsBench } from "./records";
import { beyondBench } from "./beyond";
import { peerLine, spawnTimed, timeRuns } from "./peers";
import { previewOpenBench } from "./preview";
import { readerBench } from "./readers";
import { sheetViewBench } from "./sheet-view";

const ROOT = resolve(__dirname, "..");
const EXCEL_ROWS = 1_048_576;
const PANDAS_1M_MS = 3500; // the issue's pandas script on these machines
const quick = process.argv.includes("--quick");
/** `npm run bench -- --issue13`: only the issue-13 figures with their peers (a few minutes, not ten). */
const issue13Only = process.argv.includes("--issue13");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Wall and CPU milliseconds of f (CPU time is what a busy machine cannot inflate much). */
function time(f: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

interface ProcessRun {
  wall: number;
  cpu: number;
  maxRssMb: number;
  timings: string;
}

/** The whole stdrates process (the bundle, via child.cjs), with its --timings line. */
async function spawnRun(args: string[]): Promise<ProcessRun> {
  const t = await spawnTimed(process.execPath, [join(ROOT, "bench", "child.cjs"), ...args], ROOT);
  return { ...t, timings: /timings: (.*)/.exec(t.stderr ?? "")?.[1] ?? "" };
}

async function main(): Promise<void> {
  const sample = loadSample(ROOT);
  const sizes: CsvPair[] = [
    replicate(sample, 1, "DID scale (sample)"),
    replicate(sample, 10, "10x areas"),
    replicate(sample, 10, "1,048,576 rows", EXCEL_ROWS),
  ];
  const dir = mkdtempSync(join(tmpdir(), "stdrates-bench-"));
  spawnSync(process.execPath, [join(ROOT, "scripts", "build-cli.cjs")], { stdio: "inherit" });
  if (issue13Only) {
    try {
      const [did, million] = [sizes[0], sizes[2]].map((size) => {
        const f = {
          population: join(dir, `pop-${size.areas}.csv`),
          activity: join(dir, `act-${size.activityRows}.csv`),
        };
        writeFileSync(f.population, size.population);
        writeFileSync(f.activity, size.activity);
        return f;
      });
      const lines = await issue13Figures(dir, did, million, quick);
      console.log(
        `\nstdrates bench --issue13 — node ${process.version}, ${cpus().length} cores, load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(" ")}, ${new Date().toISOString()}`,
      );
      for (const l of lines) console.log(l);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const files: { population: string; activity: string }[] = [];
  const peerLines: string[] = [];
  const rows: string[][] = [];
  const perRow: number[] = [];
  const processPerRow: number[] = [];
  let millionWall = NaN;
  let millionCpu = NaN;
  let millionRss = NaN;
  let didCompute = NaN;
  try {
    for (const size of sizes) {
      process.stderr.write(
        `bench: ${size.label}: ${size.activityRows.toLocaleString("en-GB")} activity rows, ${size.areas} areas…\n`,
      );
      // Read path, in process.
      let input: RunInput | undefined;
      const reads: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        reads.push(
          time(() => {
            input = {
              population: readCsv(size.population, "population.csv"),
              activity: readCsv(size.activity, "activity.csv"),
            };
          }),
        );
      }
      // The engine, warm: two runs to compile, then the median of the rest.
      const big = size.activityRows > 200_000;
      const repeats = quick ? 3 : big ? 7 : 21;
      for (let i = 0; i < 2; i++) run(input!);
      const computes: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < repeats; i++) computes.push(time(() => run(input!)));
      const compute = median(computes.map((x) => x.wall));
      const computeCpu = median(computes.map((x) => x.cpu));
      perRow.push(compute / size.activityRows);
      input = undefined;

      // The whole process on CSV files.
      const pop = join(dir, `pop-${size.areas}.csv`);
      const act = join(dir, `act-${size.activityRows}.csv`);
      writeFileSync(pop, size.population);
      writeFileSync(act, size.activity);
      files.push({ population: pop, activity: act });
      const procs: ProcessRun[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        procs.push(
          await spawnRun([
            "run",
            "--population",
            pop,
            "--activity",
            act,
            "--json",
            join(dir, "out.json"),
            "--timings",
            "-q",
          ]),
        );
      }
      const wall = median(procs.map((p) => p.wall));
      const cpu = median(procs.map((p) => p.cpu));
      const rss = Math.max(...procs.map((p) => p.maxRssMb));
      processPerRow.push(wall / size.activityRows);
      if (size.activityRows === EXCEL_ROWS) {
        millionWall = wall;
        millionCpu = cpu;
        millionRss = rss;
      }
      if (size === sizes[0]) didCompute = compute;
      const mid = procs.slice().sort((a, b) => a.wall - b.wall)[procs.length >> 1];
      rows.push([
        size.label,
        size.activityRows.toLocaleString("en-GB"),
        String(size.areas),
        `${ms(median(reads.map((x) => x.wall)))} / ${ms(median(reads.map((x) => x.cpu)))}`,
        `${ms(compute)} / ${ms(computeCpu)}`,
        ((compute / size.activityRows) * 1e6).toFixed(0),
        `${ms(wall)} / ${ms(cpu)}`,
        rss.toFixed(0),
        mid.timings,
      ]);
    }
    process.stderr.write("bench: against the peers…\n");
    peerLines.push(...(await issue13Figures(dir, files[0], files[files.length - 1], quick)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const head = [
    "size",
    "activity rows",
    "areas",
    "CSV read ms wall/cpu",
    "engine ms warm wall/cpu",
    "engine ns/row",
    "process ms wall/cpu",
    "peak MB",
    "process --timings (ms)",
  ];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) =>
    r.map((c, j) => (j === 0 || j === 8 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  console.log(
    `\nstdrates bench — node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}, ${new Date().toISOString()}`,
  );
  console.log("(medians; cpu = user+system time, which a busy machine inflates far less than wall time)");
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log("");
  console.log(
    `linearity, engine time per row vs DID scale: ${perRow.map((x) => (x / perRow[0]).toFixed(2)).join(" : ")}`,
  );
  console.log(
    `linearity, process time per row vs DID scale: ${processPerRow.map((x) => (x / processPerRow[0]).toFixed(2)).join(" : ")} (fixed start-up cost dominates small inputs)`,
  );
  const did = didCompute;
  console.log(`target: engine ≤ 30 ms warm at DID scale — ${ms(did)} ms ${did <= 30 ? "MET" : "NOT MET"}`);
  console.log(
    `target: process ≤ 2,000 ms at 1,048,576 rows — ${ms(millionWall)} ms wall (${ms(millionCpu)} ms cpu) ${millionWall <= 2000 ? "MET" : "NOT MET"}`,
  );
  console.log(
    `target: ≤ 500 MB at 1,048,576 rows — ${millionRss.toFixed(0)} MB ${millionRss <= 500 ? "MET" : "NOT MET"}`,
  );
  for (const l of liveBench(sample, quick ? 11 : 41)) console.log(l);
  const recordsDir = mkdtempSync(join(tmpdir(), "stdrates-bench-records-"));
  try {
    for (const l of await recordsBench({ root: ROOT, dir: recordsDir, quick, spawnRun })) console.log(l);
  } finally {
    rmSync(recordsDir, { recursive: true, force: true });
  }
  for (const l of await beyondDid(sample)) console.log(l);
  for (const l of await readerBench(ROOT, quick)) console.log(l);
  console.log(
    `vs pandas (${PANDAS_1M_MS} ms at 1M rows): ${(PANDAS_1M_MS / millionWall).toFixed(2)}× as fast by wall time (target ≥ 2×)`,
  );
  for (const l of peerLines) console.log(l);
}

/** The whole stdrates process on `args`, quiet. */
const stdrates = (args: string[]) => spawnRun([...args, "-q"]);

/**
 * Issue 13's targets, each with its peer in this run: workbook in → results out at DID scale
 * (pandas.read_excel + the job), CSV in → the Annex B workbook with pictures out, and 1M activity
 * rows from CSV to results (DuckDB SQL and pandas).
 */
async function issue13Figures(
  dir: string,
  did: { population: string; activity: string },
  million: { population: string; activity: string },
  quick: boolean,
): Promise<string[]> {
  const runs = quick ? 1 : 5;
  const lines: string[] = ["", "issue 13 — where users wait, with peers measured now:"];
  const o = { root: ROOT, dir, runs: quick ? 1 : 3 };
  const book = join(ROOT, "assets", "sample", "sample.xlsx");
  const bookJson = join(dir, "book.json");
  const bookRun = await timeRuns(runs, () => stdrates(["run", book, "--json", bookJson]));
  lines.push(
    `target: workbook → results at DID scale ≤ 1,000 ms — ${ms(bookRun.wall)} ms wall (${ms(bookRun.cpu)} cpu, ${bookRun.maxRssMb.toFixed(0)} MB) ${bookRun.wall <= 1000 ? "MET" : "NOT MET"}`,
  );
  const pandasBook = await peerLine(
    { name: "workbook → results", inputs: [book], peer: "pandas" },
    { timed: bookRun, json: bookJson },
    o,
  );
  lines.push(pandasBook.line);
  if (pandasBook.timed) {
    const x = pandasBook.timed.wall / bookRun.wall;
    lines.push(`target: ≥ 10× pandas.read_excel + the job — ${x.toFixed(1)}× ${x >= 10 ? "MET" : "NOT MET"}`);
  }
  const out = await timeRuns(quick ? 1 : 3, () =>
    stdrates([
      "run",
      "--population",
      did.population,
      "--activity",
      did.activity,
      "--out",
      join(dir, "annex-b.xlsx"),
    ]),
  );
  lines.push(
    `target: CSV → Annex B workbook with its pictures (run --out) ≤ 2,000 ms — ${ms(out.wall)} ms wall (${ms(out.cpu)} cpu incl. workers, ${out.maxRssMb.toFixed(0)} MB) ${out.wall <= 2000 ? "MET" : "NOT MET"}`,
  );
  const millionJson = join(dir, "million.json");
  const ours = await timeRuns(o.runs, () =>
    stdrates([
      "run",
      "--population",
      million.population,
      "--activity",
      million.activity,
      "--json",
      millionJson,
    ]),
  );
  const inputs = [million.population, million.activity];
  const duck = await peerLine(
    { name: "1M rows CSV → results", inputs, peer: "duckdb" },
    { timed: ours, json: millionJson },
    o,
  );
  lines.push(duck.line);
  if (duck.timed) {
    const x = duck.timed.wall / ours.wall;
    const fits = ours.maxRssMb <= 300;
    lines.push(
      `target: 1M rows ≥ 2× DuckDB within 300 MB — ${x.toFixed(2)}×, ${ours.maxRssMb.toFixed(0)} MB ${x >= 2 && fits ? "MET" : "NOT MET"}`,
    );
  }
  lines.push(
    (
      await peerLine(
        { name: "1M rows CSV → results", inputs, peer: "pandas" },
        { timed: ours, json: millionJson },
        o,
      )
    ).line,
  );
  lines.push(await previewOpenBench(ROOT, quick ? 1 : 3));
  lines.push(await sheetViewBench(ROOT, quick ? 1 : 5));
  return lines;
}

/** Issue 12: the whole run at DID scale with the three options beyond the publication on, against off. */
async function beyondDid(sample: { population: string; activity: string }): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "stdrates-bench-beyond-"));
  try {
    const pop = join(dir, "population.csv");
    const act = join(dir, "activity.csv");
    writeFileSync(pop, sample.population);
    writeFileSync(act, sample.activity);
    const input = {
      population: readCsv(sample.population, "population.csv"),
      activity: readCsv(sample.activity, "activity.csv"),
    };
    const out = ["--json", join(dir, "out.json"), "--out", join(dir, "out.xlsx"), "-q"];
    return await beyondBench(
      input,
      (extra) => spawnRun(["run", "--population", pop, "--activity", act, ...out, ...extra]),
      {
        engine: quick ? 5 : 21,
        process: quick ? 1 : 5,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
