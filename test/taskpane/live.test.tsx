// @vitest-environment happy-dom
// The Live switch beside Run, in the whole pane over the office.js port on the fake Excel
// (ExcelApi 1.14): switched on, an edited count rewrites Annex B as a fresh run on the edited data
// writes it; the pane opened again on the same workbook resumes Live by itself. In the preview
// (no live port) the switch is replaced by an explanation.
import { cleanup, screen, waitFor, fireEvent, within } from "@testing-library/react";
import { mountPane } from "./mount-pane";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cellKey, installFakeExcel, type FakeExcel } from "../fakes/excel";
import { run } from "../../src/engine";
import { buildPlan } from "../../src/report";
import { generateSample } from "../../src/sample/generate";
import { createOfficePort } from "../../src/workbook/office";
import { formatNumber, formatRate } from "../../src/taskpane/format";
import { createMemoryPort } from "./memory-port";

afterEach(cleanup);

const sample = generateSample();
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

/** The sample's two input sheets on a fresh fake Excel with ExcelApi 1.14 (events carry triggerSource). */
function sampleFake(): FakeExcel {
  const fake = installFakeExcel({ apiVersion: "1.14", sheets: ["Population", "Activity"] });
  fake.put("Population", "A1", pop);
  fake.put("Activity", "A1", act);
  return fake;
}

const liveSwitch = () => screen.getByRole("switch", { name: /Live/ }) as HTMLInputElement;

describe("Live in the pane on the Excel fake", () => {
  let fake: FakeExcel;
  beforeAll(() => {
    fake = sampleFake();
  });
  afterAll(() => fake.uninstall());

  /** Every number of Annex B on the fake equals a fresh run's on what the sheets hold now. */
  async function expectAnnexBFresh(): Promise<number> {
    const port = createOfficePort();
    const fresh = buildPlan(
      run({
        population: await port.readTable(refs.population),
        activity: await port.readTable(refs.activity),
      }),
      {
        sheets: ["annex-b"],
      },
    );
    const sheet = fake.sheet("Annex B");
    let numbers = 0;
    for (const b of fresh.sheets[0]!.blocks)
      b.values.forEach((r, i) =>
        r.forEach((v, j) => {
          if (typeof v !== "number") return;
          numbers++;
          expect(sheet.cells.get(cellKey(b.row + i, b.col + j))?.value).toBeCloseTo(v, 9);
        }),
      );
    return numbers;
  }

  async function edit(row: number, value: number) {
    fake.put("Activity", `F${row}`, [[value]]);
    await fake.fireChanged({ sheet: "Activity" }, { address: `F${row}`, changeType: "RangeEdited" });
  }

  it("recalculates on an edit, and comes back on when the pane is opened again", async () => {
    const first = mountPane(createOfficePort());
    await waitFor(() => expect(liveSwitch().disabled).toBe(false), { timeout: 30_000 });
    // No run needed: Live reads the tables and writes the output sheets itself.
    fireEvent.click(liveSwitch());
    await screen.findByText(/Live: edits to the population and activity tables/, {}, { timeout: 120_000 });
    expect(liveSwitch().checked).toBe(true);
    expect(fake.model.sheets.map((s) => s.name)).toContain("Annex B");

    await edit(2, (act[1]![5] as number) * 10 + 1000);
    await screen.findByText(/Recalculated in \d+ ms; [\d,]+ cells rewritten/, {}, { timeout: 20_000 });
    expect(await expectAnnexBFresh()).toBeGreaterThan(500);

    // Close the pane and open it again: Live is on again from the document's setting.
    first.unmount();
    mountPane(createOfficePort());
    await screen.findByText(
      /Live is on \(as when this workbook was saved\): the output sheets were recalculated now/,
      {},
      { timeout: 120_000 },
    );
    expect(liveSwitch().checked).toBe(true);
    await edit(3, 0);
    await screen.findByText(/Recalculated in \d+ ms/, {}, { timeout: 20_000 });
    await expectAnnexBFresh();

    // Off: the document remembers that too.
    fireEvent.click(liveSwitch());
    await waitFor(() => expect(liveSwitch().checked).toBe(false));
    await waitFor(() => expect(JSON.stringify(fake.settings.live)).toMatch(/"on":false/));
  }, 300_000);
});

describe("The Results panel follows Live", () => {
  let fake: FakeExcel;
  beforeAll(() => {
    fake = sampleFake();
  });
  afterAll(() => fake.uninstall());

  /** A fresh run on what the sheets hold now. */
  async function fresh() {
    const port = createOfficePort();
    return run({
      population: await port.readTable(refs.population),
      activity: await port.readTable(refs.activity),
    });
  }
  const rateShown = (measure: string) => {
    const table = within(screen.getByRole("region", { name: "Results" })).getByRole("table", {
      name: "National rates",
    });
    const row = within(table).getByRole("rowheader", { name: measure }).closest("tr")!;
    return row.querySelectorAll("td")[1]!.textContent;
  };

  it("shows the national rates and exclusions of the latest live recalculation, not of the Run", async () => {
    mountPane(createOfficePort());
    const runButton = await screen.findByRole("button", { name: "Run" }, { timeout: 30_000 });
    await waitFor(() => expect(runButton).toHaveProperty("disabled", false), { timeout: 30_000 });
    fireEvent.click(runButton);
    await screen.findByRole("region", { name: "Results" }, { timeout: 120_000 });
    const measure = String(act[1]![4]);
    const before = await fresh();
    const rateOf = (r: typeof before) => r.national.find((n) => n.measure === measure)!.rate;
    expect(rateShown(measure)).toBe(formatRate(rateOf(before)));

    fireEvent.click(liveSwitch());
    await screen.findByText(/Live: edits to the population and activity tables/, {}, { timeout: 120_000 });
    // Ten times the count plus 1,000: the national rate for this measure must move.
    fake.put("Activity", "F2", [[(act[1]![5] as number) * 10 + 1000]]);
    await fake.fireChanged({ sheet: "Activity" }, { address: "F2", changeType: "RangeEdited" });
    const after = await fresh();
    expect(formatRate(rateOf(after))).not.toBe(formatRate(rateOf(before)));
    await waitFor(() => expect(rateShown(measure)).toBe(formatRate(rateOf(after))), { timeout: 20_000 });

    // A sex code edited to U: that row's activity is excluded, and the panel says so.
    fake.put("Activity", "B3", [["U"]]);
    await fake.fireChanged({ sheet: "Activity" }, { address: "B3", changeType: "RangeEdited" });
    const excluded = (await fresh()).exclusions.activityCount;
    expect(excluded).toBeGreaterThan(after.exclusions.activityCount);
    await waitFor(
      () =>
        expect(screen.getByRole("region", { name: "Results" }).textContent).toContain(
          `Excluded: ${formatNumber(excluded)} activity`,
        ),
      { timeout: 20_000 },
    );
    fireEvent.click(liveSwitch());
    await waitFor(() => expect(liveSwitch().checked).toBe(false));
  }, 300_000);
});

describe("Live in the preview", () => {
  it("explains that Live needs Excel", async () => {
    mountPane(createMemoryPort());
    await screen.findByText(/Live recalculation needs Excel/, {}, { timeout: 20_000 });
    expect(screen.queryByRole("switch", { name: /Live/ })).toBeNull();
  });
});
