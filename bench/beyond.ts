// Issue 12's budget: the whole run at DID scale with overdispersed verdicts, ESP 2013 DSRs and
// suppression all on must stay within 10% of the run with them off. Measured in the same bench run,
// alternating off and on so that a change in the machine's load hits both: the engine warm in
// process, and the whole `stdrates run` process writing --json and the .xlsx report.
// (Overdispersion's φ, τ² and limits are computed on every run, as SPEC §4b says: "off" includes them.)
import { run } from "../src/engine";
import type { RunInput, RunOptions } from "../src/engine/types";

export const BEYOND_FLAGS = ["--verdicts", "overdispersed", "--direct", "esp2013", "--suppress-below", "200"];
const BEYOND_OPTIONS: RunOptions = { verdicts: "overdispersed", direct: true, suppressBelow: 200 };

interface Timed {
  wall: number;
  cpu: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timed(f: () => void): Timed {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** Median off and on, and on ÷ off, of wall and cpu time, as printable lines. */
function compare(label: string, off: Timed[], on: Timed[]): string {
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
  const [ow, oc, nw, nc] = [
    off.map((x) => x.wall),
    off.map((x) => x.cpu),
    on.map((x) => x.wall),
    on.map((x) => x.cpu),
  ].map(median);
  const verdict = nc / oc <= 1.1 ? "MET" : "NOT MET";
  return `${label}: off ${f(ow)} ms wall / ${f(oc)} ms cpu, on ${f(nw)} / ${f(nc)} — on ÷ off ${(nw / ow).toFixed(3)} wall, ${(nc / oc).toFixed(3)} cpu (target ≤ 1.10 by cpu: ${verdict})`;
}

export async function beyondBench(
  input: RunInput,
  spawnRun: (extra: string[]) => Promise<Timed>,
  repeats: { engine: number; process: number },
): Promise<string[]> {
  for (let i = 0; i < 2; i++) {
    run(input);
    run(input, BEYOND_OPTIONS);
  }
  const engineOff: Timed[] = [];
  const engineOn: Timed[] = [];
  for (let i = 0; i < repeats.engine; i++) {
    engineOff.push(timed(() => run(input)));
    engineOn.push(timed(() => run(input, BEYOND_OPTIONS)));
  }
  const processOff: Timed[] = [];
  const processOn: Timed[] = [];
  for (let i = 0; i < repeats.process; i++) {
    processOff.push(await spawnRun([]));
    processOn.push(await spawnRun(BEYOND_FLAGS));
  }
  return [
    `beyond the publication (${BEYOND_FLAGS.join(" ")}), DID scale, medians:`,
    "  " + compare(`engine warm (${repeats.engine} each)`, engineOff, engineOn),
    "  " + compare(`whole process, --json and --out .xlsx (${repeats.process} each)`, processOff, processOn),
  ];
}
