// SPEC §1b in the pane: office.js gives a date cell as its serial number, so the office port reads
// the number formats of columns that mix text and numbers, and an age band that Excel made into a
// date (5-9 → 5 Sep, 10-14 → Oct 2014) gives the same results as the band typed as text.
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../../src/engine";
import { createOfficePort } from "../../../src/workbook/office";
import { type FakeExcel, installFakeExcel } from "../../fakes/excel";
import { tinyData } from "../../cli/helpers";

let fake: FakeExcel | undefined;
afterEach(() => fake?.uninstall());

// Excel's serials of 5 Sep 2026 and 1 Oct 2014 (days since 30 Dec 1899), computed here.
const SERIAL: Record<string, number> = {
  "5-9": Date.UTC(2026, 8, 5) / 86_400_000 + 25569,
  "10-14": Date.UTC(2014, 9, 1) / 86_400_000 + 25569,
};
const FORMAT: Record<string, string> = { "5-9": "dd-mmm", "10-14": "mmm-yy" };

async function resultsOf(asDates: boolean) {
  fake = installFakeExcel({ sheets: ["Population", "Activity"] });
  const { population, activity } = tinyData();
  const dated = (rows: (string | number)[][], j: number) =>
    rows.map((r, i) =>
      i > 0 && asDates && SERIAL[r[j]] ? r.map((v, c) => (c === j ? SERIAL[r[j]] : v)) : r,
    );
  const pop = dated(population, 3);
  const act = dated(activity, 2);
  fake.put("Population", "A1", pop);
  fake.put("Activity", "A1", act);
  if (asDates) {
    await Excel.run(async (ctx) => {
      for (const [sheet, src, j, col] of [
        ["Population", population, 3, "D"],
        ["Activity", activity, 2, "C"],
      ] as const) {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        src.forEach((r, i) => {
          if (i > 0 && FORMAT[r[j]]) ws.getRange(`${col}${i + 1}`).numberFormat = [[FORMAT[r[j]]]];
        });
      }
      await ctx.sync();
    });
  }
  const port = createOfficePort();
  const ref = (sheet: string, rows: number) => ({
    kind: "sheet" as const,
    name: sheet,
    sheet,
    address: `A1:F${rows}`,
  });
  const input = {
    population: await port.readTable(ref("Population", pop.length)),
    activity: await port.readTable(ref("Activity", act.length)),
  };
  fake.uninstall();
  fake = undefined;
  return run(input);
}

describe("office port: age bands Excel made into dates", () => {
  it("give the figures of the bands typed as text, with a warning that counts them", async () => {
    const text = await resultsOf(false);
    const dates = await resultsOf(true);
    expect(dates.areas).toEqual(text.areas);
    expect(dates.national).toEqual(text.national);
    // 3 areas × 2 sexes × 5 quintiles × 2 bands: 60 population rows, 120 activity rows.
    const counts = dates.warnings.filter((w) => w.kind === "read-as-meant").map((w) => [w.table, w.count]);
    expect(counts).toEqual([
      ["population", 60],
      ["activity", 120],
    ]);
  });
});
