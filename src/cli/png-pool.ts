// SVG → PNG on worker threads: resvg renders one picture at a time, synchronously, and the Annex B
// workbook has 42 of them (three per measure), most of `run --out`'s time. Workers render them
// side by side, one per core, starting as soon as the first picture is asked for (so drawing
// overlaps building the rest of the Plan). The worker is a few lines of plain JavaScript run with
// `eval`, so it works alike from the esbuild bundle, under tsx and under vitest; it loads resvg itself.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { Resvg } = require(workerData.resvg);
parentPort.on("message", ({ id, svg }) => {
  try {
    const png = new Resvg(svg, workerData.options).render().asPng();
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

/** At most this many workers: beyond the cores they only compete. */
const MAX_WORKERS = 4;

export interface PngPool {
  /** Queues an SVG; resolves to its PNG bytes. */
  render(svg: string): Promise<Uint8Array>;
  /** Stops the workers (after the last picture). */
  close(): Promise<void>;
}

interface Job {
  svg: string;
  done: (png: Uint8Array) => void;
  fail: (e: Error) => void;
}

/** A pool of up to one worker per core drawing with resvg `options`; workers start on the first picture. */
export function pngPool(options: object): PngPool {
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const resvg = createRequire(import.meta.url).resolve("@resvg/resvg-js");
  const size = Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));

  const dispatch = () => {
    while (queue.length > 0 && idle.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage({ svg: job.svg });
    }
  };
  const start = () => {
    const worker = new Worker(WORKER, { eval: true, workerData: { resvg, options } });
    worker.on("message", (m: { png?: Uint8Array; error?: string }) => {
      const job = busy.get(worker)!;
      busy.delete(worker);
      if (m.error !== undefined) job.fail(new Error(`drawing a picture: ${m.error}`));
      else job.done(m.png!);
      idle.push(worker);
      dispatch();
    });
    worker.on("error", (e) => busy.get(worker)?.fail(e));
    workers.push(worker);
    idle.push(worker);
  };

  return {
    render(svg) {
      if (workers.length < size) start();
      return new Promise<Uint8Array>((done, fail) => {
        queue.push({ svg, done, fail });
        dispatch();
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
