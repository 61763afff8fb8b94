// The command line's workbook reader: the streaming .xlsx reader (src/workbook/xlsx/stream-read.ts)
// with Node's native inflater, which unzips a DID-sized Activity sheet about 4× faster than
// JSZip's JavaScript one. Node only (zlib), so it lives here rather than in src/workbook/xlsx,
// which the browser shares.
import { inflateRawSync } from "node:zlib";
import { readXlsx, type WorkbookSheet } from "../workbook/xlsx/stream-read";

export async function streamWorkbookGrids(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  return (await readXlsx(bytes, { inflateRaw: (c) => inflateRawSync(c) })).sheets;
}
