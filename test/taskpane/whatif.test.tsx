// @vitest-environment happy-dom
// What if: a scenario built in the pane is saved in the document settings (fake Excel), comes back
// when the pane is opened again, and Compare writes the Scenario sheet. Live is offered only where
// the port can watch the workbook (Excel), and explained elsewhere.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cellKey, installFakeExcel, type FakeExcel } from "../fakes/excel";
import { run } from "../../src/engine";
import { buildPlan } from "../../src/report";
import { generateSample } from "../../src/sample/generate";
import { gridToTable } from "../../src/workbook/tables";
import { createOfficePort } from "../../src/workbook/office";
import { WhatIfSection, describeAdjustment } from "../../src/taskpane/components/WhatIfSection";
import { lazyLoaders } from "../../src/taskpane/lazy";
import type { RunOutcome } from "../../src/taskpane/runner";
import type { WorkbookPort } from "../../src/workbook/port";
import { createMemoryPort } from "./memory-port";

afterEach(cleanup);

const sample = generateSample();
const input = {
  population: gridToTable(sample.population.rows, { sheet: "Population" }),
  activity: gridToTable(sample.activity.rows, { sheet: "Activity" }),
};
const results = run(input);

function mount(outcome: RunOutcome, port: WorkbookPort) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <WhatIfSection outcome={outcome} port={port} loaders={lazyLoaders} refs={{}} sheets={["annex-b"]} />
    </FluentProvider>,
  );
}

describe("What if on the Excel fake", () => {
  let fake: FakeExcel;
  beforeAll(() => void (fake = installFakeExcel({ apiVersion: "1.9" })));
  afterAll(() => fake.uninstall());

  it("saves a scenario in the workbook, restores it, and compares it on the Scenario sheet", async () => {
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

    const first = mount(outcome, port);
    const region = screen.getByRole("region", { name: "What if" });
    fireEvent.click(within(region).getByText("New scenario"));
    fireEvent.change(within(region).getByRole("textbox", { name: "Scenario name" }), {
      target: { value: "QE1 restored" },
    });
    fireEvent.change(within(region).getByRole("combobox", { name: "Area" }), { target: { value: "QE1" } });
    fireEvent.change(within(region).getByRole("textbox", { name: /Change/ }), { target: { value: "12.36" } });
    fireEvent.click(within(region).getByRole("button", { name: "Add adjustment" }));
    fireEvent.change(within(region).getByRole("combobox", { name: "Adjustment" }), {
      target: { value: "exclude" },
    });
    fireEvent.change(within(region).getByRole("combobox", { name: "Area" }), { target: { value: "QHM" } });
    fireEvent.click(within(region).getByRole("button", { name: "Add adjustment" }));
    expect(
      within(region).getByRole("list", { name: "Adjustments of the new scenario" }).textContent,
    ).toContain("exclude QHM");
    fireEvent.click(within(region).getByRole("button", { name: "Save scenario" }));
    await within(region).findByText(/Saved the scenario "QE1 restored"/);
    // (The office adapter prefixes every settings key with "stdrates.".)
    const saved = Object.entries(fake.settings.live).find(([k]) => k.endsWith("scenarios"))?.[1];
    expect(saved).toEqual([
      {
        name: "QE1 restored",
        adjustments: [
          { type: "scale", area: "QE1", percent: 12.36 },
          { type: "exclude", area: "QHM" },
        ],
      },
    ]);

    // Closed and opened again: the list comes back from the document.
    first.unmount();
    mount(outcome, port);
    const again = screen.getByRole("region", { name: "What if" });
    const list = await within(again).findByRole("list", { name: "Scenarios" });
    expect(list.textContent).toContain("QE1 restored: QE1: activity +12.36%; exclude QHM");

    fireEvent.click(within(again).getByRole("button", { name: "Compare QE1 restored" }));
    await within(again).findByText(
      /QE1 restored: [\d,]+ of [\d,]+ verdicts against England changed\./,
      {},
      { timeout: 60_000 },
    );
    const sheet = fake.model.sheets.find((s) => s.name === "Scenario")!;
    expect(sheet).toBeTruthy();
    expect(fake.model.activeSheet?.name).toBe("Scenario");
    const text = new Set([...sheet.cells.values()].map((c) => c.value));
    expect(text.has("QE1")).toBe(true);
    // Live is available on Excel.
    expect((within(again).getByRole("switch", { name: /Live/ }) as HTMLInputElement).disabled).toBe(false);
  }, 120_000);
});

describe("What if in the preview", () => {
  it("explains that Live needs Excel", () => {
    const port = createMemoryPort();
    const outcome = {
      results,
      plan: buildPlan(results),
      applied: { sheetNames: {}, syncs: 0 },
      input,
      runOptions: {},
      inputs: "",
      timings: { read: 0, compute: 0, write: 0 },
    };
    mount(outcome, port);
    expect((screen.getByRole("switch", { name: /Live/ }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(/Live needs Excel/)).toBeTruthy();
  });

  it("says each adjustment in words", () => {
    expect(describeAdjustment({ type: "scale", area: "QHM", percent: -11, measure: "MRI" })).toBe(
      "QHM: activity -11% (MRI)",
    );
    expect(describeAdjustment({ type: "multiplier", value: 100_000 })).toBe("rates per 100,000");
    expect(describeAdjustment({ type: "strata", factors: ["sex", "age"] })).toBe("strata: sex, age");
    expect(describeAdjustment({ type: "standard", reference: null })).toBe(
      "standard: this data's national rates",
    );
  });
});

describe("Live switch on the Excel fake", () => {
  let fake: FakeExcel;
  const pop = sample.population.rows;
  const act = sample.activity.rows;
  const refs = {
    population: {
      kind: "sheet" as const,
      name: "Population",
      sheet: "Population",
      address: `A1:G${pop.length}`,
    },
    activity: { kind: "sheet" as const, name: "Activity", sheet: "Activity", address: `A1:F${act.length}` },
  };
  beforeAll(() => {
    fake = installFakeExcel({ apiVersion: "1.14", sheets: ["Population", "Activity"] });
    fake.put("Population", "A1", pop);
    fake.put("Activity", "A1", act);
  });
  afterAll(() => fake.uninstall());

  it("rewrites Annex B after an edit to a count, as a fresh run on the edited data gives it", async () => {
    const port = createOfficePort();
    const base = run({
      population: await port.readTable(refs.population),
      activity: await port.readTable(refs.activity),
    });
    const plan = buildPlan(base, { sheets: ["annex-b"] });
    const applied = await port.applyPlan(plan);
    const outcome: RunOutcome = {
      results: base,
      plan,
      applied,
      input,
      runOptions: {},
      inputs: "",
      timings: { read: 0, compute: 0, write: 0 },
    };
    render(
      <FluentProvider theme={webLightTheme}>
        <WhatIfSection outcome={outcome} port={port} loaders={lazyLoaders} refs={refs} sheets={["annex-b"]} />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole("switch", { name: /Live/ }));
    await screen.findByText(/Live: edits to the population and activity tables/, {}, { timeout: 30_000 });

    // Ten times the count in the first activity row, typed into the sheet.
    const row = 2;
    const count = act[row - 1]![5] as number;
    fake.put("Activity", `F${row}`, [[count * 10 + 1000]]);
    await fake.fireChanged({ sheet: "Activity" }, { address: `F${row}`, changeType: "RangeEdited" });
    await screen.findByText(/Recalculated in \d+ ms; [\d,]+ cells rewritten/, {}, { timeout: 10_000 });

    // The sheet now holds what a fresh run on the edited data writes, number for number.
    const fresh = buildPlan(
      run({
        population: await port.readTable(refs.population),
        activity: await port.readTable(refs.activity),
      }),
      {
        sheets: ["annex-b"],
      },
    );
    const sheet = fake.sheet(applied.sheetNames["annex-b"]!);
    let numbers = 0;
    let moved = 0;
    fresh.sheets[0]!.blocks.forEach((b, k) =>
      b.values.forEach((r, i) =>
        r.forEach((v, j) => {
          if (typeof v !== "number") return;
          numbers++;
          if (plan.sheets[0]!.blocks[k]?.values[i]?.[j] !== v) moved++;
          expect(sheet.cells.get(cellKey(b.row + i, b.col + j))?.value).toBeCloseTo(v, 9);
        }),
      ),
    );
    expect(numbers).toBeGreaterThan(500);
    // The edit moved figures (the comparison is not of two unchanged sheets).
    expect(moved).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole("switch", { name: /Live/ }));
  }, 120_000);
});
