// The report under the three settings beyond the publication (SPEC §4b, §11, §12), on the real sample:
// Annex B's markers follow the verdict setting; Summary shows φ and τ²; the DSR sheet; and `*` in
// place of every suppressed figure in every sheet, including the Charts sheet's chart data and the
// written .xlsx (every cell of every sheet read back with ExcelJS).
import ExcelJS from "exceljs";
import { sampleInput } from "./sample";
import { describe, expect, it } from "vitest";
import { run, type Results } from "../../src/engine";
import { buildPlan, type SheetPlan } from "../../src/report";
import { HIGHER, LOWER, annexBLayout, annexBOrder } from "../../src/report/annex-b";
import { writePlanXlsx } from "../../src/workbook/xlsx/write";
import { allText, cellAt, find } from "./plan-cells";

const sheet = (r: Results, key: string, charts = false): SheetPlan =>
  buildPlan(r, { sheets: [key], ...(charts ? { charts: {} } : {}) }).sheets.find((s) => s.key === key)!;

/** The marker column beside each area's rate for one measure, in area order. */
function markers(r: Results, s: SheetPlan, measure: string): (string | null)[] {
  const L = annexBLayout(r);
  return annexBOrder(r).map((_, i) => {
    const v = cellAt(s, L.firstAreaRow + i, L.rateCol[measure] + 1)?.value;
    return typeof v === "string" ? v : null;
  });
}
/** One measure's area results in Annex B's row order. */
const inRowOrder = (r: Results, m: string) =>
  annexBOrder(r).map((x) => r.areas.find((a) => a.area === x.area && a.measure === m)!);
const glyph = (v: string | null) => (v === "higher" ? HIGHER : v === "lower" ? LOWER : null);

describe("Annex B's markers follow the verdict setting", () => {
  const poisson = run(sampleInput());
  const od = run(sampleInput(), { verdicts: "overdispersed" });
  it("Poisson by default, overdispersed when asked; the footnotes say which", () => {
    for (const m of ["X-ray", "SPECT Scan"]) {
      expect(markers(poisson, sheet(poisson, "annex-b"), m)).toEqual(
        inRowOrder(poisson, m).map((a) => glyph(a.vsNational998)),
      );
      expect(markers(od, sheet(od, "annex-b"), m)).toEqual(
        inRowOrder(od, m).map((a) => glyph(a.vsNational998OD)),
      );
    }
    expect(allText(sheet(poisson, "annex-b"))).toMatch(
      /as published\. Overdispersion-adjusted verdicts are in Detail/,
    );
    expect(allText(sheet(od, "annex-b"))).toMatch(/allowing for overdispersion \(Spiegelhalter 2005/);
    // X-ray: fewer marks under the adjusted limits.
    const count = (r: Results) => markers(r, sheet(r, "annex-b"), "X-ray").filter(Boolean).length;
    expect(count(od)).toBeLessThan(count(poisson));
    expect(allText(sheet(od, "about"))).toMatch(/Overdispersion-adjusted \(Spiegelhalter 2005\), 99\.8%/);
    expect(allText(sheet(poisson, "about"))).toMatch(/As published: Poisson confidence limits/);
  });

  it("Summary shows φ and τ² per measure and the sentence on what remains outside", () => {
    const s = sheet(poisson, "summary");
    const phi = find(s, "φ")!;
    poisson.overdispersion.forEach((o, i) => {
      expect(cellAt(s, phi.row + 1 + i, phi.col)?.value).toBe(o.phi);
      expect(cellAt(s, phi.row + 1 + i, phi.col + 1)?.value).toBe(o.tau2);
    });
    const x = poisson.areas.filter((a) => a.measure === "X-ray" && a.vsNational998OD !== "similar").length;
    expect(allText(s)).toContain(
      `${x} ${x === 1 ? "ICB remains" : "ICBs remain"} outside the overdispersed 99.8% limits.`,
    );
  });

  it("the Charts sheet lists the adjusted funnel limits and the native funnel chart draws them", () => {
    const s = sheet(poisson, "charts", true);
    expect(find(s, "Upper 99.8% (overdispersed)")).toBeDefined();
    const funnel = s.charts!.find((c) => c.title === "X-ray: funnel plot")!;
    expect(funnel.series.map((x) => x.name)).toEqual(
      expect.arrayContaining(["99.8% limits (overdispersed)", "95% limits (overdispersed)"]),
    );
  });
});

describe("DSR sheet", () => {
  const r = run(sampleInput(), { direct: true });
  it("only with --direct; England's DSR on top; markers where the 99.8% limits exclude it", () => {
    expect(buildPlan(run(sampleInput())).sheets.map((s) => s.key)).not.toContain("direct");
    const s = sheet(r, "direct");
    expect(s.name).toBe("DSR");
    const L = annexBLayout(r);
    const nat = r.directNational!.find((d) => d.measure === "MRI")!;
    expect(cellAt(s, L.englandRow, L.rateCol.MRI)?.value).toBe(nat.rate);
    annexBOrder(r).forEach((a, i) => {
      const d = r.direct!.find((x) => x.area === a.area && x.measure === "MRI")!;
      expect(cellAt(s, L.firstAreaRow + i, L.rateCol.MRI)?.value).toBe(d.rate);
      const want = d.lower998! > nat.rate! ? HIGHER : d.upper998! < nat.rate! ? LOWER : null;
      expect(cellAt(s, L.firstAreaRow + i, L.rateCol.MRI + 1)?.value ?? null).toBe(want);
    });
    const scale = s.conditionalFormats!.find(
      (c) => c.type === "colorScale" && c.range.col === L.rateCol.MRI,
    ) as { mid?: { value?: number } };
    expect(scale.mid?.value).toBe(nat.rate);
    expect(allText(s)).toMatch(/European Standard Population 2013/);
    expect(find(sheet(r, "detail"), "DSR lower 99.8%")).toBeDefined();
  });
});

describe("suppression in every sheet", () => {
  const N = 200; // Medical Photography: 3 ICBs below; SPECT Scan: 1 below, so its next smallest goes too.
  const plain = run(sampleInput(), { direct: true });
  const r = run(sampleInput(), { direct: true, suppressBelow: N });
  const hidden = r.areas.filter((a) => a.suppressed);
  const hiddenPlain = plain.areas.filter((a, i) => r.areas[i].suppressed);
  const plan = buildPlan(r, { charts: {} });

  it("5 rows: 3 Medical Photography, SPECT Scan's smallest and its next smallest", () => {
    expect(hidden.map((a) => a.measure).sort()).toEqual([
      "Medical Photography",
      "Medical Photography",
      "Medical Photography",
      "SPECT Scan",
      "SPECT Scan",
    ]);
    expect(hiddenPlain.filter((a) => a.observed >= N).map((a) => a.measure)).toEqual(["SPECT Scan"]);
  });

  it("Annex B and DSR show * in the suppressed cells, England untouched", () => {
    for (const key of ["annex-b", "direct"]) {
      const s = plan.sheets.find((x) => x.key === key)!;
      const L = annexBLayout(r);
      for (const a of hidden) {
        const i = annexBOrder(r).findIndex((x) => x.area === a.area);
        expect(cellAt(s, L.firstAreaRow + i, L.rateCol[a.measure])?.value).toBe("*");
        expect(cellAt(s, L.firstAreaRow + i, L.rateCol[a.measure] + 1)?.value ?? null).toBeNull();
      }
      expect(allText(s)).toMatch(/\* suppressed: fewer than 200 events/);
    }
    const annex = plan.sheets.find((x) => x.key === "annex-b")!;
    const L = annexBLayout(r);
    expect(cellAt(annex, L.englandRow, L.rateCol["SPECT Scan"])?.value).toBe(
      plain.national.find((n) => n.measure === "SPECT Scan")!.rate,
    );
  });

  it("rows that are not suppressed show exactly what the plain run shows", () => {
    const a = buildPlan(plain, { sheets: ["annex-b"] }).sheets[0];
    const b = buildPlan(r, { sheets: ["annex-b"] }).sheets[0];
    const L = annexBLayout(r);
    annexBOrder(r).forEach((x, i) =>
      r.measures.forEach((m) => {
        const sup = r.areas.find((y) => y.area === x.area && y.measure === m)!.suppressed;
        if (!sup) {
          const [x1, x2] = [a, b].map((sh) => cellAt(sh, L.firstAreaRow + i, L.rateCol[m]));
          expect([x2?.value, x2?.numberFormat]).toEqual([x1?.value, x1?.numberFormat]);
        }
      }),
    );
  });

  it("no suppressed figure is anywhere in the Plan (cells of every sheet, chart data included)", () => {
    const secret = new Set(
      hiddenPlain.flatMap((a) => [a.observed, a.expected, a.rate, a.crudeRate, a.lower95]),
    );
    for (const s of plan.sheets)
      for (const b of s.blocks)
        for (const row of b.values)
          for (const v of row) if (typeof v === "number") expect(secret.has(v), s.name).toBe(false);
    const charts = plan.sheets.find((s) => s.key === "charts")!;
    expect(allText(charts)).toMatch(/\*/);
  });

  it("the written .xlsx holds no suppressed count anywhere: every cell of every sheet", async () => {
    const bytes = await writePlanXlsx(plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const secret = new Set(hiddenPlain.flatMap((a) => [a.observed, a.expected, a.rate]));
    const hiddenDirect = plain.direct!.filter((_, i) => r.direct![i].suppressed);
    for (const d of hiddenDirect) secret.add(d.rate!);
    // An area's activity over all measures, less its shown measures, would give its suppressed count back.
    const hiddenAreas = new Set(hiddenPlain.map((a) => a.area));
    const totals = plain.exclusions.byArea.filter((a) => hiddenAreas.has(a.area));
    expect(totals.length).toBeGreaterThan(0);
    for (const a of totals) secret.add(a.total);
    let cells = 0;
    let stars = 0;
    wb.eachSheet((ws) =>
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (c) => {
          cells++;
          const v = c.value;
          if (typeof v === "number") expect(secret.has(v), `${ws.name}!${c.address}`).toBe(false);
          if (v === "*") stars++;
        }),
      ),
    );
    expect(cells).toBeGreaterThan(1000);
    // Annex B 5, DSR 5, Detail 5 rows × 20 figures, Charts 5 ranked rows × 6.
    expect(stars).toBeGreaterThanOrEqual(5 + 5 + 5 * 20 + 5 * 6);
  });
});
