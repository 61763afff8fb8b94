// Shared by the LibreOffice tests: is LibreOffice here, convert a workbook to PDF, read a PPM raster.
import { execFileSync, spawnSync } from "node:child_process";
import { basename, extname, join } from "node:path";

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
export const soffice = has("soffice");
export const poppler = has("pdftoppm") && has("pdftotext");
if ((!soffice || !poppler) && process.env.CI)
  throw new Error("CI must have LibreOffice (soffice) and poppler-utils: .ci/run installs them.");

/** Converts `xlsx` to PDF in `dir` (own HOME and profile: parallel runs must not share LibreOffice's lock); returns the PDF path. */
export function convertToPdf(xlsx: string, dir: string): string {
  const env = { ...process.env, HOME: dir };
  const profile = `-env:UserInstallation=file://${join(dir, "profile")}`;
  execFileSync("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx], {
    env,
    stdio: "pipe",
    timeout: 120_000,
  });
  return join(dir, `${basename(xlsx, extname(xlsx))}.pdf`);
}

/** A binary PPM (P6) image as RGB bytes. */
export function parsePpm(buf: Buffer): { width: number; height: number; rgb: Uint8Array } {
  // Header: "P6", width, height, maxval, each separated by whitespace, then one whitespace byte.
  let pos = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) {
      while (buf[pos] !== 0x0a) pos++;
      continue;
    }
    let t = "";
    while (!/\s/.test(String.fromCharCode(buf[pos]))) t += String.fromCharCode(buf[pos++]);
    tokens.push(t);
  }
  if (tokens[0] !== "P6" || tokens[3] !== "255") throw new Error(`not an 8-bit P6 PPM: ${tokens.join(" ")}`);
  const width = Number(tokens[1]);
  const height = Number(tokens[2]);
  return { width, height, rgb: new Uint8Array(buf.buffer, buf.byteOffset + pos + 1, width * height * 3) };
}
