// Ranked chart of one measure: areas as horizontal bars of the standardised rate, highest at the top,
// with 95% (thick) and 99.8% (thin) limits as whiskers, England's rate as a dashed line, and ▲/▼ for
// areas significantly higher/lower at 99.8% (as Annex B marks them). Each row has a <title> tooltip.
import { VERDICT_FILL, VERDICT_TEXT, verdictGlyph } from "./colour";
import type { MeasureChartData, RankedArea } from "./data";
import {
  GRID,
  MUTED,
  esc,
  heading,
  niceTicks,
  px,
  svgDocument,
  textWidth,
  tickLabel,
  whole,
  wrapText,
} from "./svg";

export interface RankedOptions {
  /** Pixel width; the layout adapts (labels shorten) down to about 300 px. Default 480. */
  width?: number;
  /** "ICB" or "area", for titles. */
  noun?: string;
}

/** Line step of a wrapped name, px. */
const LINE_H = 9;

const BAR_FILL = { higher: "#F4A6A7", similar: "#D9D9D9", lower: "#A9C1E3" } as const;

export function areaTooltip(a: RankedArea, perK: string): string {
  return (
    `${a.name ?? a.area} (${a.area}): standardised rate ${whole(a.rate)} ${perK}; ` +
    `95% limits ${whole(a.lower95)} to ${whole(a.upper95)}; 99.8% limits ${whole(a.lower998)} to ${whole(a.upper998)}; ` +
    `${VERDICT_TEXT[a.vs998]} (99.8%)`
  );
}

export function rankedChartSvg(d: MeasureChartData, o: RankedOptions = {}): string {
  const width = Math.max(280, o.width ?? 480);
  const noun = o.noun ?? "area";
  const perK = `per ${whole(d.multiplier)}`;
  const pad = 10;
  const labelSize = 9;
  const rowH = 11;
  const head = heading(
    `${d.measure}: standardised rate ${perK}, by ${noun}`,
    `Ranked; whiskers 95% (thick) and 99.8% limits; dashed line England ${whole(d.england)}`,
    width,
    pad,
  );
  const top = pad + head.height + 14;
  const n = d.ranked.length;
  const glyphW = 11;
  // Room for the longest name when the plot keeps its minimum; where it does not, names wrap (up to
  // three lines, their row taller) instead of being cut.
  const minPlot = Math.max(120, Math.round(width * 0.35));
  const labelW = Math.min(
    width - 2 * pad - glyphW - 8 - minPlot,
    Math.max(30, ...d.ranked.map((a) => textWidth(a.label, labelSize))) + 4,
  );
  const lines = d.ranked.map((a) => wrapText(a.label, labelSize, labelW - 4, 3));
  const rowHs = lines.map((l) => rowH + (l.length - 1) * LINE_H);
  const rowTop = rowHs.map((_, i) => top + rowHs.slice(0, i).reduce((t, h) => t + h, 0));
  const plotH = Math.max(
    rowH,
    rowHs.reduce((t, h) => t + h, 0),
  );
  const x0 = pad + labelW + glyphW;
  const x1 = width - pad - 8;
  const maxV = Math.max(d.england, ...d.ranked.map((a) => a.upper998)) * 1.02;
  const ticks = niceTicks(0, maxV, width < 400 ? 3 : 5);
  const xMax = Math.max(maxV, ticks[ticks.length - 1]);
  const sx = (v: number) => x0 + ((x1 - x0) * v) / xMax;
  const axisY = top + plotH;
  const parts: string[] = [];

  parts.push(head.svg);
  for (const t of ticks)
    parts.push(
      `<line x1="${px(sx(t))}" y1="${top}" x2="${px(sx(t))}" y2="${axisY}" stroke="${GRID}" stroke-width="0.6"/>` +
        `<text x="${px(sx(t))}" y="${axisY + 11}" font-size="9" text-anchor="middle" fill="${MUTED}">${esc(tickLabel(t, ticks))}</text>`,
    );
  d.ranked.forEach((a, i) => {
    const y = rowTop[i];
    const h = rowHs[i];
    const cy = y + h / 2;
    const lx = pad + labelW - 2;
    const label = lines[i]
      .map((l, k) => `<tspan x="${lx}" dy="${k === 0 ? 0 : LINE_H}">${esc(l)}</tspan>`)
      .join("");
    parts.push(
      `<g><title>${esc(areaTooltip(a, perK))}</title>` +
        `<rect x="${pad}" y="${px(y)}" width="${width - 2 * pad}" height="${h}" fill="#FFFFFF" fill-opacity="0"/>` +
        `<text data-label="" x="${lx}" y="${px(cy + 3 - ((lines[i].length - 1) * LINE_H) / 2)}" font-size="${labelSize}" text-anchor="end">${label}</text>` +
        verdictGlyph(a.vs998, pad + labelW + glyphW / 2, cy, 7, VERDICT_FILL[a.vs998]) +
        `<rect x="${px(x0)}" y="${px(cy - rowH / 2 + 1.5)}" width="${px(Math.max(0, sx(a.rate) - x0))}" height="${rowH - 3}" fill="${BAR_FILL[a.vs998]}"/>` +
        `<line x1="${px(sx(a.lower998))}" y1="${px(cy)}" x2="${px(sx(a.upper998))}" y2="${px(cy)}" stroke="#404040" stroke-width="0.8"/>` +
        `<line x1="${px(sx(a.lower95))}" y1="${px(cy)}" x2="${px(sx(a.upper95))}" y2="${px(cy)}" stroke="#404040" stroke-width="2.2"/>` +
        `<line x1="${px(sx(a.rate))}" y1="${px(cy - rowH / 2 + 1.5)}" x2="${px(sx(a.rate))}" y2="${px(cy + rowH / 2 - 1.5)}" stroke="#000000" stroke-width="1"/>` +
        `</g>`,
    );
  });
  const ex = sx(d.england);
  parts.push(
    `<line x1="${px(ex)}" y1="${top - 4}" x2="${px(ex)}" y2="${axisY}" stroke="#000000" stroke-width="1.2" stroke-dasharray="4 2"/>` +
      `<line x1="${px(x0)}" y1="${axisY}" x2="${px(x1)}" y2="${axisY}" stroke="${MUTED}" stroke-width="0.8"/>` +
      `<text x="${px(Math.min(ex, x1 - 40))}" y="${top - 6}" font-size="9" text-anchor="middle">England ${esc(whole(d.england))}</text>`,
  );
  // Legend: glyphs and bar shades (not colour alone).
  const ly = axisY + 26;
  const key = (x: number, v: "higher" | "lower", text: string) =>
    verdictGlyph(v, x + 4, ly - 3, 8, VERDICT_FILL[v]) +
    `<text x="${x + 12}" y="${ly}" font-size="9">${esc(text)}</text>`;
  const lx2 = pad + Math.max(120, textWidth("▲ higher than England", 9) + 24);
  parts.push(key(pad, "higher", "Higher than England") + key(lx2, "lower", "Lower than England"));
  let ny = ly + 13;
  const notes = [
    `Marks at the 99.8% ${d.verdicts === "overdispersed" ? "limits allowing for overdispersion" : "limits"}. Rates ${perK} population, indirectly standardised.`,
  ];
  if (d.noRate.length) notes.push(`No rate: ${d.noRate.map((a) => a.name ?? a.area).join(", ")}`);
  if (d.suppressed.length)
    notes.push(`* Suppressed (small numbers): ${d.suppressed.map((a) => a.name ?? a.area).join(", ")}`);
  for (const note of notes)
    for (const line of wrapText(note, 9, width - 2 * pad)) {
      parts.push(`<text x="${pad}" y="${ny}" font-size="9" fill="${MUTED}">${esc(line)}</text>`);
      ny += 12;
    }
  const height = ny;
  return svgDocument({
    width,
    height,
    title: `${d.measure}: standardised rates ${perK} by ${noun}, ranked`,
    desc: `${n} ${noun}s from ${d.ranked[0] ? `${d.ranked[0].label} (${whole(d.ranked[0].rate)})` : "none"} to ${
      d.ranked[n - 1] ? `${d.ranked[n - 1].label} (${whole(d.ranked[n - 1].rate)})` : "none"
    }; England ${whole(d.england)}.`,
    body: parts.join(""),
  });
}
