// run --out draws its pictures with our Latin subset of DejaVu Sans (assets/fonts/) in front of the
// system's full DejaVu Sans, and encodes them itself (png-pool.ts). Oracle: resvg with the full
// system files alone and its own PNG encoder: the pictures must have the same pixels for text inside the subset (Latin, Greek, Cyrillic, punctuation, maths), regular and
// bold, and for regular text the subset lacks (Armenian). Bold text outside the subset is drawn
// from the regular face (resvg's fallback), a known difference, not tested.
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { renderPngs } from "../../src/cli/charts";
import { samePixels } from "../support/png";

const DIR = "/usr/share/fonts/truetype/dejavu";
const FULL = [`${DIR}/DejaVuSans.ttf`, `${DIR}/DejaVuSans-Bold.ttf`];
const haveDejaVu = FULL.every((f) => existsSync(f));

const svg = (text: string, bold = false) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40"><text x="4" y="28" font-size="13"` +
  ` font-family="'Segoe UI', Arial, 'DejaVu Sans', sans-serif"${bold ? ' font-weight="bold"' : ""}>${text}</text></svg>`;

const oracle = (s: string) =>
  new Resvg(s, {
    fitTo: { mode: "zoom", value: 2 },
    font: { loadSystemFonts: false, fontFiles: FULL, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();

describe.skipIf(!haveDejaVu)("run --out pictures' fonts", () => {
  it("draw the same pixels as the full DejaVu Sans, inside and outside the subset", async () => {
    const svgs = [
      svg("NHS Cheshire &amp; Merseyside ICB: 1.23 (0.98–1.51) ≥ 95% · χ² τ²"),
      svg("Öffentliche Gesundheit — Łódź, São Tomé…", true),
      svg("Москва, Київ", true),
      svg("Աշխարհ 1"), // Armenian: not in the subset, drawn from the full face
    ];
    const pngs = await renderPngs(svgs);
    svgs.forEach((s, i) => expect(samePixels(pngs[i], oracle(s))).toBe(true));
    // The comparison can tell text apart: a different string gives different pixels.
    expect(samePixels(oracle(svgs[0]), oracle(svg("x")))).toBe(false);
  });

  it("encode transparent pictures with the pixels resvg's own encoder gives", async () => {
    // Translucent shapes and text on no background: premultiplied pixels must be un-premultiplied
    // exactly as resvg does (tens of thousands of pixels with 0 < alpha < 255 here).
    const s =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">' +
      '<circle cx="50" cy="50" r="33.3" fill="#3a7bd5" fill-opacity="0.37"/>' +
      '<text x="90" y="60" font-size="17" fill="#d53a7b">Aa 1.5</text>' +
      '<rect x="150" y="10" width="40" height="40" fill="rgb(200,100,7)" opacity="0.61"/></svg>';
    const [png] = await renderPngs([s]);
    expect(samePixels(png, oracle(s))).toBe(true);
  });
});
