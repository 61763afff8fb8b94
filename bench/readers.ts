// The readers in rows per second (issue 9: the SPEC §1b checks must cost nothing measurable):
// CSV text → Table (readCsv), .xlsx bytes → grids → Table (the command line's streaming reader),
// and Tables → cube (buildCube: codes, totals, repeats, gaps). Medians of repeated runs, wall and
// CPU. Also runnable alone: `node bin/run-ts.cjs bench/readers.ts [--quick]`.
import ExcelJS from "exceljs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { streamWorkbookGrids } from "../src/cli/xlsx-stream";
import { buildCube } from "../src/engine/cube";
import { readCsv, typeCsvField } from "../src/workbook/csv";
import { gridToTable } from "../src/workbook/tables";
import { loadSample, replicate } from "./scale";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function timed(repeats: number, f: () => unknown): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** Lines as they are measured (stderr), so that a slow step shows where it is. */
function say(out: string[], line: string): void {
  out.push(line);
  process.stderr.write(`bench: ${line.trim()}\n`);
}

const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-GB")} rows/s`;

export async function readerBench(
  root: string,
  quick: boolean,
  hostileDigits = [10_000, 100_000, 1_000_000],
): Promise<string[]> {
  const sample = loadSample(root);
  const big = replicate(sample, 10, "10x areas");
  const lines = big.activity.split("\n").filter((l) => l !== "");
  const out: string[] = [
    `readers (load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}):`,
  ];

  const csv = await timed(quick ? 3 : 7, () => readCsv(big.activity, "activity.csv"));
  say(
    out,
    `  CSV reader: ${big.activityRows.toLocaleString("en-GB")} rows in ${csv.wall.toFixed(0)} ms wall / ${csv.cpu.toFixed(0)} ms cpu — ${rate(big.activityRows, csv.wall)}`,
  );

  // A workbook of 200,000 activity rows, as numbers and text (ExcelJS, in memory).
  const n = Math.min(200_000, lines.length - 1);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Activity");
  for (let i = 0; i <= n; i++) ws.addRow(lines[i].split(",").map((f) => (i === 0 ? f : typeCsvField(f))));
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const xlsx = await timed(quick ? 2 : 5, async () => {
    const sheets = await streamWorkbookGrids(bytes);
    return gridToTable(sheets[0].grid, { sheet: sheets[0].name });
  });
  say(
    out,
    `  .xlsx reader (streaming): ${n.toLocaleString("en-GB")} rows in ${xlsx.wall.toFixed(0)} ms wall / ${xlsx.cpu.toFixed(0)} ms cpu — ${rate(n, xlsx.wall)}`,
  );

  const input = {
    population: readCsv(big.population, "population.csv"),
    activity: readCsv(big.activity, "activity.csv"),
  };
  for (let i = 0; i < 2; i++) buildCube(input);
  const cube = await timed(quick ? 5 : 15, () => buildCube(input));
  say(
    out,
    `  tables → cube (codes and checks): ${big.activityRows.toLocaleString("en-GB")} rows in ${cube.wall.toFixed(1)} ms wall / ${cube.cpu.toFixed(1)} ms cpu — ${rate(big.activityRows, cube.wall)}`,
  );

  // Hostile cells: runs of digits ending in a letter, typed as the CSV reader types a field
  // (the pattern before issue 9 backtracked quadratically in the run of digits).
  for (const digits of hostileDigits) {
    const cell = "9".repeat(digits) + "x";
    const one = await timed(3, () => typeCsvField(cell));
    say(out, `  cell of ${digits.toLocaleString("en-GB")} digits + a letter: ${one.wall.toFixed(1)} ms`);
  }
  return out;
}

if (/readers\.ts$/.test(process.argv[1] ?? "")) {
  const digits = process.argv.find((a) => a.startsWith("--hostile="));
  readerBench(
    resolve(__dirname, ".."),
    process.argv.includes("--quick"),
    digits ? digits.slice(10).split(",").map(Number) : undefined,
  )
    .then((lines) => console.log(lines.join("\n")))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
