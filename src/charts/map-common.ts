// What the hex map and the boundary map share: joining areas to the 42 ICBs (by ODS code, or the ONS
// code), the fill of each ICB (diverging scale centred on England, or the verdict), hatching for
// "no data", the tooltip text, and the legend.
import {
  NO_DATA_PATTERN_ID,
  VERDICT_FILL,
  VERDICT_TEXT,
  divergingColour,
  divergingScale,
  inkOn,
  noDataPattern,
  scaleRate,
  verdictGlyph,
  type DivergingScale,
} from "./colour";
import type { MeasureChartData, RankedArea } from "./data";
import { type IcbHex, ICB_HEXES } from "./icb-hexes";
import { MUTED, esc, fitText, px, whole } from "./svg";

export type MapColouring = "scale" | "verdict";

export interface MapOptions {
  /** Pixel width; legible from 320 px. Default 480. */
  width?: number;
  /** Diverging scale on the rate (default) or higher/similar/lower at 99.8%. */
  colouring?: MapColouring;
  /** Prefix for ids inside the SVG (pattern), so several maps can share one HTML page. */
  idPrefix?: string;
}

export interface IcbJoin {
  /** ICB ODS code → its area result (rated areas only). */
  byIcb: Map<string, RankedArea>;
  /** Areas of the data that are not one of the 42 ICBs (not drawn; listed under the map). */
  offMap: string[];
  /** ICB ODS codes of areas suppressed for small numbers (SPEC §12): drawn without data, labelled `*`. */
  suppressed: Set<string>;
}

const norm = (s: string) => s.trim().toUpperCase();

/** Joins the measure's areas to the ICB hexes by ODS code, falling back to the ONS code. */
export function joinIcbs(d: MeasureChartData, icbs: IcbHex[] = ICB_HEXES): IcbJoin {
  const byKey = new Map<string, IcbHex>();
  for (const h of icbs) {
    byKey.set(norm(h.code), h);
    byKey.set(norm(h.ons), h);
  }
  const byIcb = new Map<string, RankedArea>();
  const offMap: string[] = [];
  for (const a of d.ranked) {
    const h = byKey.get(norm(a.area));
    if (h) byIcb.set(h.code, a);
    else offMap.push(a.area);
  }
  for (const a of d.noRate) if (!byKey.has(norm(a.area))) offMap.push(a.area);
  const suppressed = new Set<string>();
  for (const a of d.suppressed) {
    const h = byKey.get(norm(a.area));
    if (h) suppressed.add(h.code);
  }
  return { byIcb, offMap, suppressed };
}

/** True when at least one area of the results is an ICB on the map (otherwise a map says nothing). */
export function hasIcbAreas(areaCodes: string[]): boolean {
  const keys = new Set(ICB_HEXES.flatMap((h) => [h.code, h.ons]));
  return areaCodes.some((c) => keys.has(norm(c)));
}

export interface MapStyle {
  colouring: MapColouring;
  scale: DivergingScale;
  noDataFill: string;
  defs: string;
}

export function mapStyle(d: MeasureChartData, o: MapOptions): MapStyle {
  const id = `${o.idPrefix ?? "stdrates"}-${NO_DATA_PATTERN_ID}`;
  return {
    colouring: o.colouring ?? "scale",
    scale: divergingScale(
      d.england,
      d.ranked.map((a) => a.rate),
    ),
    noDataFill: `url(#${id})`,
    defs: noDataPattern().replace(`id="${NO_DATA_PATTERN_ID}"`, `id="${id}"`),
  };
}

export function areaFill(s: MapStyle, a: RankedArea | undefined): string {
  if (!a) return s.noDataFill;
  return s.colouring === "verdict" ? VERDICT_FILL[a.vs998] : divergingColour(s.scale, a.rate);
}

export function labelInk(s: MapStyle, a: RankedArea | undefined): string {
  return a ? inkOn(areaFill(s, a)) : "#000000";
}

export function mapTooltip(icb: IcbHex, a: RankedArea | undefined, perK: string, suppressed = false): string {
  if (suppressed) return `${icb.name} (${icb.code}): * (suppressed: small numbers)`;
  if (!a) return `${icb.name} (${icb.code}): no data`;
  return (
    `${a.name ?? icb.name} (${icb.code}): standardised rate ${whole(a.rate)} ${perK}; ` +
    `95% limits ${whole(a.lower95)} to ${whole(a.upper95)}; 99.8% limits ${whole(a.lower998)} to ${whole(a.upper998)}; ` +
    `${VERDICT_TEXT[a.vs998]} (99.8%)`
  );
}

/** Glyph fill that stands out on the area's fill. */
export function glyphInk(s: MapStyle, a: RankedArea): string {
  return inkOn(areaFill(s, a)) === "#FFFFFF" ? "#FFFFFF" : "#000000";
}

export function mapGlyph(s: MapStyle, a: RankedArea | undefined, x: number, y: number, size: number): string {
  return a
    ? verdictGlyph(a.vs998, x, y, size, glyphInk(s, a)).replace('stroke="#FFFFFF"', 'stroke="none"')
    : "";
}

/**
 * Legend below a map, `width` wide from (x, y): the scale bar (or verdict swatches), a hatched
 * "no data" swatch and the glyph keys. Returns the SVG and its height.
 */
export function mapLegend(
  d: MeasureChartData,
  s: MapStyle,
  x: number,
  y: number,
  width: number,
  anyNoData: boolean,
): { svg: string; height: number } {
  const parts: string[] = [];
  let cy = y + 12;
  if (s.colouring === "scale") {
    const barW = Math.min(width, 300);
    const n = 24;
    for (let i = 0; i < n; i++) {
      const t = -1 + (2 * (i + 0.5)) / n;
      parts.push(
        `<rect x="${px(x + (barW * i) / n)}" y="${cy}" width="${px(barW / n + 0.4)}" height="9" fill="${divergingColour(s.scale, scaleRate(s.scale, t))}"/>`,
      );
    }
    parts.push(
      `<rect x="${x}" y="${cy}" width="${barW}" height="9" fill="none" stroke="${MUTED}" stroke-width="0.5"/>`,
    );
    // England above the bar at its centre; the lowest and highest rates below, where they fall.
    const rates = d.ranked.map((a) => a.rate).filter((r) => r > 0);
    const at = (r: number) =>
      x + (barW * (Math.max(-1, Math.min(1, Math.log(r / s.scale.centre) / s.scale.spread)) + 1)) / 2;
    parts.push(
      `<line x1="${px(x + barW / 2)}" y1="${cy - 2}" x2="${px(x + barW / 2)}" y2="${cy + 11}" stroke="#000000" stroke-width="1"/>` +
        `<text x="${px(x + barW / 2)}" y="${cy - 4}" font-size="9" text-anchor="middle">England ${esc(whole(d.england))}</text>`,
    );
    if (rates.length) {
      const lo = Math.min(...rates);
      const hi = Math.max(...rates);
      for (const [r, anchor] of [
        [lo, "start"],
        [hi, "end"],
      ] as const) {
        const rx = at(r);
        const label = anchor === "start" ? `lowest ${whole(r)}` : `highest ${whole(r)}`;
        parts.push(
          `<line x1="${px(rx)}" y1="${cy + 9}" x2="${px(rx)}" y2="${cy + 12}" stroke="#000000" stroke-width="0.8"/>` +
            `<text x="${px(anchor === "start" ? Math.max(x, rx - 4) : Math.min(x + barW, rx + 4))}" y="${cy + 21}" font-size="9" text-anchor="${anchor}">${esc(label)}</text>`,
        );
      }
    }
    cy += 30;
  } else {
    let sx = x;
    cy -= 12;
    for (const v of ["higher", "similar", "lower"] as const) {
      const label = v === "similar" ? "Similar" : v === "higher" ? "Higher" : "Lower";
      parts.push(
        `<rect x="${sx}" y="${cy}" width="12" height="10" fill="${VERDICT_FILL[v]}" stroke="${MUTED}" stroke-width="0.5"/><text x="${sx + 15}" y="${cy + 9}" font-size="9">${label}</text>`,
      );
      sx += 62;
    }
    cy += 16;
  }
  let kx = x;
  parts.push(
    verdictGlyph("higher", kx + 4, cy + 5, 8, "#000000") +
      `<text x="${kx + 11}" y="${cy + 9}" font-size="9">higher</text>`,
  );
  kx += 50;
  parts.push(
    verdictGlyph("lower", kx + 4, cy + 5, 8, "#000000") +
      `<text x="${kx + 11}" y="${cy + 9}" font-size="9">lower than England (99.8%)</text>`,
  );
  cy += 15;
  if (anyNoData) {
    parts.push(
      `<rect x="${x}" y="${cy}" width="12" height="10" fill="${s.noDataFill}" stroke="${MUTED}" stroke-width="0.5"/><text x="${x + 15}" y="${cy + 9}" font-size="9">No data</text>`,
    );
    cy += 15;
  }
  return { svg: parts.join(""), height: cy - y };
}

/**
 * A map's subtitle: what its colours mean. Colouring by verdict is not centred on anything, so it
 * says which colour is which verdict (not "colour centred on England").
 */
export function mapSubtitle(kind: string, style: MapStyle, d: MeasureChartData): string {
  return style.colouring === "verdict"
    ? `${kind}; red higher, blue lower, grey similar to England (${whole(d.england)}) at 99.8%`
    : `${kind}; colour centred on England (${whole(d.england)})`;
}

/** One grey line listing areas that are not ICBs on the map, if any. */
export function offMapNote(
  offMap: string[],
  x: number,
  y: number,
  width: number,
): { svg: string; height: number } {
  if (offMap.length === 0) return { svg: "", height: 0 };
  const text = `Not on the map (not an ICB code): ${offMap.join(", ")}`;
  return {
    svg: `<text x="${x}" y="${y + 9}" font-size="9" fill="${MUTED}">${esc(fitText(text, 9, width))}</text>`,
    height: 14,
  };
}
