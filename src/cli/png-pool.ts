// SVG → PNG on worker threads: resvg renders one picture at a time, synchronously, and the Annex B
// workbook has 42 of them (three per measure), most of `run --out`'s time. Workers render them
// side by side, one per core. The worker is a few lines of plain JavaScript run with `eval`, so
// it works alike from the esbuild bundle, under tsx and under vitest; it loads resvg itself.
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

/** Renders each SVG to PNG bytes with resvg `options`, in order, on up to one worker per core. */
export async function renderPngs(svgs: string[], options: object): Promise<Uint8Array[]> {
  const out: Uint8Array[] = new Array(svgs.length);
  if (svgs.length === 0) return out;
  const resvg = createRequire(import.meta.url).resolve("@resvg/resvg-js");
  const count = Math.max(1, Math.min(availableParallelism(), MAX_WORKERS, svgs.length));
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(WORKER, { eval: true, workerData: { resvg, options } });
        workers.push(worker);
        return new Promise<void>((done, fail) => {
          const feed = () => {
            if (next >= svgs.length) return done();
            const id = next++;
            worker.postMessage({ id, svg: svgs[id] });
          };
          worker.on("message", (m: { id: number; png?: Uint8Array; error?: string }) => {
            if (m.error !== undefined) return fail(new Error(`drawing a picture: ${m.error}`));
            out[m.id] = m.png!;
            feed();
          });
          worker.on("error", fail);
          feed();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
