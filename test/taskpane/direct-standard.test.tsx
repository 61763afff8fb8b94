// @vitest-environment happy-dom
// SPEC §11 in the pane on the Excel fake: the DSR's standard population can be a table of the
// workbook. A table with ESP 2013's weights gives the DSR sheet ESP 2013 gives; a table with other
// weights gives the DSR worked out by hand below. The choice is saved and restored.
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { mountPane } from "./mount-pane";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { installFakeExcel, MAX_COLS } from "../fakes/excel";
import { SETTINGS_KEY, type PaneSettings } from "../../src/taskpane/settings";

// Two areas, sex and two age bands (each a union of ESP 2013's five-year bands), one measure.
const pop = [
  ["Area", "Sex", "Age band", "Population"],
  ["A", "F", "0-44", 4000],
  ["A", "M", "0-44", 6000],
  ["A", "F", "45+", 3000],
  ["A", "M", "45+", 2000],
  ["B", "F", "0-44", 5000],
  ["B", "M", "0-44", 5000],
  ["B", "F", "45+", 1000],
  ["B", "M", "45+", 1000],
];
const act = [
  ["Area", "Sex", "Age band", "Measure", "Count"],
  ["A", "F", "0-44", "CT", 40],
  ["A", "M", "0-44", "CT", 20],
  ["A", "F", "45+", "CT", 90],
  ["A", "M", "45+", "CT", 50],
  ["B", "F", "0-44", "CT", 30],
  ["B", "M", "0-44", "CT", 30],
  ["B", "F", "45+", "CT", 25],
  ["B", "M", "45+", "CT", 35],
];
const ESP_WEIGHTS = [
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500,
  1000,
];
const esp = [
  ["Age band", "Population"],
  ...ESP_WEIGHTS.map((w, i) => [i < 18 ? `${5 * i}-${5 * i + 4}` : "90+", w]),
];
const other = [
  ["Age band", "Population"],
  ["0-44", 30_000],
  ["45+", 70_000],
];

const fake = installFakeExcel({
  apiVersion: "1.9",
  sheets: ["Population", "Activity", "EspTable", "OtherStd"],
});
fake.put("Population", "A1", pop);
fake.put("Activity", "A1", act);
fake.put("EspTable", "A1", esp);
fake.put("OtherStd", "A1", other);
afterAll(() => fake.uninstall());
afterEach(cleanup);

const ready = () =>
  waitFor(() => expect(screen.getByRole("button", { name: "Run" })).toHaveProperty("disabled", false), {
    timeout: 20_000,
  });
const standardSelect = () =>
  screen.getByRole("combobox", { name: /Standard population for the DSR/ }) as HTMLSelectElement;

/** The DSR sheet as rows of values (row, column from the fake's cell keys). */
function dsrSheet(): (string | number | boolean | null)[][] {
  const sheet = fake.model.sheets.find((s) => s.name === "DSR" && !s.deleted)!;
  const rows: (string | number | boolean | null)[][] = [];
  for (const [key, cell] of sheet.cells) {
    const r = Math.floor(key / MAX_COLS);
    (rows[r] ??= [])[key % MAX_COLS] = (cell.value ?? null) as string | number | boolean | null;
  }
  return rows;
}
const numbers = (rows: ReturnType<typeof dsrSheet>) =>
  rows.flatMap((r, i) => (r ?? []).flatMap((v, j) => (typeof v === "number" ? [`${i},${j}:${v}`] : [])));

async function run() {
  const before = fake.stats.syncs;
  fireEvent.click(screen.getByRole("button", { name: "Run" }));
  await waitFor(
    () => {
      const error = document.querySelector(".fui-MessageBar");
      if (error) throw new Error(`Run failed: ${error.textContent}`);
      expect(screen.getByRole("region", { name: "Results" })).toBeTruthy();
    },
    { timeout: 60_000 },
  );
  expect(fake.stats.syncs).toBeGreaterThan(before);
  return dsrSheet();
}

function pickStandard(sheet: string) {
  const option = [...standardSelect().options].find((o) => o.textContent!.startsWith(sheet))!;
  fireEvent.change(standardSelect(), { target: { value: option.value } });
}

describe("DSR standard population from the workbook", () => {
  it("ESP 2013's weights as a table give ESP 2013's DSRs; other weights give the hand DSR; saved", async () => {
    const first = mountPane();
    await ready();
    expect(
      (screen.getByLabelText("Population table") as HTMLSelectElement).selectedOptions[0].textContent,
    ).toMatch(/^Population/);
    expect(
      (screen.getByLabelText("Activity table") as HTMLSelectElement).selectedOptions[0].textContent,
    ).toMatch(/^Activity/);
    // The data has sex and age only. (The strata checkboxes share the Field's control id, so by label text.)
    const imd = screen
      .getByText("IMD quintile", { selector: ".fui-Checkbox label" })
      .closest(".fui-Checkbox")!;
    fireEvent.click(imd.querySelector("input")!);
    expect(standardSelect().disabled).toBe(true); // until DSRs are asked for
    fireEvent.click(screen.getByRole("checkbox", { name: /Directly standardised rates/ }));
    expect(standardSelect().value).toBe(""); // ESP 2013
    const byEsp = await run();
    expect(JSON.stringify(byEsp)).toMatch(/European Standard Population 2013/);

    const liveSwitch = () => screen.getByRole("switch", { name: /^Live/ }) as HTMLInputElement;
    expect(liveSwitch().disabled).toBe(false);
    pickStandard("EspTable");
    // Live cannot carry a table standard: it is off, and says why (never a silent ESP 2013).
    expect(liveSwitch().disabled).toBe(true);
    expect(screen.getByText(/Live is off while the DSR's standard population is a table/)).toBeTruthy();
    const byTable = await run();
    expect(JSON.stringify(byTable)).toMatch(/Directly standardised to the EspTable/);
    expect(numbers(byTable).length).toBeGreaterThan(0);
    expect(numbers(byTable)).toEqual(numbers(byEsp));

    pickStandard("OtherStd");
    const byOther = await run();
    // Area A by hand, per 10,000: (30,000 × 60/10,000 + 70,000 × 140/5,000) ÷ 100,000 × 10,000 = 214.
    const header = byOther.find((r) => r?.includes("CT"))!;
    const rowA = byOther.find((r) => r?.[0] === "A" || r?.[1] === "A")!;
    expect(rowA[header.indexOf("CT")]).toBeCloseTo(((30_000 * 60) / 10_000 + (70_000 * 140) / 5_000) / 10, 9);
    expect(numbers(byOther)).not.toEqual(numbers(byEsp));

    // Saved in the document, and chosen again on reopening.
    const saved = Object.entries(fake.settings.live).find(([k]) =>
      k.endsWith(SETTINGS_KEY),
    )![1] as PaneSettings;
    expect(saved.options.directTable).toMatchObject({ sheet: "OtherStd" });
    first.unmount();
    mountPane();
    await ready();
    expect(standardSelect().selectedOptions[0].textContent).toMatch(/^OtherStd/);
  }, 120_000);
});
