// @vitest-environment happy-dom
// The pane inside "Excel": the real office.js port over the typed fake of the Excel object model
// (test/fakes/excel, the OFFICE owner's). Insert sample data → Run writes the report into the
// workbook; the choices are saved in the document settings and come back on reopening.
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mountPane } from "./mount-pane";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { installFakeExcel, PAYLOAD_LIMIT } from "../fakes/excel";

const fake = installFakeExcel({ apiVersion: "1.9" });
afterAll(() => fake.uninstall());
afterEach(cleanup);

const insertButton = () => screen.getByRole("button", { name: "Insert sample data" });

describe("task pane on the Excel fake", () => {
  it("inserts the sample, runs at DID scale and writes the report into the workbook", async () => {
    const first = mountPane();
    await waitFor(() => expect(insertButton()).toHaveProperty("disabled", false), { timeout: 20_000 });
    fireEvent.click(insertButton());
    await screen.findByText(/Inserted the sample sheets/, {}, { timeout: 60_000 });
    fake.resetStats();
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    const results = await screen.findByRole("region", { name: "Results" }, { timeout: 120_000 });
    expect(within(results).getByText("42 areas · 14 measures")).toBeTruthy();

    const names = fake.model.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Population", "Activity", "Annex B"]));
    const r = fake.stats.requests;
    console.log(
      `[pane on fake Excel] run: ${fake.stats.syncs} syncs, sent ${(r.reduce((s, x) => s + x.requestBytes, 0) / 1e6).toFixed(2)} MB, ` +
        `received ${(r.reduce((s, x) => s + x.responseBytes, 0) / 1e6).toFixed(2)} MB`,
    );
    expect(
      r.every((x) => !x.error && x.requestBytes < PAYLOAD_LIMIT && x.responseBytes < PAYLOAD_LIMIT),
    ).toBe(true);
    // The output sheet was activated.
    expect(fake.model.sheets.find((s) => s.name === "Annex B")).toBeTruthy();

    // Change an option, close the pane, reopen: the choice is read back from the document.
    fireEvent.change(screen.getByRole("combobox", { name: "Rates per" }), { target: { value: "1000" } });
    await waitFor(() => expect(JSON.stringify(fake.settings.live)).toContain('"multiplier":1000'));
    first.unmount();
    mountPane();
    await waitFor(() => expect(insertButton()).toHaveProperty("disabled", false), { timeout: 20_000 });
    expect((screen.getByRole("combobox", { name: "Rates per" }) as HTMLSelectElement).value).toBe("1000");
    expect(
      (screen.getByLabelText("Activity table") as HTMLSelectElement).selectedOptions[0].textContent,
    ).toMatch(/^Activity \(/);
  });
});
