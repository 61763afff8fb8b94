// Hex map of the 42 ICBs for one measure (Open Innovations' layout, odd-r, north up). Each hex is
// filled by the standardised rate on a scale centred on England (or by the verdict), carries its
// 3-letter label and ▲/▼ when significantly higher/lower at 99.8%, and a <title> tooltip. ICBs with
// no data are hatched. Pure: the pane shows the string, the CLI renders it to PNG.
import type { MeasureChartData } from "./data";
import { type IcbHex, ICB_HEXES } from "./icb-hexes";
import {
  type MapOptions,
  areaFill,
  joinIcbs,
  labelInk,
  mapGlyph,
  mapLegend,
  mapStyle,
  mapSubtitle,
  mapTooltip,
  offMapNote,
} from "./map-common";
import { esc, heading, px, svgDocument, textWidth, whole } from "./svg";

export interface HexMapOptions extends MapOptions {
  /** "ICB" or "area", for titles. */
  noun?: string;
  /** The hexes (default the 42 ICBs); tests pass fewer. */
  hexes?: IcbHex[];
}

/** Centre of a pointy-top hex of circumradius `size` in an odd-r grid with r growing northwards. */
export function hexCentre(h: { q: number; r: number }, size: number, rMax: number): [number, number] {
  const w = Math.sqrt(3) * size;
  return [h.q * w + ((h.r & 1) === 1 ? w / 2 : 0), (rMax - h.r) * 1.5 * size];
}

function hexPath(cx: number, cy: number, size: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const a = (Math.PI / 180) * (60 * i - 90);
    pts.push(`${px(cx + size * Math.cos(a))} ${px(cy + size * Math.sin(a))}`);
  }
  return `M${pts.join("L")}Z`;
}

/** The smallest hex label, in SVG pixels (the pane draws the SVG at its own width: 1:1). */
export const LABEL_MIN_PX = 10;

/** textLength that fits `text` into `room` pixels when it would not fit at its size; else nothing. */
function squeeze(text: string, size: number, room: number): string {
  return textWidth(text, size) > room ? ` textLength="${px(room)}" lengthAdjust="spacingAndGlyphs"` : "";
}

export function hexMapSvg(d: MeasureChartData, o: HexMapOptions = {}): string {
  const width = Math.max(300, o.width ?? 480);
  const hexes = o.hexes ?? ICB_HEXES;
  const noun = o.noun ?? "ICB";
  const perK = `per ${whole(d.multiplier)}`;
  const pad = 10;
  const style = mapStyle(d, o);
  const join = joinIcbs(d, hexes);

  const qMin = Math.min(...hexes.map((h) => h.q));
  const qMax = Math.max(...hexes.map((h) => h.q));
  const rMin = Math.min(...hexes.map((h) => h.r));
  const rMax = Math.max(...hexes.map((h) => h.r));
  // Width in hex widths: columns plus the half shift of odd rows; height in 1.5-radius rows plus 2 radii.
  const cols = qMax - qMin + 1.5;
  const size = Math.min((width - 2 * pad) / (cols * Math.sqrt(3)), 34);
  const gridW = cols * Math.sqrt(3) * size;
  const gridH = (rMax - rMin) * 1.5 * size + 2 * size;
  const head = heading(
    `${d.measure}: standardised rate ${perK}, by ${noun}`,
    mapSubtitle("Hex map", style, d),
    width,
    pad,
  );
  const top = pad + head.height + 8;
  const ox = pad + (width - 2 * pad - gridW) / 2 - qMin * Math.sqrt(3) * size + (Math.sqrt(3) * size) / 2;
  const oy = top + size;
  // Labels stay readable (10 px at least) at the pane's 300 px; a label wider than its hex is
  // squeezed to the hex's width (textLength) rather than shrunk.
  const labelSize = Math.max(LABEL_MIN_PX, Math.min(12, size * 0.4));
  const labelRoom = Math.sqrt(3) * size * 0.96 - 3;

  const parts: string[] = [head.svg];
  let noData = false;
  for (const h of hexes) {
    const a = join.byIcb.get(h.code);
    if (!a) noData = true;
    const [x, y] = hexCentre(h, size, rMax);
    const cx = ox + x;
    const cy = oy + y;
    const ink = labelInk(style, a);
    const label = h.abbr + (join.suppressed.has(h.code) ? "*" : "");
    parts.push(
      `<g data-area="${esc(h.code)}"><title>${esc(mapTooltip(h, a, perK, join.suppressed.has(h.code)))}</title>` +
        `<path d="${hexPath(cx, cy, size * 0.96)}" fill="${areaFill(style, a)}" stroke="#FFFFFF" stroke-width="1"/>` +
        (a?.vs998 !== "similar" && a
          ? mapGlyph(style, a, cx, cy - size * 0.32, Math.max(6, size * 0.3))
          : "") +
        `<text x="${px(cx)}" y="${px(cy + (a && a.vs998 !== "similar" ? size * 0.38 : labelSize * 0.36))}" font-size="${px(labelSize)}" text-anchor="middle" fill="${ink}"${squeeze(label, labelSize, labelRoom)}>${esc(label)}</text>` +
        `</g>`,
    );
  }
  let y = top + gridH + 6;
  const legend = mapLegend(d, style, pad, y, width - 2 * pad, noData);
  parts.push(legend.svg);
  y += legend.height;
  const note = offMapNote(join.offMap, pad, y, width - 2 * pad);
  parts.push(note.svg);
  y += note.height;
  const shown = hexes.filter((h) => join.byIcb.has(h.code)).length;
  return svgDocument({
    width,
    height: Math.ceil(y + pad),
    title: `${d.measure}: standardised rates ${perK} by ${noun}, hex map`,
    desc: `${shown} of ${hexes.length} ICBs have data; England ${whole(d.england)} ${perK}.`,
    defs: style.defs,
    body: parts.join(""),
  });
}
