// A PNG decoder for tests (8-bit RGBA, not interlaced; all five row filters), written from the PNG
// specification (ISO/IEC 15948 §9–§12), to compare pictures by their pixels rather than bytes.
import { crc32, inflateSync } from "node:zlib";

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, straight (not premultiplied) alpha. */
  rgba: Buffer;
}

export function decodePng(bytes: Uint8Array): Pixels {
  const png = Buffer.from(bytes);
  if (!png.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])))
    throw new Error("not a PNG");
  let p = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (p < png.length) {
    const length = png.readUInt32BE(p);
    const type = png.toString("latin1", p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + length);
    if (png.readUInt32BE(p + 8 + length) !== crc32(png.subarray(p + 4, p + 8 + length)))
      throw new Error(`bad CRC in ${type}`);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0)
        throw new Error("only 8-bit RGBA, not interlaced");
    } else if (type === "IDAT") idat.push(data);
    p += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const o = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? rgba[o + i - 4] : 0;
      const b = y > 0 ? rgba[o - stride + i] : 0;
      const c = i >= 4 && y > 0 ? rgba[o - stride + i - 4] : 0;
      let x = raw[src + i];
      if (filter === 1) x += a;
      else if (filter === 2) x += b;
      else if (filter === 3) x += (a + b) >> 1;
      else if (filter === 4) {
        const pp = a + b - c;
        const pa = Math.abs(pp - a);
        const pb = Math.abs(pp - b);
        const pc = Math.abs(pp - c);
        x += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`filter ${filter}`);
      rgba[o + i] = x & 255;
    }
  }
  return { width, height, rgba };
}

/** Same size and the same RGBA bytes. */
export function samePixels(a: Uint8Array, b: Uint8Array): boolean {
  const x = decodePng(a);
  const y = decodePng(b);
  return x.width === y.width && x.height === y.height && x.rgba.equals(y.rgba);
}
