// SVG → PNG on worker threads: resvg renders one picture at a time, synchronously, and the Annex B
// workbook has 42 of them (three per measure), most of `run --out`'s time. Workers render them
// side by side, one per core, started with the pool (each takes ~0.1 s to load Node and resvg, which
// overlaps building the sheets before the Charts sheet) so drawing overlaps building the Plan. The worker is a few lines of plain JavaScript run with
// `eval`, so it works alike from the esbuild bundle, under tsx and under vitest; it loads resvg itself.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const zlib = require("node:zlib");
const { Resvg } = require(workerData.resvg);
${encodePng.toString()}
parentPort.on("message", ({ id, svg }) => {
  try {
    const image = new Resvg(svg, workerData.options).render();
    const png = zlib.crc32 ? encodePng(image.width, image.height, image.pixels, zlib) : image.asPng();
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

/**
 * An RGBA PNG of resvg's premultiplied pixels, un-premultiplied exactly as resvg's own encoder
 * (tiny-skia: ⌊c·255/a + 0.5⌋), rows unfiltered and deflated at level 1: the same pixels as
 * `asPng()` in 60% of its time (which was 40% of drawing a picture) and, on the Annex B charts,
 * 6% fewer bytes. Runs inside the worker (as source text), so it uses only its arguments.
 */
export function encodePng(
  width: number,
  height: number,
  pixels: Uint8Array,
  zlib: {
    deflateSync: (b: Uint8Array, o: { level: number }) => Uint8Array;
    crc32: (b: Uint8Array) => number;
  },
): Uint8Array {
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  // Opaque pixels (nearly all) are found four bytes at a time: alpha is the top byte of a
  // little-endian 32-bit word.
  const aligned = pixels.byteOffset % 4 === 0 && new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const words = aligned ? new Uint32Array(pixels.buffer, pixels.byteOffset, width * height) : null;
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1) + 1; // raw[o - 1] = 0: filter "none"
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), o);
    for (let x = 0; x < width; x++) {
      if (words !== null && words[y * width + x] >>> 24 === 255) continue;
      const i = o + x * 4 + 3;
      const a = raw[i];
      if (a === 255) continue;
      for (let k = i - 3; k < i; k++)
        raw[k] = a === 0 ? 0 : Math.min(255, Math.floor((raw[k] * 255) / a + 0.5));
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const chunks = [
    ["IHDR", header],
    ["IDAT", zlib.deflateSync(raw, { level: 1 })],
    ["IEND", new Uint8Array(0)],
  ] as const;
  const size = 8 + chunks.reduce((n, [, d]) => n + 12 + d.length, 0);
  const png = new Uint8Array(size);
  const out = new DataView(png.buffer);
  png.set([137, 80, 78, 71, 13, 10, 26, 10]);
  let p = 8;
  for (const [type, data] of chunks) {
    out.setUint32(p, data.length);
    for (let k = 0; k < 4; k++) png[p + 4 + k] = type.charCodeAt(k);
    png.set(data, p + 8);
    out.setUint32(p + 8 + data.length, zlib.crc32(png.subarray(p + 4, p + 8 + data.length)));
    p += 12 + data.length;
  }
  return png;
}

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

/** A pool of up to one worker per core drawing with resvg `options`; the workers start at once. */
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
  for (let k = 0; k < size; k++) start();

  return {
    render(svg) {
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
