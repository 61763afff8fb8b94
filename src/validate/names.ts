// Matching the publication's measure headings to computed measure names. The publication spells
// them loosely: "CT Scans" / "CT Scan", "Fluoro- scopy" (a hyphen left by line wrapping),
// "Kidney & Bladder Ultrasound" / "Kidney or Bladder Ultrasound", "MRI Scans" / "MRI",
// footnote marks ("Early Diagnosis of Cancer⁶") and stray spaces.

/** Words that join or qualify names without changing what is measured. */
const JOINERS = /&|\+|\/|\band\b|\bor\b/g;
/** Words a heading may add to a measure's name ("MRI Scans", "X-ray tests", "CT imaging rate"). */
const GENERIC = new Set([
  "scan",
  "test",
  "rate",
  "imaging",
  "exam",
  "examination",
  "procedure",
  "per",
  "10000",
  "100000",
  "1000",
]);

/** Lower-case words, footnote marks dropped, plurals made singular ("Scans" → "scan", "X-rays" → "x ray"). */
function words(s: string): string[] {
  return String(s)
    .replace(/[\u00B9\u00B2\u00B3\u2070-\u2079*†‡]/g, "")
    .normalize("NFKD")
    .toLowerCase()
    .replace(JOINERS, " ")
    .replace(/,/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "")
    .map(singular);
}

function singular(w: string): string {
  if (w.length > 3 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is"))
    return w.slice(0, -1);
  return w;
}

/** Exact key: every word, joined without spaces (so "Fluoro- scopy" = "Fluoroscopy"). */
export function measureKey(s: string): string {
  return words(s).join("");
}

/** Loose key: generic words dropped too ("MRI Scans" → "mri"), unless nothing would be left. */
export function looseMeasureKey(s: string): string {
  const w = words(s);
  const kept = w.filter((x) => !GENERIC.has(x));
  return (kept.length > 0 ? kept : w).join("");
}

/**
 * A matcher from published headings to computed measures: exact key first, then loose key when it
 * names exactly one computed measure.
 */
export function measureMatcher(measures: string[]): (heading: string) => string | undefined {
  const exact = new Map<string, string>();
  const loose = new Map<string, string | null>();
  for (const m of measures) {
    exact.set(measureKey(m), m);
    const k = looseMeasureKey(m);
    loose.set(k, loose.has(k) && loose.get(k) !== m ? null : m);
  }
  // Remembered per text: a long sheet repeats the same few strings (a Measure column of 100k rows).
  const seen = new Map<string, string | undefined>();
  return (heading) => {
    if (typeof heading !== "string" || heading.trim() === "") return undefined;
    if (seen.has(heading)) return seen.get(heading);
    const m = exact.get(measureKey(heading)) ?? loose.get(looseMeasureKey(heading)) ?? undefined;
    if (seen.size < 100_000) seen.set(heading, m);
    return m;
  };
}

/** Area codes and names compared case- and space-insensitively ("qkk " = "QKK"). */
export function areaKey(s: string): string {
  return String(s).trim().replace(/\s+/g, " ").toLowerCase();
}

/** Area names compared without case or punctuation, "&" read as "and". */
export function areaNameKey(s: string): string {
  return String(s)
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "");
}
