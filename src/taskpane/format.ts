// How numbers and counts read in the pane (en-GB, as the publication writes them).
import type { Results } from "../engine/types";

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "42 areas · 14 measures" */
export function resultHeadline(results: Pick<Results, "measures" | "meta" | "areas">): string {
  const areas = results.meta.areaList.length || new Set(results.areas.map((a) => a.area)).size;
  return `${plural(areas, "area", "areas")} · ${plural(results.measures.length, "measure", "measures")}`;
}

export function formatNumber(v: number, decimals = 0): string {
  if (!Number.isFinite(v)) return "–";
  return v.toLocaleString("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** 0.0132 → "1.3%" */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return "–";
  if (share > 0 && share < 0.001) return "<0.1%";
  return `${(share * 100).toLocaleString("en-GB", { maximumFractionDigits: 1 })}%`;
}

/** A rate to a sensible precision: whole numbers from 100 up, else three significant figures. */
export function formatRate(v: number): string {
  if (!Number.isFinite(v)) return "–";
  if (Math.abs(v) >= 100) return formatNumber(v, 0);
  return v.toLocaleString("en-GB", { maximumSignificantDigits: 3 });
}
