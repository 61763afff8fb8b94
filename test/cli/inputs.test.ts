// File reading for the command line, in process: text encodings, file kinds, sizes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { UsageError } from "../../src/cli/args";
import { decodeText, inputBytes, readTableFile, thousands } from "../../src/cli/inputs";
import { tempDir } from "./helpers";

test("UTF-8 (with or without BOM) and Windows-1252 CSVs both read as the right text", async () => {
  const dir = tempDir();
  const utf8 = join(dir, "utf8.csv");
  const cp1252 = join(dir, "cp1252.csv");
  writeFileSync(utf8, "Area,ICB name,Population\nA,Ynys Môn £,5\n");
  // "Ynys Môn £" in Windows-1252: ô = 0xF4, £ = 0xA3 (invalid as UTF-8).
  writeFileSync(
    cp1252,
    Buffer.concat([
      Buffer.from("Area,ICB name,Population\nA,Ynys M"),
      Buffer.from([0xf4]),
      Buffer.from("n "),
      Buffer.from([0xa3]),
      Buffer.from(",5\n"),
    ]),
  );
  for (const f of [utf8, cp1252]) {
    const t = await readTableFile(f, "population");
    expect(t.columns[1]).toEqual(["Ynys Môn £"]);
    expect(t.columns[2]).toEqual([5]);
    expect(t.source.file).toBe(f);
  }
  expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("\uFEFFA"); // the BOM is readCsv's to drop
});

test("unsupported and unreadable files are UsageErrors (exit 2)", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "old.xls"), "x");
  await expect(readTableFile(join(dir, "old.xls"), "population")).rejects.toThrow(UsageError);
  await expect(readTableFile(join(dir, "none.csv"), "population")).rejects.toThrow(/no such file/);
  await expect(readTableFile(dir, "population")).rejects.toThrow(/it is a folder/);
  writeFileSync(join(dir, "p.csv"), "Area,Population\nA,1\n");
  await expect(readTableFile(join(dir, "p.csv"), "population", "Sheet1")).rejects.toThrow(
    /is a CSV file, not a workbook/,
  );
});

test("input size: a workbook weighs ten times its bytes; missing files count nothing", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "a.csv"), "12345");
  writeFileSync(join(dir, "b.xlsx"), "123");
  expect(inputBytes([join(dir, "a.csv"), join(dir, "b.xlsx"), join(dir, "missing.csv"), undefined])).toBe(
    5 + 30,
  );
});

test("thousands separators", () => {
  expect(thousands(0)).toBe("0");
  expect(thousands(999)).toBe("999");
  expect(thousands(1000)).toBe("1,000");
  expect(thousands(1048576)).toBe("1,048,576");
});
