// Boundary map of the ICBs for one measure: the ONS generalised ICB boundaries (GeoJSON, EPSG:4326)
// projected with d3-geo (Mercator fitted to the frame), coloured like the hex map. Its own module
// because it pulls in d3-geo and a ~0.9 MB GeoJSON that the caller loads (the pane lazily, the CLI
// from assets/data): nothing here reads files.
import { geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { MeasureChartData } from "./data";
import { ICB_HEXES } from "./icb-hexes";
import { verdictGlyph } from "./colour";
import {
  type MapOptions,
  areaFill,
  joinIcbs,
  mapLegend,
  mapStyle,
  mapTooltip,
  offMapNote,
} from "./map-common";
import { esc, heading, svgDocument, whole } from "./svg";

export type IcbBoundaries = FeatureCollection<
  Geometry,
  { ICB23CD?: string; ICB24CD?: string; [k: string]: unknown }
>;

/** The feature's ONS ICB code (ICB23CD in the April 2023 file; 2024 files use ICB24CD). */
function onsCode(f: Feature<Geometry, { ICB23CD?: string; ICB24CD?: string }>): string {
  return String(f.properties?.ICB24CD ?? f.properties?.ICB23CD ?? "").toUpperCase();
}

interface Shape {
  ons: string;
  d: string;
  centroid: [number, number];
}

/** Projected outlines are the same for every measure: computed once per file and frame (d3-geo's resampling is the slow part). */
const shapeCache = new WeakMap<object, Map<string, Shape[]>>();

function projectedShapes(boundaries: IcbBoundaries, x: number, y: number, w: number, h: number): Shape[] {
  const key = `${x},${y},${w},${h}`;
  let byFrame = shapeCache.get(boundaries);
  if (!byFrame) shapeCache.set(boundaries, (byFrame = new Map()));
  const cached = byFrame.get(key);
  if (cached) return cached;
  const projection = geoMercator().fitExtent(
    [
      [x, y],
      [x + w, y + h],
    ],
    boundaries,
  );
  // A tenth of a pixel is plenty; the file's 14-digit coordinates would triple the SVG.
  const path = geoPath(projection).digits(1);
  const shapes = boundaries.features.map((f) => ({
    ons: onsCode(f),
    d: path(f) ?? "",
    centroid: path.centroid(f) as [number, number],
  }));
  byFrame.set(key, shapes);
  return shapes;
}

export interface BoundaryMapOptions extends MapOptions {
  noun?: string;
}

export function boundaryMapSvg(
  d: MeasureChartData,
  boundaries: IcbBoundaries,
  o: BoundaryMapOptions = {},
): string {
  const width = Math.max(300, o.width ?? 480);
  const noun = o.noun ?? "ICB";
  const perK = `per ${whole(d.multiplier)}`;
  const pad = 10;
  const head = heading(
    `${d.measure}: standardised rate ${perK}, by ${noun}`,
    `ICB boundaries; colour centred on England (${whole(d.england)})`,
    width,
    pad,
  );
  const top = pad + head.height + 8;
  const mapW = width - 2 * pad;
  // England is about 1.25 times as tall as wide in Mercator.
  const mapH = Math.round(mapW * 1.2);
  const style = mapStyle(d, o);
  const join = joinIcbs(d);
  const byOns = new Map(ICB_HEXES.map((h) => [h.ons, h]));
  const shapes = projectedShapes(boundaries, pad, top, mapW, mapH);
  const parts: string[] = [head.svg];
  let noData = false;
  for (const sh of shapes) {
    const icb = byOns.get(sh.ons);
    if (!icb) continue;
    const a = join.byIcb.get(icb.code);
    if (!a) noData = true;
    parts.push(
      `<path data-area="${esc(icb.code)}" d="${sh.d}" fill="${areaFill(style, a)}" stroke="#FFFFFF" stroke-width="0.6"><title>${esc(mapTooltip(icb, a, perK, join.suppressed.has(icb.code)))}</title></path>`,
    );
  }
  // Glyphs at each ICB's centroid, after all fills so no neighbour covers them.
  for (const sh of shapes) {
    const icb = byOns.get(sh.ons);
    const a = icb && join.byIcb.get(icb.code);
    if (!a || a.vs998 === "similar") continue;
    parts.push(verdictGlyph(a.vs998, sh.centroid[0], sh.centroid[1], 8, "#000000"));
  }
  let y = top + mapH + 6;
  const legend = mapLegend(d, style, pad, y, mapW, noData);
  parts.push(legend.svg);
  y += legend.height;
  const note = offMapNote(join.offMap, pad, y, mapW);
  parts.push(note.svg);
  y += note.height;
  return svgDocument({
    width,
    height: Math.ceil(y + pad),
    title: `${d.measure}: standardised rates ${perK} by ${noun}, boundary map`,
    desc: `${join.byIcb.size} ICBs with data; England ${whole(d.england)} ${perK}.`,
    defs: style.defs,
    body: parts.join(""),
  });
}
