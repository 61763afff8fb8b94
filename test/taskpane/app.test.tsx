// @vitest-environment happy-dom
// The pane's flow over a test double of the workbook port, with the real engine, report and
// sample (through the same lazy loaders the build uses): Insert sample data → Run → Results;
// settings saved and restored; an input error offers Go to cell; a mapping fixed by hand.
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SETTINGS_KEY, type PaneSettings } from "../../src/taskpane/settings";
import { generateSample } from "../../src/sample/generate";
import type { CellValue } from "../../src/engine/types";
import { mountPane } from "./mount-pane";
import { createMemoryPort, type MemoryPort } from "./memory-port";
import { allText } from "../report/plan-cells";

afterEach(cleanup);

const mount = (port: MemoryPort) => mountPane(port);

const runButton = () => screen.getByRole("button", { name: "Run" });
const resultsRegion = () => screen.findByRole("region", { name: "Results" }, { timeout: 30_000 });

async function ready() {
  await waitFor(
    () =>
      expect(screen.getByRole("button", { name: "Insert sample data" })).toHaveProperty("disabled", false),
    {
      timeout: 20_000,
    },
  );
}

/** National rate per 10,000 from the sample rows, by hand: rows with a blank or unknown stratum left out. */
function nationalRate(measure: string): number {
  const { population, activity } = generateSample();
  const known = (sex: CellValue, age: CellValue, imd: CellValue) =>
    (sex === "Female" || sex === "Male") && age !== null && age !== "" && imd !== null && imd !== "";
  let o = 0;
  for (const [, sex, age, imd, m, n] of activity.rows.slice(1))
    if (m === measure && known(sex, age, imd)) o += n as number;
  let p = 0;
  for (const r of population.rows.slice(1)) p += r[6] as number;
  return (10_000 * o) / p;
}

describe("task pane", () => {
  it("inserts the sample, runs, and shows 42 areas · 14 measures with national rates", async () => {
    const port = createMemoryPort();
    mount(port);
    await ready();
    expect(runButton()).toHaveProperty("disabled", true);

    fireEvent.click(screen.getByRole("button", { name: "Insert sample data" }));
    await screen.findByText(/Inserted the sample sheets Population and Activity/, {}, { timeout: 20_000 });
    expect([...port.sheets.keys()]).toEqual(["Population", "Activity"]);
    // The tables found, with their row counts.
    expect(
      (screen.getByLabelText("Population table") as HTMLSelectElement).selectedOptions[0].textContent,
    ).toBe("Population (sheet, 7,980 rows)");
    const activityRows = generateSample().activity.rows.length - 1;
    expect(
      (screen.getByLabelText("Activity table") as HTMLSelectElement).selectedOptions[0].textContent,
    ).toBe(`Activity (sheet, ${activityRows.toLocaleString("en-GB")} rows)`);

    fireEvent.click(runButton());
    const results = await resultsRegion();
    expect(within(results).getByText("42 areas · 14 measures")).toBeTruthy();
    const table = within(results).getByRole("table", { name: "National rates" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(14);
    const xray = rows.find((r) => r.textContent!.startsWith("X-ray"))!;
    const shown = Number(xray.lastElementChild!.textContent!.replace(/,/g, ""));
    expect(shown).toBe(Math.round(nationalRate("X-ray")));
    // Annex A-like exclusions are reported with their reasons.
    expect(within(results).getByText(/^Excluded:/).parentElement!.textContent).toMatch(
      /activity \(\d+(\.\d)?%\) in [\d,]+ rows/,
    );

    // One write, and the first output sheet activated; links open each sheet.
    expect(port.plans).toHaveLength(1);
    const annex = port.plans[0].sheets[0].name;
    expect(port.selections.at(-1)).toEqual({ sheet: annex, address: undefined });
    const links = within(within(results).getByRole("navigation", { name: "Output sheets" })).getAllByRole(
      "button",
    );
    expect(links.map((l) => l.textContent)).toEqual(port.plans[0].sheets.map((s) => s.name));
    fireEvent.click(links[links.length - 1]);
    await waitFor(() => expect(port.selections.at(-1)?.sheet).toBe(port.plans[0].sheets.at(-1)!.name));

    // What was chosen is saved in the workbook.
    const saved = port.settings.get(SETTINGS_KEY) as PaneSettings;
    expect(saved.tables.population?.sheet).toBe("Population");
    expect(saved.tables.activity?.sheet).toBe("Activity");
    expect(saved.mapping.activity?.count).toBe("Count");
  });

  it("restores the saved choices on reopening, and the same Run gives the same numbers", async () => {
    const { population, activity } = generateSample();
    const port = createMemoryPort({
      Pop: population.rows as CellValue[][],
      Act: activity.rows as CellValue[][],
    });
    const first = mount(port);
    await ready();
    fireEvent.change(screen.getByRole("combobox", { name: "Rates per" }), { target: { value: "100000" } });
    fireEvent.click(runButton());
    await resultsRegion();
    const firstPlan = port.plans[0];
    first.unmount();

    mount(port);
    await ready();
    expect((screen.getByRole("combobox", { name: "Rates per" }) as HTMLSelectElement).value).toBe("100000");
    fireEvent.click(runButton());
    const results = await resultsRegion();
    expect(within(results).getByText(/National rates per 100,000 population/)).toBeTruthy();
    // Identical output, bar the time stamp on the About sheet.
    const strip = (p: typeof firstPlan) => JSON.stringify(p).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "T");
    expect(strip(port.plans[1])).toBe(strip(firstPlan));
    // Rates per 100,000 are ten times the rates per 10,000.
    const xray = within(within(results).getByRole("table"))
      .getAllByRole("row")
      .find((r) => r.textContent!.startsWith("X-ray"))!;
    expect(Number(xray.lastElementChild!.textContent!.replace(/,/g, ""))).toBe(
      Math.round(10 * nationalRate("X-ray")),
    );
  });

  it("names the bad cell and goes to it", async () => {
    const { population, activity } = generateSample();
    const act = activity.rows.map((r) => [...r]) as CellValue[][];
    act[41][5] = -3; // sheet row 42, column F (Count)
    const port = createMemoryPort({ Population: population.rows as CellValue[][], Activity: act });
    mount(port);
    await ready();
    fireEvent.click(runButton());
    const alert = await screen.findByRole("alert", {}, { timeout: 30_000 });
    expect(alert.textContent).toMatch(/Activity/);
    expect(alert.textContent).toMatch(/row 42/);
    expect(alert.textContent).toMatch(/column F/);
    // The failure takes the focus (and is scrolled to), wherever the Run button was.
    await waitFor(() => expect(alert.contains(document.activeElement)).toBe(true));
    fireEvent.click(within(alert).getByRole("button", { name: "Go to cell" }));
    await waitFor(() => expect(port.selections.at(-1)).toEqual({ sheet: "Activity", address: "F42" }));
    expect(port.plans).toHaveLength(0);
  });

  it("lets the user map a column the guess missed", async () => {
    const { population, activity } = generateSample();
    const act = activity.rows.map((r) => [...r]) as CellValue[][];
    act[0][5] = "Volume";
    const port = createMemoryPort({ Population: population.rows as CellValue[][], Activity: act });
    mount(port);
    await ready();
    const summary = screen.getByText("Columns: 5 of 6 found — missing Count");
    expect(within(summary).getByRole("img", { name: "Warning:" })).toBeTruthy();
    // Run is held back, and says why, until the column is mapped.
    expect(runButton()).toHaveProperty("disabled", true);
    expect(screen.getByText("Map the missing column under 1. Data first: Count (activity).")).toBeTruthy();
    expect(runButton().getAttribute("aria-describedby")).toBe("run-blocked");
    fireEvent.change(document.getElementById("map-activity-count")!, { target: { value: "Volume" } });
    fireEvent.click(runButton());
    const results = await resultsRegion();
    expect(within(results).getByText("42 areas · 14 measures")).toBeTruthy();
    expect((port.settings.get(SETTINGS_KEY) as PaneSettings).mapping.activity?.count).toBe("Volume");
  });

  it("lists warnings with a link to the first row concerned", async () => {
    const { population, activity } = generateSample();
    const act = activity.rows.map((r) => [...r]) as CellValue[][];
    act[9][5] = 2.5; // sheet row 10: a fractional count is accepted, with a warning
    const port = createMemoryPort({ Population: population.rows as CellValue[][], Activity: act });
    mount(port);
    await ready();
    fireEvent.click(runButton());
    const results = await resultsRegion();
    const link = within(results).getByRole("button", { name: "Go to row 10" });
    fireEvent.click(link);
    await waitFor(() => expect(port.selections.at(-1)).toEqual({ sheet: "Activity", address: "A10" }));
  });

  it("uses a selected range as a table", async () => {
    const { population, activity } = generateSample();
    const port = createMemoryPort({
      Pop: population.rows as CellValue[][],
      "My data": activity.rows as CellValue[][],
    });
    port.selection = { kind: "range", name: "", sheet: "My data", address: "A1:F99" };
    mount(port);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Use selection as the activity table" }));
    await waitFor(() =>
      expect(
        (screen.getByLabelText("Activity table") as HTMLSelectElement).selectedOptions[0].textContent,
      ).toMatch(/^My data!A1:F99 \(/),
    );
    expect((port.settings.get(SETTINGS_KEY) as PaneSettings).tables.activity).toEqual(port.selection);
  });

  it("with a reference table holding this data's own national strata rates, gives the internal standard's rates", async () => {
    const { population, activity } = generateSample();
    // The standard by hand: activity and population summed over areas per sex × age × IMD (× measure),
    // rows with a blank or unknown stratum left out.
    const pop = new Map<string, number>();
    for (const r of population.rows.slice(1)) {
      const k = `${r[3]}|${r[4]}|${r[5]}`;
      pop.set(k, (pop.get(k) ?? 0) + (r[6] as number));
    }
    const act = new Map<string, number>();
    const measures = new Set<string>();
    for (const [, sex, age, imd, m, n] of activity.rows.slice(1)) {
      if ((sex !== "Female" && sex !== "Male") || age === null || imd === null) continue;
      measures.add(m as string);
      const k = `${sex}|${age}|${imd}|${m}`;
      act.set(k, (act.get(k) ?? 0) + (n as number));
    }
    const standard: CellValue[][] = [["Sex", "Age band", "IMD quintile", "Measure", "Count", "Population"]];
    for (const [k, p] of pop) {
      const [sex, age, imd] = k.split("|");
      for (const m of measures) standard.push([sex, age, Number(imd), m, act.get(`${k}|${m}`) ?? 0, p]);
    }
    const port = createMemoryPort({
      Population: population.rows as CellValue[][],
      Activity: activity.rows as CellValue[][],
      Standard: standard,
    });
    mount(port);
    await ready();
    fireEvent.click(runButton());
    await resultsRegion();
    const internal = port.plans[0];

    fireEvent.click(screen.getByRole("radio", { name: "A reference table in the workbook" }));
    await waitFor(() =>
      expect(
        (screen.getByLabelText("Reference (standard) table") as HTMLSelectElement).selectedOptions[0]
          .textContent,
      ).toMatch(/^Standard \(/),
    );
    fireEvent.click(runButton());
    await waitFor(() => expect(port.plans).toHaveLength(2), { timeout: 30_000 });
    await resultsRegion();
    // Annex B's numbers are the same to 1e-9 (the sheets' text may say which standard was used).
    const numbers = (p: typeof internal) =>
      p.sheets
        .find((x) => x.key === "annex-b")!
        .blocks.flatMap((b) => b.values.flat())
        .filter((v): v is number => typeof v === "number");
    const a = numbers(internal);
    const b = numbers(port.plans[1]);
    expect(b.length).toBe(a.length);
    expect(a.length).toBeGreaterThan(42 * 14);
    b.forEach((v, i) => expect(Math.abs(v - a[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a[i]))));
  });

  it("beyond the publication: overdispersed verdicts, DSR and suppression are written, saved and restored", async () => {
    const { population, activity } = generateSample();
    const port = createMemoryPort({
      Pop: population.rows as CellValue[][],
      Act: activity.rows as CellValue[][],
    });
    const first = mount(port);
    await ready();
    fireEvent.click(screen.getByRole("radio", { name: "Allowing for overdispersion (Spiegelhalter)" }));
    fireEvent.click(screen.getByRole("checkbox", { name: /Directly standardised rates/ }));
    fireEvent.change(screen.getByRole("spinbutton", { name: /Suppress counts below/ }), {
      target: { value: "200" },
    });
    fireEvent.click(runButton());
    await screen.findByRole("region", { name: "Results" }, { timeout: 30_000 });

    const plan = port.plans[0];
    const names = plan.sheets.map((s) => s.name);
    expect(names).toContain("DSR");
    const annex = plan.sheets.find((s) => s.key === "annex-b")!;
    expect(allText(annex)).toMatch(/allowing for overdispersion/);
    expect(allText(annex)).toMatch(/\* suppressed: fewer than 200 events/);
    expect(annex.blocks.flatMap((b) => b.values.flat()).filter((v) => v === "*").length).toBeGreaterThan(0);

    const saved = port.settings.get(SETTINGS_KEY) as PaneSettings;
    expect(saved.options).toMatchObject({ verdicts: "overdispersed", direct: true, suppressBelow: 200 });
    first.unmount();

    mount(port);
    await ready();
    expect(
      (screen.getByRole("radio", { name: "Allowing for overdispersion (Spiegelhalter)" }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect(
      (screen.getByRole("checkbox", { name: /Directly standardised rates/ }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(
      (screen.getByRole("spinbutton", { name: /Suppress counts below/ }) as HTMLInputElement).value,
    ).toBe("200");
  });
});
