// Colours and glyphs shared by the maps and charts. The diverging scale is Annex B's (blue below
// England, white at England, red above) so a map reads like the sheet; verdicts also carry a glyph
// (▲ higher, ▼ lower) so nothing depends on colour alone.
import type { Verdict } from "../engine/types";
import { COLOR } from "../format/palette";
import { px } from "./svg";

export const LOW = COLOR.low;
export const HIGH = COLOR.high;
export const CENTRE = "#F7F7F7";
export const NO_DATA = "#BDBDBD";
/** The overdispersion-adjusted funnel limits (SPEC §4b): dark orange, apart from the verdict blue and red. */
export const ADJUSTED = "#B35806";

export const VERDICT_FILL: Record<Verdict, string> = {
  higher: "#E8575A",
  similar: "#E6E6E6",
  lower: "#4F7FC0",
};
export const VERDICT_TEXT: Record<Verdict, string> = {
  higher: "higher than England",
  similar: "similar to England",
  lower: "lower than England",
};

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, t: number): string {
  const [r1, g1, b1] = rgb(a);
  const [r2, g2, b2] = rgb(b);
  const c = (x: number, y: number) =>
    Math.round(x + (y - x) * t)
      .toString(16)
      .padStart(2, "0");
  return `#${c(r1, r2)}${c(g1, g2)}${c(b1, b2)}`.toUpperCase();
}

/**
 * A diverging scale on log(rate / England), symmetric: `spread` is the largest |log ratio| shown at
 * full strength (so 2× and ½× England are equally strong).
 */
export interface DivergingScale {
  centre: number;
  spread: number;
}

export function divergingScale(centre: number, rates: number[]): DivergingScale {
  let spread = 0;
  for (const r of rates) if (r > 0 && centre > 0) spread = Math.max(spread, Math.abs(Math.log(r / centre)));
  return { centre, spread: spread > 0 ? spread : Math.log(1.1) };
}

export function divergingColour(s: DivergingScale, rate: number): string {
  if (!(rate > 0) || !(s.centre > 0)) return rate === 0 ? LOW : NO_DATA;
  const t = Math.max(-1, Math.min(1, Math.log(rate / s.centre) / s.spread));
  return t < 0 ? mix(CENTRE, LOW, -t) : mix(CENTRE, HIGH, t);
}

/** Rate at scale position t ∈ [−1, 1] (legend ticks). */
export function scaleRate(s: DivergingScale, t: number): number {
  return s.centre * Math.exp(t * s.spread);
}

/** Black or white text, whichever reads better on the fill (WCAG relative luminance). */
export function inkOn(fill: string): string {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = rgb(fill);
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return l > 0.25 ? "#000000" : "#FFFFFF";
}

/** ▲ (higher) or ▼ (lower) as a path, centred on (x, y), `size` px tall; nothing for similar. */
export function verdictGlyph(v: Verdict, x: number, y: number, size: number, fill: string): string {
  if (v === "similar") return "";
  const h = size / 2;
  const w = size * 0.58;
  const d =
    v === "higher"
      ? `M${px(x)} ${px(y - h)}L${px(x + w)} ${px(y + h)}L${px(x - w)} ${px(y + h)}Z`
      : `M${px(x)} ${px(y + h)}L${px(x + w)} ${px(y - h)}L${px(x - w)} ${px(y - h)}Z`;
  return `<path d="${d}" fill="${fill}" stroke="#FFFFFF" stroke-width="0.6"/>`;
}

/** Diagonal hatching for "no data": grey, visible in black and white. */
export const NO_DATA_PATTERN_ID = "no-data";
export const noDataPattern = () =>
  `<pattern id="${NO_DATA_PATTERN_ID}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
  `<rect width="6" height="6" fill="#F0F0F0"/><line x1="0" y1="0" x2="0" y2="6" stroke="${NO_DATA}" stroke-width="2.5"/></pattern>`;
