// The plan on real Results: the engine run on the shipped sample (fitted to the publication), checked
// against the publication's own tables as printed (reference text, Tables 1–2 of section 2.2 and
// Tables 1–6 of section 3.2), read off the plan the way Excel would display the cells.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/report";
import type { ColorScaleRule, SheetPlan } from "../../src/report/plan";
import { EDOC, MEASURES, MODALITIES, SECTION3, printedCells } from "../support/publication";
import { cellAt, find } from "./plan-cells";
import { sampleResults } from "./sample";

/** What Excel shows for a number under the formats the report uses: #,##0 and 0.00 with literal suffixes. */
function shown(value: unknown, format: string | undefined): string {
  if (typeof value !== "number") return String(value ?? "");
  const m = /^(#,##0|0\.00)(?:"(.*)")?$/.exec(format ?? "");
  if (!m) throw new Error(`format ${format} not handled here`);
  const digits = m[1] === "0.00" ? 2 : 0;
  const rounded = Number(
    (Math.round(Number((value * 10 ** digits).toPrecision(15))) / 10 ** digits).toFixed(digits),
  );
  return (
    rounded.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }) +
    (m[2] ?? "")
  );
}

function tableRows(sheet: SheetPlan, title: string, levels: number, measures: number): string[][] {
  const t = find(sheet, title);
  if (!t) throw new Error(`no ${title}`);
  return Array.from({ length: levels }, (_, i) =>
    Array.from({ length: measures }, (_, j) => {
      const c = cellAt(sheet, t.row + 2 + i, 1 + j);
      return shown(c?.value, c?.numberFormat);
    }),
  );
}

// Publication section 3.2, as printed (typed in test/support/publication.ts): one table per factor
// and column group, headed by the base level's row of 1.00.
function printed(factor: keyof typeof SECTION3, columns: string[]): string[][] {
  const from = MEASURES.indexOf(columns[0]);
  const rows = SECTION3[factor].rows.map((r) => printedCells(r).slice(from, from + columns.length));
  return [columns.map(() => "1.00"), ...rows];
}
const PUBLISHED: Record<string, string[][]> = {
  "Table 1. Sex rates ratios by modality": printed("sex", MODALITIES),
  "Table 2. Sex rates ratios by Early Diagnosis of Cancer": printed("sex", EDOC),
  "Table 3. Deprivation rates ratios by modality": printed("imd", MODALITIES),
  "Table 4. Deprivation rates ratios by Early Diagnosis of Cancer": printed("imd", EDOC),
  "Table 5. Age band rates ratios by modality": printed("age", MODALITIES),
  "Table 6. Age band rates ratios by Early Diagnosis of Cancer": printed("age", EDOC),
};
// SPECT 55–<65 is published as 4.63**; SPEC §6 explains why data with England's ONS age shares
// (as the sample has) gives X² = 6.44 there, one star: the only cell of the 126 that differs.
PUBLISHED["Table 5. Age band rates ratios by modality"][2][7] = "4.63*";

describe("plan on the sample's Results", async () => {
  const results = sampleResults();
  const plan = buildPlan(results);
  const sheet = (key: string) => plan.sheets.find((s) => s.key === key)!;

  it("shows the publication's national rates (Tables 1 and 2 of section 2.2)", () => {
    const s = sheet("national");
    const t1 = find(s, "Table 1. National rates per 10,000 by modality")!;
    const t2 = find(s, "Table 2. National rates per 10,000 by Early Diagnosis of Cancer")!;
    const row = (r: number, n: number) =>
      Array.from({ length: n }, (_, j) =>
        shown(cellAt(s, r, 1 + j)?.value, cellAt(s, r, 1 + j)?.numberFormat),
      );
    expect(row(t1.row + 2, 9)).toEqual(["3,670", "1,789", "1,303", "758", "150", "51", "47", "9", "10"]);
    expect(row(t2.row + 2, 5)).toEqual(["162", "1,316", "139", "36", "209"]);
  });

  it("shows the publication's rates ratios with their stars (Tables 1–6 of section 3.2)", () => {
    const s = sheet("ratios");
    for (const [title, rows] of Object.entries(PUBLISHED))
      expect(tableRows(s, title, rows.length, rows[0].length), title).toEqual(rows);
  });

  it("has Annex B with 42 ICBs under England and a colour scale per measure at the national rate", () => {
    const s = sheet("annex-b");
    const england = find(s, "England")!;
    expect(cellAt(s, england.row + 42, 0)?.value).toMatch(/^Q[A-Z0-9]{2}$/);
    expect(cellAt(s, england.row + 43, 0)?.value ?? null).toBeNull();
    const scales = (s.conditionalFormats ?? []).filter((c): c is ColorScaleRule => c.type === "colorScale");
    expect(scales.map((c) => c.mid?.value)).toEqual(results.national.map((n) => n.rate));
  });

  it("writes a commentary sentence per measure that agrees with the published national rate", () => {
    const s = sheet("summary");
    const c = find(s, "Commentary")!;
    const xray = String(cellAt(s, c.row + 1, 1)?.value);
    expect(xray).toMatch(
      /^The national rate was 3,670 X-rays per 10,000 population and \d+% of ICBs were within one standard deviation of the mean, between [\d,]+ and [\d,]+\./,
    );
  });
});
