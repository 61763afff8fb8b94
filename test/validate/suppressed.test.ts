// SPEC §12 in validation: a published `*` is "not compared", never a difference; and where our own
// results suppress an area, its published figure is not compared either.
import { sampleInput } from "../report/sample";
import { describe, expect, it } from "vitest";
import { run } from "../../src/engine";
import { buildPlan } from "../../src/report";
import { validatePublished } from "../../src/validate";
import { readWorkbookGrids } from "../../src/workbook/xlsx/read";
import { writePlanXlsx } from "../../src/workbook/xlsx/write";

describe("validation with suppressed cells", async () => {
  const plain = run(sampleInput());
  const suppressed = run(sampleInput(), { suppressBelow: 200 });
  // A published Annex B with * in 5 cells: our own, written and read back.
  const sheets = await readWorkbookGrids(
    await writePlanXlsx(buildPlan(suppressed, { sheets: ["annex-b"] })),
    {
      formats: true,
    },
  );

  it("a published * against unsuppressed results: not compared, everything else agrees", () => {
    const v = validatePublished(sheets, plain);
    expect(v.notCompared).toHaveLength(5);
    expect(v.notCompared.every((n) => n.reason === "suppressed-published")).toBe(true);
    expect(v.notCompared.map((n) => n.measure).sort()).toEqual([
      "Medical Photography",
      "Medical Photography",
      "Medical Photography",
      "SPECT Scan",
      "SPECT Scan",
    ]);
    expect(v.total).toBe(43 * 14 - 5);
    expect(v.ok).toBe(true);
    expect(v.headline).toBe("597 of 597 figures agree within rounding (5 suppressed cells not compared)");
  });

  it("published numbers where the results suppress: not compared (the computed figure is hidden)", async () => {
    const full = await readWorkbookGrids(await writePlanXlsx(buildPlan(plain, { sheets: ["annex-b"] })), {
      formats: true,
    });
    const v = validatePublished(full, suppressed);
    expect(v.notCompared.map((n) => n.reason)).toEqual(Array(5).fill("suppressed-computed"));
    expect(v.ok).toBe(true);
    expect(v.total).toBe(43 * 14 - 5);
  });
});
