#!/usr/bin/env node
// Draws the add-in icon (bars of rates around a reference line) as SVG and renders the PNG sizes
// the manifest names (16/32/64/80 px) with resvg. Run: node scripts/make-icons.cjs
const { Resvg } = require("@resvg/resvg-js");
const fs = require("fs");
const path = require("path");

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="10" fill="#005EB8"/>
  <rect x="12" y="30" width="8" height="22" rx="1.5" fill="#FFFFFF"/>
  <rect x="24" y="20" width="8" height="32" rx="1.5" fill="#FFFFFF"/>
  <rect x="36" y="36" width="8" height="16" rx="1.5" fill="#FFFFFF"/>
  <rect x="48" y="26" width="6" height="26" rx="1.5" fill="#FFFFFF" opacity="0.85"/>
  <rect x="8" y="28" width="50" height="3" fill="#FFB81C"/>
</svg>`;

const out = path.join(__dirname, "..", "assets");
for (const size of [16, 32, 64, 80]) {
  const png = new Resvg(svg, { fitTo: { mode: "width", value: size } }).render().asPng();
  fs.writeFileSync(path.join(out, `icon-${size}.png`), png);
  console.log(`assets/icon-${size}.png ${png.length} bytes`);
}
