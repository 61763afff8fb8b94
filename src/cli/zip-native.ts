// The Annex B workbook's last step, re-zipping the package ExcelJS wrote uncompressed, with Node's
// native zlib instead of JSZip's JavaScript deflate (pako), which spent ~0.25 s of the main
// thread on 1.6 MB of sheet XML (native: ~15 ms). JSZip still reads the package; this writes the
// ZIP container (APPNOTE 6.3.x §4.3: local headers, central directory, end record), with the
// XML deflated at level 1 and the PNGs stored, as write.ts's JSZip step does.
import { crc32, deflateRawSync } from "node:zlib";
import JSZip from "jszip";

/** Already-compressed parts, stored rather than deflated again. */
const STORED = /\.(png|jpe?g|gif)$/i;

/** MS-DOS time and date (APPNOTE §4.4.6), from the UTC fields as JSZip writes and reads them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: (Math.max(0, d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface Entry {
  name: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Uint8Array;
  offset: number;
  time: number;
  date: number;
}

/** A ZIP of `files` (in order), each deflated at level 1 unless already compressed. */
export function zipNative(files: { name: string; bytes: Uint8Array; date: Date }[]): Uint8Array {
  const entries: Entry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const method = STORED.test(f.name) ? 0 : 8;
    const data = method === 8 ? deflateRawSync(f.bytes, { level: 1 }) : f.bytes;
    const e: Entry = {
      name: Buffer.from(f.name, "utf8"),
      method,
      crc: crc32(f.bytes),
      size: f.bytes.length,
      data,
      offset,
      ...dosDateTime(f.date),
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, e);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, e.name, data);
    offset += 30 + e.name.length + data.length;
    entries.push(e);
  }
  const centralStart = offset;
  for (const e of entries) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, version 2.0
    writeCommon(central, 6, e);
    central.writeUInt16LE(e.name.length, 28);
    // extra, comment, disk number, internal and external attributes: 0
    central.writeUInt32LE(e.offset, 42);
    parts.push(central, e.name);
    offset += 46 + e.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/** Version needed, flags (bit 11: names are UTF-8), method, time, date, CRC and sizes: shared by both headers. */
function writeCommon(b: Buffer, at: number, e: Entry): void {
  b.writeUInt16LE(20, at);
  b.writeUInt16LE(0x0800, at + 2);
  b.writeUInt16LE(e.method, at + 4);
  b.writeUInt16LE(e.time, at + 6);
  b.writeUInt16LE(e.date, at + 8);
  b.writeUInt32LE(e.crc, at + 10);
  b.writeUInt32LE(e.data.length, at + 14);
  b.writeUInt32LE(e.size, at + 18);
}

/** A package re-zipped natively: its parts in their order, XML deflated, pictures stored. */
export async function rezipNative(stored: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  if (stored.byteLength >= 0xffffffff) throw new Error("workbook too large for a ZIP without ZIP64");
  const zip = await JSZip.loadAsync(stored, { createFolders: false });
  const files: { name: string; bytes: Uint8Array; date: Date }[] = [];
  for (const [name, file] of Object.entries(zip.files))
    if (!file.dir) files.push({ name, bytes: await file.async("uint8array"), date: file.date });
  return zipNative(files);
}
