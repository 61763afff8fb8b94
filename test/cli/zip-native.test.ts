// The command line's native re-zip of ExcelJS's package (src/cli/zip-native.ts). Oracles: JSZip
// (checking every CRC) and Info-ZIP's `unzip -t` read back the same parts, bytes and order; XML
// is deflated and pictures stored; a real Annex B workbook written through it reads back in
// ExcelJS cell for cell as the JSZip-zipped one.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { rezipNative } from "../../src/cli/zip-native";
import { buildPlan } from "../../src/report";
import { writePlanXlsx } from "../../src/workbook/xlsx/write";
import { sampleResults } from "../report/sample";

async function storedZip(files: [string, Uint8Array][]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, bytes] of files) zip.file(name, bytes, { compression: "STORE" });
  return zip.generateAsync({ type: "uint8array" });
}

async function parts(bytes: Uint8Array): Promise<[string, Uint8Array][]> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const out: [string, Uint8Array][] = [];
  for (const [name, f] of Object.entries(zip.files))
    if (!f.dir) out.push([name, await f.async("uint8array")]);
  return out;
}

/** Compression method of each part, from the central directory (APPNOTE §4.3.12, offset 10). */
function methods(zip: Uint8Array): Record<string, number> {
  const b = Buffer.from(zip);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = b.readUInt32LE(end + 16);
  const out: Record<string, number> = {};
  for (let n = b.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = b.readUInt16LE(p + 28);
    out[b.toString("utf8", p + 46, p + 46 + nameLength)] = b.readUInt16LE(p + 10);
    p += 46 + nameLength + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return out;
}

const names = fc.constantFrom(
  "[Content_Types].xml",
  "xl/worksheets/sheet1.xml",
  "xl/media/image1.png",
  "docProps/app.xml",
  "xl/ünïcode naïve.xml",
  "xl/empty.xml",
);

describe("native re-zip", () => {
  it("keeps every part's bytes and order (JSZip with CRC checks), deflating XML and storing pictures", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(names, fc.uint8Array({ maxLength: 5000 })), {
          selector: (t) => t[0],
          minLength: 1,
        }),
        async (files) => {
          const out = await rezipNative(await storedZip(files));
          const back = await parts(out);
          expect(back.map(([n]) => n)).toEqual(files.map(([n]) => n));
          back.forEach(([, bytes], i) =>
            expect(Buffer.from(bytes).equals(Buffer.from(files[i][1]))).toBe(true),
          );
          const m = methods(out);
          for (const [n] of files) expect(m[n]).toBe(n.endsWith(".png") ? 0 : 8);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.skipIf(!existsSync("/usr/bin/unzip"))("is a valid ZIP for Info-ZIP's unzip -t", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stdrates-zip-"));
    try {
      const xml = new TextEncoder().encode("<a>" + "x".repeat(100_000) + "</a>");
      const file = join(dir, "t.zip");
      writeFileSync(
        file,
        await rezipNative(
          await storedZip([
            ["a.xml", xml],
            ["b/c.png", new Uint8Array([1, 2, 3])],
          ]),
        ),
      );
      const r = spawnSync("/usr/bin/unzip", ["-t", file], { encoding: "utf8" });
      expect(r.stdout).toContain("No errors detected");
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes an Annex B workbook that ExcelJS reads as the JSZip-zipped one", async () => {
    const plan = buildPlan(sampleResults());
    const load = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return wb.worksheets.map((ws) => ({
        name: ws.name,
        rows: ws.getSheetValues().map((r) => JSON.stringify(r)),
      }));
    };
    const native = await writePlanXlsx(plan, undefined, { zip: rezipNative });
    const jszip = await writePlanXlsx(plan);
    expect(await load(native)).toEqual(await load(jszip));
    expect(native.length).toBeLessThan(jszip.length * 1.1);
  });
});
