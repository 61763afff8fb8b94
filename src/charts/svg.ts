// Small SVG helpers shared by the chart builders: escaping, number text, rough text widths, axis
// ticks and the document wrapper. Strings only: no DOM, so Node (resvg → PNG) and the pane draw the same.
import { formatWhole } from "../format/numbers";

/** Fonts present in Office on Windows and Mac, then on Linux CI (DejaVu) for the PNGs. */
export const FONT_FAMILY = "'Segoe UI', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
export const INK = "#212121";
export const MUTED = "#595959";
export const GRID = "#E0E0E0";

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Coordinates to 0.1 px: plenty for the eye, and a 42-hex map stays a few kB. */
export const px = (v: number) => String(Math.round(v * 10) / 10);

/** Rates as the report shows them (SPEC §7): 3,670. */
export const whole = formatWhole;

/** Ratios: two decimals. */
export const ratio2 = (v: number) => v.toFixed(2);

/** Width of text in a sans-serif face, erring wide (DejaVu Sans averages about 0.6 em). */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[il.,:;'|!]/.test(ch) ? 0.3 : /[A-Z mwMW]/.test(ch) ? 0.72 : 0.58;
  return w * size;
}

/** Text shortened with "…" to fit a width. */
export function fitText(s: string, size: number, width: number): string {
  if (textWidth(s, size) <= width) return s;
  let t = s;
  while (t.length > 1 && textWidth(`${t}…`, size) > width) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

/** About `count` round tick values covering [min, max] (1, 2, 2.5, 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Tick label: whole numbers with separators, small values with as many decimals as their step has (0.25 → 2). */
export function tickLabel(v: number, ticks: number[]): string {
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  if (step >= 1 && Number.isInteger(v)) return whole(v);
  let d = 0;
  while (d < 6 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-9 * 10 ** d) d++;
  return v.toFixed(d);
}

export interface SvgDoc {
  width: number;
  height: number;
  /** Accessible name (the <title>), e.g. "X-ray: standardised rates by ICB". */
  title: string;
  /** Longer description for screen readers. */
  desc?: string;
  body: string;
  defs?: string;
}

export function svgDocument(d: SvgDoc): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}" ` +
    `role="img" font-family="${FONT_FAMILY}" font-size="11" fill="${INK}">` +
    `<title>${esc(d.title)}</title>${d.desc ? `<desc>${esc(d.desc)}</desc>` : ""}` +
    (d.defs ? `<defs>${d.defs}</defs>` : "") +
    `<rect width="${d.width}" height="${d.height}" fill="#FFFFFF"/>${d.body}</svg>`
  );
}

/** Words of `s` in lines no wider than `width` (at most `max` lines; the last one shortened with "…"). */
export function wrapText(s: string, size: number, width: number, max = 2): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of s.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length > max) lines.splice(max - 1, lines.length, lines.slice(max - 1).join(" "));
  return lines.map((l, i) => (i === lines.length - 1 ? fitText(l, size, width) : l));
}

/** Chart heading: bold title (wrapping to two lines in a narrow pane) and a grey subtitle; returns its height. */
export function heading(
  title: string,
  subtitle: string,
  width: number,
  pad: number,
): { svg: string; height: number } {
  const lines = wrapText(title, 13, width - 2 * pad);
  const subs = wrapText(subtitle, 10, width - 2 * pad);
  let y = pad + 12;
  let svg = "";
  for (const l of lines) {
    svg += `<text x="${pad}" y="${y}" font-size="13" font-weight="bold">${esc(l)}</text>`;
    y += 16;
  }
  for (const l of subs) {
    svg += `<text x="${pad}" y="${y}" font-size="10" fill="${MUTED}">${esc(l)}</text>`;
    y += 13;
  }
  return { svg, height: y - pad - 4 };
}
