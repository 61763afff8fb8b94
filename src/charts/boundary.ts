// Boundary map of the ICBs for one measure: the ONS generalised ICB boundaries (GeoJSON, EPSG:4326)
// projected with d3-geo (Mercator fitted to the frame), coloured like the hex map. Its own module
// because it pulls in d3-geo and a ~0.9 MB GeoJSON that the caller loads (the pane lazily, the CLI
// from assets/data): nothing here reads files.
import { geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { MeasureChartData } from "./data";
import { ICB_HEXES, ICB_REGIONS } from "./icb-hexes";
import { verdictGlyph } from "./colour";
import {
  type MapOptions,
  areaFill,
  joinIcbs,
  mapLegend,
  mapStyle,
  mapSubtitle,
  mapTooltip,
  offMapNote,
} from "./map-common";
import { MUTED, esc, heading, px, svgDocument, whole } from "./svg";

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
  /** [[x0, y0], [x1, y1]] in the frame. */
  bounds: [[number, number], [number, number]];
}

/** Projected outlines are the same for every measure: computed once per file and frame (d3-geo's resampling is the slow part). */
const shapeCache = new WeakMap<object, Map<string, Shape[]>>();

/** The features (all, or those whose ONS code is in `only`) fitted to the frame x, y, w × h. */
function projectedShapes(
  boundaries: IcbBoundaries,
  x: number,
  y: number,
  w: number,
  h: number,
  only?: Set<string>,
): Shape[] {
  const key = `${x},${y},${w},${h},${only ? [...only].join(" ") : "all"}`;
  let byFrame = shapeCache.get(boundaries);
  if (!byFrame) shapeCache.set(boundaries, (byFrame = new Map()));
  const cached = byFrame.get(key);
  if (cached) return cached;
  const features = only ? boundaries.features.filter((f) => only.has(onsCode(f))) : boundaries.features;
  if (features.length === 0) return [];
  const projection = geoMercator().fitExtent(
    [
      [x, y],
      [x + w, y + h],
    ],
    { type: "FeatureCollection", features },
  );
  // A tenth of a pixel is plenty; the file's 14-digit coordinates would triple the SVG.
  const path = geoPath(projection).digits(1);
  const shapes = features.map((f) => ({
    ons: onsCode(f),
    d: path(f) ?? "",
    centroid: path.centroid(f) as [number, number],
    bounds: path.bounds(f),
  }));
  byFrame.set(key, shapes);
  return shapes;
}

const BY_ONS = new Map(ICB_HEXES.map((h) => [h.ons, h]));
const LONDON = new Set(ICB_REGIONS.London.map((code) => ICB_HEXES.find((h) => h.code === code)!.ons));

/**
 * London's five ICBs are a few pixels across on the map: an enlarged inset of them in the map's
 * top-right corner (the North Sea), framed, and a frame around London on the map that it enlarges.
 * Nothing when the boundaries hold none of them.
 */
function londonInset(
  at: { boundaries: IcbBoundaries; shapes: Shape[]; x: number; y: number; size: number },
  fills: (list: Shape[], stroke: number) => string[],
  glyphs: (list: Shape[]) => string[],
): string {
  const onMap = at.shapes.filter((sh) => LONDON.has(sh.ons));
  if (onMap.length === 0) return "";
  const { size } = at;
  const x0 = at.x - size;
  const labelH = 14;
  const inset = projectedShapes(at.boundaries, x0 + 4, at.y + labelH, size - 8, size - labelH - 4, LONDON);
  const lx0 = Math.min(...onMap.map((s) => s.bounds[0][0])) - 2;
  const ly0 = Math.min(...onMap.map((s) => s.bounds[0][1])) - 2;
  const lx1 = Math.max(...onMap.map((s) => s.bounds[1][0])) + 2;
  const ly1 = Math.max(...onMap.map((s) => s.bounds[1][1])) + 2;
  return (
    `<rect x="${px(lx0)}" y="${px(ly0)}" width="${px(lx1 - lx0)}" height="${px(ly1 - ly0)}" fill="none" stroke="${MUTED}" stroke-width="0.8"/>` +
    `<g data-inset="London"><rect x="${px(x0)}" y="${px(at.y)}" width="${size}" height="${size}" fill="#FFFFFF" stroke="${MUTED}" stroke-width="0.8"/>` +
    `<text x="${px(x0 + 4)}" y="${px(at.y + 11)}" font-size="10" fill="${MUTED}">London (enlarged)</text>` +
    fills(inset, 1).join("") +
    glyphs(inset).join("") +
    `</g>`
  );
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
  const style = mapStyle(d, o);
  const head = heading(
    `${d.measure}: standardised rate ${perK}, by ${noun}`,
    mapSubtitle("ICB boundaries", style, d),
    width,
    pad,
  );
  const top = pad + head.height + 8;
  const mapW = width - 2 * pad;
  // England is about 1.25 times as tall as wide in Mercator.
  const mapH = Math.round(mapW * 1.2);
  const join = joinIcbs(d);
  const shapes = projectedShapes(boundaries, pad, top, mapW, mapH);
  const area = (sh: Shape) => {
    const icb = BY_ONS.get(sh.ons);
    return icb && { icb, a: join.byIcb.get(icb.code) };
  };
  const fills = (list: Shape[], stroke: number) =>
    list.flatMap((sh) => {
      const x = area(sh);
      return x
        ? [
            `<path data-area="${esc(x.icb.code)}" d="${sh.d}" fill="${areaFill(style, x.a)}" stroke="#FFFFFF" stroke-width="${stroke}"><title>${esc(mapTooltip(x.icb, x.a, perK, join.suppressed.has(x.icb.code)))}</title></path>`,
          ]
        : [];
    });
  // Glyphs at each ICB's centroid, after all fills so no neighbour covers them.
  const glyphs = (list: Shape[]) =>
    list.flatMap((sh) => {
      const a = area(sh)?.a;
      return a && a.vs998 !== "similar"
        ? [verdictGlyph(a.vs998, sh.centroid[0], sh.centroid[1], 8, "#000000")]
        : [];
    });
  const noData = shapes.some((sh) => area(sh) && !area(sh)!.a);
  const parts: string[] = [head.svg, ...fills(shapes, 0.6), ...glyphs(shapes)];
  parts.push(
    londonInset({ boundaries, shapes, x: pad + mapW, y: top, size: Math.round(mapW * 0.3) }, fills, glyphs),
  );
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
