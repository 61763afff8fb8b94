// The short human summary printed after a run: what was read, the national rates, how areas
// compare with England, what was excluded and what was warned about. Plain text, pure.
import type { Results } from "../engine/types";

// Made on first use: building an Intl formatter costs ~0.1 s of start-up that `-q` runs never need.
let formats: { whole: Intl.NumberFormat; pct: Intl.NumberFormat } | undefined;
function fmt() {
  return (formats ??= {
    whole: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }),
    pct: new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }),
  });
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

export function summaryText(results: Results): string {
  const { whole, pct } = fmt();
  const lines: string[] = [];
  const k = whole.format(results.multiplier);
  const areas = results.meta?.areaList?.length ?? new Set(results.areas.map((a) => a.area)).size;
  const strata = results.meta?.strata?.join(" × ") ?? "";
  for (const t of results.meta?.tables ?? []) {
    const where = [t.source.file, t.source.sheet ? `sheet ${t.source.sheet}` : undefined]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `${t.role}: ${where || "table"} — ${whole.format(t.rows)} rows${t.layout ? `, ${t.layout}` : ""}`,
    );
  }
  lines.push(
    `${whole.format(areas)} areas × ${results.measures.length} measures, standardised for ${strata || "the given strata"}` +
      ` against the ${results.meta?.standard === "external" ? "external" : "national (internal)"} standard.`,
  );
  lines.push("");

  const width = Math.max(7, ...results.national.map((n) => n.measure.length));
  lines.push(`National rates per ${k}:`);
  lines.push(
    `  ${pad("Measure", width)}  ${pad("Observed", 14, true)}  ${pad("Population", 14, true)}  ${pad("Rate", 9, true)}  higher/similar/lower at 99.8%: Poisson | overdispersed`,
  );
  for (const n of results.national) {
    const rows = results.areas.filter((a) => a.measure === n.measure);
    const count = (v: string) => rows.filter((a) => a.vsNational998 === v).length;
    const od = (v: string) => rows.filter((a) => a.vsNational998OD === v).length;
    lines.push(
      `  ${pad(n.measure, width)}  ${pad(whole.format(n.observed), 14, true)}  ${pad(whole.format(n.population), 14, true)}  ${pad(whole.format(n.rate), 9, true)}  ${count("higher")}/${count("similar")}/${count("lower")} | ${od("higher")}/${od("similar")}/${od("lower")}`,
    );
  }
  lines.push(
    `Annex B marks the ${results.meta?.verdicts === "overdispersed" ? "overdispersion-adjusted" : "published Poisson"} verdicts.`,
  );
  if ((results.meta?.suppressBelow ?? 0) > 0)
    lines.push(
      `Suppressed: ${whole.format(results.meta.suppressedRows)} area × measure rows (counts below ${whole.format(results.meta.suppressBelow)}, and one more where a single one could be recovered), shown as *.`,
    );
  if (results.directNational)
    lines.push(
      `Directly standardised rates per ${k} (${results.meta.directStandard}): ` +
        results.directNational
          .map(
            (d) => `${d.measure} ${d.rate === null ? "none (fewer than 10 events)" : whole.format(d.rate)}`,
          )
          .join("; ") +
        ".",
    );
  lines.push("");

  const ex = results.exclusions;
  if (ex.activityRows > 0) {
    const reasons = ex.byReason
      .filter((r) => r.rows > 0)
      .map((r) => `${r.label || r.reason} ${whole.format(r.count)}`)
      .join("; ");
    lines.push(
      `Excluded: ${whole.format(ex.activityCount)} activity (${pct.format(ex.share)}) in ${whole.format(ex.activityRows)} rows — ${reasons}.`,
    );
  } else {
    lines.push("Excluded: no activity rows.");
  }
  if (ex.populationRows > 0)
    lines.push(
      `Excluded: ${whole.format(ex.populationRows)} population rows with a missing or unreadable stratum.`,
    );
  for (const w of results.warnings) lines.push(`Warning: ${w.message}`);
  return lines.join("\n") + "\n";
}
