// A native chart (ChartSpec) drawn as SVG for the sheet view, from the cells it refers to, with
// the chart builders' primitives (src/charts/svg.ts). Excel draws the real one in the open
// workbook; this is the view's likeness of it: columns or bars, lines, dashes, markers and the
// scatter points, on one value axis.
import type { ChartSpec, Rect } from "../../report/plan";
import { GRID, MUTED, esc, fitText, niceTicks, px, svgDocument, tickLabel } from "../../charts/svg";
import type { SheetGrid } from "./grid";

/** The values of a one-column (or one-row) rectangle of the sheet, in order. */
function cellsOf(g: SheetGrid, r: Rect | undefined): (string | number | null)[] {
  if (!r) return [];
  const out: (string | number | null)[] = [];
  for (let i = 0; i < r.rows; i++)
    for (let j = 0; j < r.cols; j++) {
      const v = g.cells[r.row + i]?.[r.col + j]?.value ?? null;
      out.push(typeof v === "boolean" ? null : v);
    }
  return out;
}

const num = (v: string | number | null) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function chartSvg(spec: ChartSpec, g: SheetGrid, size: { width: number; height: number }): string {
  const { width, height } = size;
  const left = 48;
  const right = 10;
  const top = 30;
  const bottom = spec.xAxisTitle ? 34 : 20;
  const w = Math.max(10, width - left - right);
  const h = Math.max(10, height - top - bottom);
  const scatter = spec.kind === "xyScatter" || spec.kind === "xyScatterLines";
  const horizontal = spec.kind === "barClustered";
  const categories = cellsOf(g, spec.categories);
  const series = spec.series.map((s) => ({
    s,
    kind: s.kind ?? spec.kind,
    y: cellsOf(g, s.values).map(num),
    x: cellsOf(g, s.xValues ?? spec.categories).map(num),
  }));
  const ys = series.flatMap((d) => d.y.filter((v): v is number => v !== undefined));
  if (ys.length === 0) return svgDocument({ width, height, title: spec.title, body: "" });
  const yTicks = niceTicks(Math.min(0, ...ys), Math.max(...ys), 5);
  const [y0, y1] = [yTicks[0]!, Math.max(yTicks[yTicks.length - 1]!, Math.max(...ys))];
  const xs = scatter ? series.flatMap((d) => d.x.filter((v): v is number => v !== undefined)) : [];
  const xTicks = scatter ? niceTicks(Math.min(0, ...xs), Math.max(...xs), 4) : [];
  const [x0, x1] = scatter ? [xTicks[0]!, Math.max(xTicks[xTicks.length - 1]!, ...xs)] : [0, 1];
  const n = Math.max(1, categories.length || Math.max(...series.map((d) => d.y.length)));
  const band = (horizontal ? h : w) / n;
  // Position along the value axis (0..len) and along the category axis (centre of band i).
  const val = (v: number) => ((v - y0) / (y1 - y0 || 1)) * (horizontal ? w : h);
  const at = (i: number, x: number | undefined, v: number): [number, number] => {
    if (scatter) return [left + ((x! - x0) / (x1 - x0 || 1)) * w, top + h - val(v)];
    const c = (i + 0.5) * band;
    return horizontal ? [left + val(v), top + c] : [left + c, top + h - val(v)];
  };

  const parts: string[] = [];
  for (const t of yTicks) {
    const p = val(t);
    parts.push(
      horizontal
        ? `<line x1="${px(left + p)}" x2="${px(left + p)}" y1="${top}" y2="${top + h}" stroke="${GRID}"/><text x="${px(left + p)}" y="${top + h + 12}" text-anchor="middle" font-size="9" fill="${MUTED}">${tickLabel(t, yTicks)}</text>`
        : `<line x1="${left}" x2="${left + w}" y1="${px(top + h - p)}" y2="${px(top + h - p)}" stroke="${GRID}"/><text x="${left - 4}" y="${px(top + h - p + 3)}" text-anchor="end" font-size="9" fill="${MUTED}">${tickLabel(t, yTicks)}</text>`,
    );
  }
  for (const t of xTicks)
    parts.push(
      `<text x="${px(left + ((t - x0) / (x1 - x0 || 1)) * w)}" y="${top + h + 12}" text-anchor="middle" font-size="9" fill="${MUTED}">${tickLabel(t, xTicks)}</text>`,
    );
  for (const d of series) {
    const color = d.s.color ?? "#4472C4";
    if (d.kind === "columnClustered" || d.kind === "barClustered") {
      d.y.forEach((v, i) => {
        if (v === undefined) return;
        const base = val(Math.max(y0, 0));
        const [a, b] = [Math.min(base, val(v)), Math.abs(val(v) - base)];
        parts.push(
          horizontal
            ? `<rect x="${px(left + a)}" y="${px(top + i * band + band * 0.15)}" width="${px(b)}" height="${px(band * 0.7)}" fill="${color}"/>`
            : `<rect x="${px(left + i * band + band * 0.15)}" y="${px(top + h - a - b)}" width="${px(band * 0.7)}" height="${px(b)}" fill="${color}"/>`,
        );
      });
      continue;
    }
    const pts = d.y.flatMap((v, i) =>
      v === undefined || (scatter && d.x[i] === undefined) ? [] : [at(i, d.x[i], v)],
    );
    if (d.s.markerOnly)
      for (const [x, y] of pts)
        parts.push(
          horizontal
            ? `<line x1="${px(x)}" x2="${px(x)}" y1="${px(y - band * 0.35)}" y2="${px(y + band * 0.35)}" stroke="${color}"/>`
            : `<line x1="${px(x - band * 0.35)}" x2="${px(x + band * 0.35)}" y1="${px(y)}" y2="${px(y)}" stroke="${color}"/>`,
        );
    else if (d.kind === "xyScatter")
      for (const [x, y] of pts) parts.push(`<circle cx="${px(x)}" cy="${px(y)}" r="2.5" fill="${color}"/>`);
    else
      parts.push(
        `<polyline points="${pts.map(([x, y]) => `${px(x)},${px(y)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="1.5"${d.s.dash ? ' stroke-dasharray="5 3"' : ""}/>`,
      );
  }
  parts.push(
    `<text x="${px(width / 2)}" y="16" text-anchor="middle" font-size="12" font-weight="600">${esc(fitText(spec.title, 12, width - 8))}</text>`,
  );
  if (spec.xAxisTitle)
    parts.push(
      `<text x="${px(left + w / 2)}" y="${height - 6}" text-anchor="middle" font-size="10" fill="${MUTED}">${esc(fitText(spec.xAxisTitle, 10, w))}</text>`,
    );
  const desc = spec.series.map((s) => s.name).join(", ");
  return svgDocument({ width, height, title: spec.title, desc, body: parts.join("") });
}
