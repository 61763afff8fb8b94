// @vitest-environment happy-dom
// The pane's flow as a user meets it, over a test double of the workbook port with the real engine,
// report and sample: the Measures picker before any run, and where focus goes after Run.
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { generateSample } from "../../src/sample/generate";
import { listMeasures, distinctTexts } from "../../src/app/measures";
import { mountPane } from "./mount-pane";
import { createMemoryPort, type MemoryPort } from "./memory-port";

afterEach(cleanup);

const mount = (port: MemoryPort) => mountPane(port);

/** The sample's measures by hand: column 5 of its activity rows, first seen first. */
function sampleMeasures(): string[] {
  const out: string[] = [];
  for (const r of generateSample().activity.rows.slice(1)) {
    const m = String(r[4]);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

async function insertSample() {
  const insert = await screen.findByRole("button", { name: "Insert sample data" }, { timeout: 20_000 });
  await waitFor(() => expect(insert).toHaveProperty("disabled", false), { timeout: 20_000 });
  fireEvent.click(insert);
  await screen.findByText(/Inserted the sample sheets/, undefined, { timeout: 20_000 });
}

describe("listing measures before a run", () => {
  it("gives a long table's measure column values once each, and a wide table's measure columns", async () => {
    const port = createMemoryPort({
      Long: [
        ["Area", "Test", "Count"],
        ["A", " MRI ", 1],
        ["B", "CT", 2],
        ["A", "MRI", 3],
        ["B", null, 4],
        ["C", "", 5],
        ["C", "X-ray", 6],
      ],
    });
    const ref = { kind: "sheet" as const, name: "Long", sheet: "Long", address: "A1:C7" };
    expect(await listMeasures(port, { ref, mapping: { measure: "test" } })).toEqual(["MRI", "CT", "X-ray"]);
    expect(await listMeasures(port, { ref, mapping: {} })).toEqual([]);
    expect(await listMeasures(port, { ref, mapping: { measure: "Nope" } })).toEqual([]);
    expect(await listMeasures(port, { ref, mapping: {}, measureColumns: ["X-ray", "MRI"] })).toEqual([
      "X-ray",
      "MRI",
    ]);
    expect(distinctTexts([{ error: "#N/A" }, "a", 1, "1", true])).toEqual(["a", "1", "true"]);
  });
});

describe("the pane before and after Run", () => {
  it("offers the Measures picker before the first run, with the sample's measures", async () => {
    mount(createMemoryPort());
    await insertSample();
    const expected = sampleMeasures();
    expect(expected.length).toBe(14);
    const summary = await screen.findByText(`Measures: all ${expected.length}`, undefined, {
      timeout: 20_000,
    });
    expect(screen.queryByRole("region", { name: "Results" })).toBeNull();
    const group = within(summary.closest("details")!).getByRole("group", { name: "Measures" });
    const labels = within(group)
      .getAllByRole("checkbox")
      .map((c) => c.closest("div,span")?.textContent?.trim() ?? "")
      .filter((l) => l !== "All");
    for (const m of expected) expect(labels.some((l) => l.includes(m))).toBe(true);
  });

  it("moves focus to the results after Run from the keyboard, and to the error when Run fails", async () => {
    const port = createMemoryPort();
    mount(port);
    await insertSample();
    const run = screen.getByRole("button", { name: "Run" });
    await waitFor(() => expect(run).toHaveProperty("disabled", false), { timeout: 20_000 });
    run.focus();
    fireEvent.keyDown(run, { key: "Enter" });
    fireEvent.click(run); // Enter on a button is a click
    await screen.findByRole("region", { name: "Results" }, { timeout: 30_000 });
    await waitFor(() => expect(document.activeElement?.id).toBe("results-heading"));

    // A misspelt count header in the activity sheet: the next Run fails, and focus is on the error.
    const activity = [...port.sheets.keys()].find((n) => /activity/i.test(n))!;
    const grid = port.sheets.get(activity)!;
    const j = grid[0]!.findIndex((h) => String(h).toLowerCase() === "count");
    for (let i = 1; i < grid.length; i++) if (i % 7 === 0) grid[i]![j] = "lots";
    fireEvent.click(run);
    const alert = await screen.findByText(/lots/, undefined, { timeout: 30_000 });
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
  });
});
