// Funnel plot of one measure: the standardised ratio O/E against the expected count E, with exact
// Poisson control limits at 95% (dashed) and 99.8% (solid) around 1 (England), and the
// overdispersion-adjusted limits (SPEC §4b) in orange, so the eye sees which areas remain outliers. Areas above the upper
// 99.8% line are ▲, below the lower ▼ (filled at 99.8%, hollow at 95% only); circles are within.
import type { FunnelSignificance } from "../engine/funnel";
import { ADJUSTED, HIGH, LOW } from "./colour";
import type { FunnelPoint, MeasureChartData } from "./data";
import {
  GRID,
  MUTED,
  esc,
  fitText,
  heading,
  niceTicks,
  px,
  ratio2,
  svgDocument,
  tickLabel,
  whole,
} from "./svg";

export interface FunnelOptions {
  width?: number;
  height?: number;
  noun?: string;
  /** Prefix for ids inside the SVG (clip path), so several plots can share one HTML page. */
  idPrefix?: string;
}

const SIGNIFICANCE_TEXT: Record<FunnelSignificance, string> = {
  "High (0.001)": "above the 99.8% limit",
  "High (0.025)": "above the 95% limit",
  "Low (0.001)": "below the 99.8% limit",
  "Low (0.025)": "below the 95% limit",
  "Not significant": "within the 95% limits",
};

export function funnelTooltip(p: FunnelPoint): string {
  const od = p.vs998OD === "similar" ? "within" : p.vs998OD === "higher" ? "above" : "below";
  return `${p.label} (${p.area}): observed ${whole(p.observed)}, expected ${whole(p.expected)}, ratio ${ratio2(p.ratio)}; ${SIGNIFICANCE_TEXT[p.significance]}; ${od} the overdispersed 99.8% limits`;
}

function marker(p: FunnelPoint, x: number, y: number): string {
  const s = p.significance;
  if (s === "Not significant")
    return `<circle cx="${px(x)}" cy="${px(y)}" r="2.6" fill="#9E9E9E" stroke="#424242" stroke-width="0.6"/>`;
  const up = s.startsWith("High");
  const colour = up ? HIGH : LOW;
  const strong = s.endsWith("(0.001)");
  const h = 4;
  const w = 3.6;
  const d = up
    ? `M${px(x)} ${px(y - h)}L${px(x + w)} ${px(y + h * 0.75)}L${px(x - w)} ${px(y + h * 0.75)}Z`
    : `M${px(x)} ${px(y + h)}L${px(x + w)} ${px(y - h * 0.75)}L${px(x - w)} ${px(y - h * 0.75)}Z`;
  return `<path d="${d}" fill="${strong ? colour : "#FFFFFF"}" stroke="${strong ? "#303030" : colour}" stroke-width="${strong ? 0.6 : 1.4}"/>`;
}

export function funnelPlotSvg(d: MeasureChartData, o: FunnelOptions = {}): string {
  const width = Math.max(280, o.width ?? 480);
  // Narrow panes wrap the heading: keep the plot at least 180 px tall.
  const height = Math.max(300, o.height ?? Math.round(width * 0.75));
  const noun = o.noun ?? "area";
  const pad = 10;
  const left = pad + 34;
  const right = width - pad - 4;
  const head = heading(
    `${d.measure}: standardised ratio by expected count`,
    `Funnel plot of ${d.funnel.points.length} ${noun}s; control limits exact Poisson (grey) and overdispersed (orange), 95% and 99.8%`,
    width,
    pad,
  );
  const top = pad + head.height + 8;
  const bottom = height - pad - 56;
  const { points, limits, adjusted } = d.funnel;
  const xMaxData = Math.max(...points.map((p) => p.expected), ...limits.map((l) => l.expected), 1);
  const xTicks = niceTicks(0, xMaxData, width < 400 ? 3 : 5);
  const xMax = Math.max(xMaxData, xTicks[xTicks.length - 1]);
  // y covers every point and the limits where the points are (lines may leave the frame at small E).
  const eMin = points.length ? points[0].expected : limits[0].expected;
  const inRange = limits.filter((l) => l.expected >= eMin);
  const adjustedInRange = adjusted.filter((l) => l.expected >= eMin);
  const ys = [
    1,
    ...points.map((p) => p.ratio),
    ...[...inRange, ...adjustedInRange].flatMap((l) => [l.lower998, l.upper998]),
  ];
  let yMin = Math.min(...ys);
  let yMax = Math.max(...ys);
  const span = Math.max(yMax - yMin, 0.02);
  yMin = Math.max(0, yMin - span * 0.06);
  yMax = yMax + span * 0.06;
  const yTicks = niceTicks(yMin, yMax, 5);
  const sx = (v: number) => left + ((right - left) * v) / xMax;
  const sy = (v: number) => bottom - ((bottom - top) * (v - yMin)) / (yMax - yMin);
  const parts: string[] = [];
  const clip = `${o.idPrefix ?? "stdrates"}-funnel-clip`;

  parts.push(head.svg);
  for (const t of yTicks)
    parts.push(
      `<line x1="${left}" y1="${px(sy(t))}" x2="${right}" y2="${px(sy(t))}" stroke="${GRID}" stroke-width="0.6"/>` +
        `<text x="${left - 3}" y="${px(sy(t) + 3)}" font-size="9" text-anchor="end" fill="${MUTED}">${esc(tickLabel(t, yTicks))}</text>`,
    );
  for (const t of xTicks)
    parts.push(
      `<line x1="${px(sx(t))}" y1="${bottom}" x2="${px(sx(t))}" y2="${bottom + 3}" stroke="${MUTED}" stroke-width="0.8"/>` +
        `<text x="${px(sx(t))}" y="${bottom + 13}" font-size="9" text-anchor="middle" fill="${MUTED}">${esc(tickLabel(t, xTicks))}</text>`,
    );
  const line = (
    key: "lower998" | "lower95" | "upper95" | "upper998",
    dash: boolean,
    rows = limits,
    colour = "#404040",
  ) =>
    `<polyline points="${rows.map((l) => `${px(sx(l.expected))},${px(sy(l[key]))}`).join(" ")}" fill="none" stroke="${colour}" stroke-width="${dash ? 1 : 1.3}"${dash ? ' stroke-dasharray="4 3"' : ""}/>`;
  const adjustedLines = `<g data-limits="overdispersed">${(["upper998", "lower998"] as const).map((key) => line(key, false, adjusted, ADJUSTED)).join("")}${(["upper95", "lower95"] as const).map((key) => line(key, true, adjusted, ADJUSTED)).join("")}</g>`;
  parts.push(
    `<g clip-path="url(#${clip})">` +
      line("upper998", false) +
      line("upper95", true) +
      line("lower95", true) +
      line("lower998", false) +
      adjustedLines +
      `<line x1="${left}" y1="${px(sy(1))}" x2="${right}" y2="${px(sy(1))}" stroke="#000000" stroke-width="1"/>` +
      points
        .map((p) => `<g><title>${esc(funnelTooltip(p))}</title>${marker(p, sx(p.expected), sy(p.ratio))}</g>`)
        .join("") +
      `</g>`,
  );
  parts.push(
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="${MUTED}" stroke-width="0.8"/>` +
      `<text x="${px((left + right) / 2)}" y="${bottom + 26}" font-size="10" text-anchor="middle">Expected count (E)</text>` +
      `<text transform="translate(${pad + 3} ${px((top + bottom) / 2)}) rotate(-90)" font-size="10" text-anchor="middle">Ratio O/E (England = 1)</text>`,
  );
  const ly = height - pad - 4;
  const legend = [
    `<line x1="${pad}" y1="${ly - 3}" x2="${pad + 16}" y2="${ly - 3}" stroke="#404040" stroke-width="1.3"/><text x="${pad + 19}" y="${ly}" font-size="9">99.8%</text>`,
    `<line x1="${pad + 52}" y1="${ly - 3}" x2="${pad + 68}" y2="${ly - 3}" stroke="#404040" stroke-dasharray="4 3"/><text x="${pad + 71}" y="${ly}" font-size="9">95%</text>`,
    marker({ significance: "High (0.001)" } as FunnelPoint, pad + 104, ly - 3) +
      `<text x="${pad + 110}" y="${ly}" font-size="9">above</text>`,
    marker({ significance: "Low (0.001)" } as FunnelPoint, pad + 146, ly - 3) +
      `<text x="${pad + 152}" y="${ly}" font-size="9">below (hollow: 95% only)</text>`,
  ];
  parts.push(legend.join(""));
  parts.push(
    `<line x1="${pad}" y1="${ly - 15}" x2="${pad + 16}" y2="${ly - 15}" stroke="${ADJUSTED}" stroke-width="1.3"/>` +
      `<text x="${pad + 19}" y="${ly - 12}" font-size="9">${esc(fitText(`Overdispersed 99.8% and 95% (dashed) limits, τ² = ${d.funnel.tau2.toPrecision(2)}`, 9, width - 2 * pad - 19))}</text>`,
  );
  if (width - pad < pad + 152 + 120)
    parts[parts.length - 1] =
      legend.slice(0, 3).join("") +
      marker({ significance: "Low (0.001)" } as FunnelPoint, pad + 146, ly - 3) +
      `<text x="${pad + 152}" y="${ly}" font-size="9">${esc(fitText("below", 9, width - pad - 152))}</text>`;
  return svgDocument({
    width,
    height,
    title: `${d.measure}: funnel plot of standardised ratios by ${noun}`,
    desc: `${points.filter((p) => p.significance.startsWith("High")).length} above and ${
      points.filter((p) => p.significance.startsWith("Low")).length
    } below the 95% limits, of ${points.length}; ${points.filter((p) => p.vs998OD !== "similar").length} outside the overdispersed 99.8% limits.`,
    defs: `<clipPath id="${clip}"><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}"/></clipPath>`,
    body: parts.join(""),
  });
}
