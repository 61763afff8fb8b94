// The command line's workbook reader: the streaming .xlsx reader (src/workbook/xlsx/stream-read.ts)
// with Node's native inflater, which unzips a DID-sized Activity sheet about 4× faster than
// JSZip's JavaScript one. Node only (zlib), so it lives here rather than in src/workbook/xlsx,
// which the browser shares.
import { inflateRawSync } from "node:zlib";
import { readXlsx, type WorkbookSheet } from "../workbook/xlsx/stream-read";

/** Outputs up to this size are inflated into one buffer of the size the package gives. */
const ONE_CHUNK_MAX = 256 << 20;

export async function streamWorkbookGrids(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  // One output chunk rather than zlib's 16 KB ones: no 1,700 pieces to gather and copy for a
  // 27 MB sheet. A wrong size only costs a second chunk (stream-read.ts checks the length).
  const inflateRaw = (c: Uint8Array, size?: number) =>
    inflateRawSync(c, size && size > 0 && size <= ONE_CHUNK_MAX ? { chunkSize: Math.max(64, size) } : {});
  return (await readXlsx(bytes, { inflateRaw })).sheets;
}
