// @vitest-environment happy-dom
// What if: a scenario built in the pane is saved in the document settings (fake Excel), comes back
// when the pane is opened again, and Compare writes the Scenario sheet. (Live: live.test.tsx.)
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { installFakeExcel, type FakeExcel } from "../fakes/excel";
import { run } from "../../src/engine";
import { buildPlan } from "../../src/report";
import { generateSample } from "../../src/sample/generate";
import { gridToTable } from "../../src/workbook/tables";
import { createOfficePort } from "../../src/workbook/office";
import { WhatIfSection, describeAdjustment } from "../../src/taskpane/components/WhatIfSection";
import { lazyLoaders } from "../../src/taskpane/lazy";
import type { RunOutcome } from "../../src/taskpane/runner";
import type { WorkbookPort } from "../../src/workbook/port";
import { SCENARIOS_SETTING } from "../../src/scenario/store";
import { cellKey } from "../fakes/excel/model";

afterEach(cleanup);

const sample = generateSample();
const input = {
  population: gridToTable(sample.population.rows, { sheet: "Population" }),
  activity: gridToTable(sample.activity.rows, { sheet: "Activity" }),
};
const results = run(input);
const areaName = (code: string) => results.meta.areaList.find((a) => a.area === code)!.name!;

function mount(outcome: RunOutcome, port: WorkbookPort) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <WhatIfSection outcome={outcome} port={port} loaders={lazyLoaders} />
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
  }, 120_000);
  it("lists the verdicts a scenario changes, as the Scenario sheet marks them, with Go to their rows", async () => {
    const port = createOfficePort();
    const plan = buildPlan(results, { sheets: ["annex-b"] });
    const outcome: RunOutcome = {
      results,
      plan,
      applied: await port.applyPlan(plan),
      input,
      runOptions: {},
      inputs: "sample",
      timings: { read: 0, compute: 0, write: 0 },
    };
    // Halving one ICB's activity halves its observed counts, so its rates fall far below England's.
    const halved = { name: "QE1 halved", adjustments: [{ type: "scale", area: "QE1", percent: -50 }] };
    await port.saveSettings(SCENARIOS_SETTING, [halved]);
    mount(outcome, port);
    const region = screen.getByRole("region", { name: "What if" });
    fireEvent.click(await within(region).findByRole("button", { name: "Compare QE1 halved" }));
    await within(region).findByText(/QE1 halved: [\d,]+ of/, {}, { timeout: 60_000 });

    // The sheet's own marks (column J "YES") are the oracle for which rows changed.
    const sheet = fake.model.sheets.find((x) => x.name === "Scenario" && !x.deleted)!;
    const at = (row: number, col: number) => sheet.cells.get(cellKey(row, col))?.value;
    const marked: string[] = [];
    for (let r = 0; r < 2000; r++)
      if (at(r, 9) === "YES") marked.push(`${String(at(r, 1) || at(r, 0))} | ${String(at(r, 2))}`);
    expect(marked.length).toBeGreaterThan(0);
    const table = within(region).getByRole("table", { name: "Verdicts that changed" });
    const rows = within(table).getAllByRole("row").slice(1);
    const listed = rows.map((tr) => {
      const [area, measure] = within(tr)
        .getAllByRole("cell")
        .map((c) => c.textContent);
      return `${area} | ${measure}`;
    });
    expect(listed).toEqual(marked.slice(0, 20));
    const qe1 = areaName("QE1");
    expect(rows.some((tr) => tr.textContent!.includes(qe1) && tr.textContent!.includes("→ Lower"))).toBe(
      true,
    );

    // Go to selects the area's row on the Scenario sheet: its column A holds the area code.
    const first = rows.find((tr) => tr.textContent!.includes(qe1))!;
    fireEvent.click(within(first).getByRole("button", { name: /^Go to / }));
    await waitFor(() => expect(fake.model.selection?.sheet.name).toBe("Scenario"));
    const { row } = fake.model.selection!.rect;
    expect(at(row, 0)).toBe("QE1");
    expect(at(row, 9)).toBe("YES");

    // The largest rate change is QE1's halving: −50%.
    const largest = within(region).getByRole("table", { name: "Largest rate changes" });
    expect(within(largest).getAllByRole("row")[1]!.textContent).toContain("−50%");
  }, 120_000);
});

describe("What if: a reference table from the workbook as the standard", () => {
  let fake: FakeExcel;
  // Three areas, sex the only stratum, one measure; the reference is the data's own national
  // stratum counts and populations (sums done here): F 30+20+10 of 1,000+500+500, M 10+40+20 of 1,000+1,500+500.
  const pop = [
    ["Area", "Sex", "Population"],
    ["A", "F", 1000],
    ["A", "M", 1000],
    ["B", "F", 500],
    ["B", "M", 1500],
    ["C", "F", 500],
    ["C", "M", 500],
  ];
  const act = [
    ["Area", "Sex", "Measure", "Count"],
    ["A", "F", "CT", 30],
    ["A", "M", "CT", 10],
    ["B", "F", "CT", 20],
    ["B", "M", "CT", 40],
    ["C", "F", "CT", 10],
    ["C", "M", "CT", 20],
  ];
  const ref = [
    ["Sex", "Measure", "Count", "Population"],
    ["F", "CT", 60, 2000],
    ["M", "CT", 70, 3000],
  ];
  beforeAll(() => {
    fake = installFakeExcel({ apiVersion: "1.9", sheets: ["Pop", "Act", "Reference"] });
    fake.put("Pop", "A1", pop);
    fake.put("Act", "A1", act);
    fake.put("Reference", "A1", ref);
  });
  afterAll(() => fake.uninstall());

  it("offers the listed tables as a standard; the data's own stratum rates give the baseline's verdicts", async () => {
    const port = createOfficePort();
    const candidates = await port.listTables();
    const input = {
      population: gridToTable(pop, { sheet: "Pop" }),
      activity: gridToTable(act, { sheet: "Act" }),
    };
    const results = run(input);
    const plan = buildPlan(results, { sheets: ["annex-b"] });
    const outcome: RunOutcome = {
      results,
      plan,
      applied: await port.applyPlan(plan),
      input,
      runOptions: {},
      inputs: "hand-made",
      timings: { read: 0, compute: 0, write: 0 },
    };
    render(
      <FluentProvider theme={webLightTheme}>
        <WhatIfSection outcome={outcome} port={port} loaders={lazyLoaders} candidates={candidates} />
      </FluentProvider>,
    );
    const region = screen.getByRole("region", { name: "What if" });
    fireEvent.click(within(region).getByText("New scenario"));
    fireEvent.change(within(region).getByRole("textbox", { name: "Scenario name" }), {
      target: { value: "own rates" },
    });
    fireEvent.change(within(region).getByRole("combobox", { name: "Adjustment" }), {
      target: { value: "standard" },
    });
    const standard = within(region).getByRole("combobox", { name: /^Standard/ });
    expect([...standard.querySelectorAll("option")].map((o) => o.textContent)).toContain(
      "Reference table: Reference",
    );
    fireEvent.change(standard, { target: { value: "Reference" } });
    fireEvent.click(within(region).getByRole("button", { name: "Add adjustment" }));
    fireEvent.click(within(region).getByRole("button", { name: "Save scenario" }));
    await within(region).findByText(/Saved the scenario "own rates"/);
    expect(within(region).getByRole("list", { name: "Scenarios" }).textContent).toContain(
      "own rates: standard: Reference",
    );
    fireEvent.click(within(region).getByRole("button", { name: "Compare own rates" }));
    await within(region).findByText(
      /own rates: 0 of 3 verdicts against England changed\./,
      {},
      { timeout: 60_000 },
    );
    const sheet = fake.model.sheets.find((x) => x.name === "Scenario" && !x.deleted)!;
    const text = [...sheet.cells.values()].map((c) => String(c.value ?? ""));
    expect(text.some((t) => t.includes("Standard: stratum rates from Reference"))).toBe(true);
  }, 120_000);
});

describe("What if, pure parts", () => {
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
