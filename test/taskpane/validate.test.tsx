// @vitest-environment happy-dom
// The Validate section over the office.js port on the fake Excel: a published-style Annex B (the
// sample's rates rounded to whole numbers, two of them altered) in a sheet of its own is found,
// compared, and the Validation sheet written; the pane shows the headline, counted by hand here.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { installFakeExcel, type FakeExcel } from "../fakes/excel";
import { run } from "../../src/engine";
import { buildPlan } from "../../src/report";
import { generateSample } from "../../src/sample/generate";
import { gridToTable } from "../../src/workbook/tables";
import { createOfficePort } from "../../src/workbook/office";
import {
  ValidateSection,
  likelyPublished,
  parseTolerance,
} from "../../src/taskpane/components/ValidateSection";
import { lazyLoaders } from "../../src/taskpane/lazy";
import type { RunOutcome } from "../../src/taskpane/runner";

afterEach(cleanup);

const sample = generateSample();
const input = {
  population: gridToTable(sample.population.rows, { sheet: "Population" }),
  activity: gridToTable(sample.activity.rows, { sheet: "Activity" }),
};
const results = run(input);

describe("Validate section", () => {
  let fake: FakeExcel;
  beforeAll(() => void (fake = installFakeExcel({ apiVersion: "1.9" })));
  afterAll(() => fake.uninstall());

  it("compares a published sheet with the run and writes the Validation sheet", async () => {
    const port = createOfficePort();
    const plan = buildPlan(results, { sheets: ["annex-b"] });
    const applied = await port.applyPlan(plan);
    const outcome: RunOutcome = {
      results,
      plan,
      applied,
      input,
      runOptions: {},
      inputs: "sample",
      timings: { read: 0, compute: 0, write: 0 },
    };

    const areas = results.meta.areaList;
    const rows: (string | number | null)[][] = [["ICB code", "ICB name", ...results.measures]];
    for (const a of areas)
      rows.push([
        a.area,
        a.name,
        ...results.measures.map((m) =>
          Math.round(results.areas.find((x) => x.area === a.area && x.measure === m)!.rate),
        ),
      ]);
    // Two published figures off by 3 (well beyond half a unit).
    (rows[5]![2] as number) += 3;
    (rows[17]![7] as number) -= 3;
    await port.insertSheets([{ name: "Published Annex B", rows }]);
    const total = areas.length * results.measures.length;

    render(
      <FluentProvider theme={webLightTheme}>
        <ValidateSection outcome={outcome} port={port} loaders={lazyLoaders} />
      </FluentProvider>,
    );
    const region = screen.getByRole("region", { name: "Validate against a publication" });
    const sheet = (await within(region).findByRole("combobox", {
      name: "Published sheet",
    })) as HTMLSelectElement;
    // Output and other sheets are not offered as "published"; the likeliest one is chosen.
    expect(sheet.value).toBe("Published Annex B");
    expect(Array.from(sheet.options, (o) => o.value)).not.toContain(applied.sheetNames["annex-b"]);

    fireEvent.click(within(region).getByRole("button", { name: "Validate" }));
    const headline = `${(total - 2).toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} figures agree within rounding`;
    expect(await within(region).findByText(headline, {}, { timeout: 30_000 })).toBeTruthy();
    expect(total).toBe(588);
    const validation = fake.model.sheets.find((s) => s.name === "Validation");
    expect(validation).toBeTruthy();
    expect(fake.model.activeSheet?.name).toBe("Validation");
    expect(within(region).getByRole("button", { name: "Open the Validation sheet" })).toBeTruthy();

    // The pane lists exactly the two altered figures, each with Go to its published cell.
    const list = within(region).getByRole("table", { name: "Differing figures" });
    const body = within(list).getAllByRole("row").slice(1);
    expect(body).toHaveLength(2);
    const rate = (area: string, m: string) =>
      results.areas.find((x) => x.area === area && x.measure === m)!.rate;
    const altered = [
      { a: areas[4]!, m: results.measures[0]!, cell: "C6", by: 3 },
      { a: areas[16]!, m: results.measures[5]!, cell: "H18", by: -3 },
    ];
    for (const [i, { a, m, cell, by }] of altered.entries()) {
      const cells = within(body[i]!)
        .getAllByRole("cell")
        .map((c) => c.textContent);
      const published = Math.round(rate(a.area, m)) + by;
      expect(cells.slice(0, 3)).toEqual([a.name, m, published.toLocaleString("en-GB")]);
      // Difference = published − computed, to two places finer than the published whole numbers.
      expect(Number(cells[4]!.replace(/,/g, ""))).toBeCloseTo(published - rate(a.area, m), 2);
      fireEvent.click(within(body[i]!).getByRole("button", { name: new RegExp(`^Go to ${a.name}, ${m}`) }));
      await waitFor(() => expect(fake.model.selection?.sheet.name).toBe("Published Annex B"));
      const r = fake.model.selection!.rect;
      expect(`${String.fromCharCode(65 + r.col)}${r.row + 1}`).toBe(cell);
    }
    // Sorting by Difference puts the negative one first.
    fireEvent.click(within(list).getByRole("button", { name: "Difference" }));
    expect(within(list).getAllByRole("row")[1]!.textContent).toContain(altered[1]!.a.name);
    expect(
      within(list).getAllByRole("columnheader", { name: "Difference" })[0]!.getAttribute("aria-sort"),
    ).toBe("ascending");
    expect(within(region).queryByRole("table", { name: "Differing stars" })).toBeNull();

    // A tolerance of 4 absorbs both alterations (3, plus up to half a unit of rounding).
    fireEvent.change(within(region).getByRole("textbox", { name: /Tolerance/ }), { target: { value: "4" } });
    fireEvent.click(within(region).getByRole("button", { name: "Validate" }));
    expect(
      await within(region).findByText(
        "588 of 588 figures agree within the tolerance",
        {},
        { timeout: 30_000 },
      ),
    ).toBeTruthy();
    // Re-validating replaces the sheet rather than adding another.
    expect(fake.model.sheets.filter((s) => /^Validation/.test(s.name))).toHaveLength(1);
  }, 120_000);

  it("reads the tolerance and guesses the published sheet", () => {
    expect(parseTolerance("")).toBeUndefined();
    expect(parseTolerance(" 0.5 ")).toBe(0.5);
    expect(parseTolerance("-1")).toBeInstanceOf(Error);
    expect(parseTolerance("half")).toBeInstanceOf(Error);
    expect(likelyPublished(["Notes", "Annex B 2024-25", "Sheet3"])).toBe("Annex B 2024-25");
    expect(likelyPublished(["Notes"])).toBe("Notes");
  });
});
