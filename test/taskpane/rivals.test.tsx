// @vitest-environment happy-dom
// SPEC §1b "Several candidates", in the pane over the Excel fake: two sheets that could each be
// the population table are not chosen between silently. The pane lists them, leaves the choice
// empty (Run stays off) until the user picks one, and then rates with the one picked.
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mountPane } from "./mount-pane";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { installFakeExcel } from "../fakes/excel";

const fake = installFakeExcel({ apiVersion: "1.9" });
afterAll(() => fake.uninstall());
afterEach(cleanup);

const pop = (n: number) => [
  ["ICB code", "Sex", "Age band", "IMD quintile", "Population"],
  ["QYG", "F", "0-4", 1, n],
  ["QYG", "M", "0-4", 1, n],
  ["QHM", "F", "0-4", 1, n],
  ["QHM", "M", "0-4", 1, n],
];
fake.put("Population 2021", "A1", pop(100));
fake.put("Population 2022", "A1", pop(200));
fake.put("Activity", "A1", [
  ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"],
  ["QYG", "F", "0-4", 1, "CT", 10],
  ["QYG", "M", "0-4", 1, "CT", 10],
  ["QHM", "F", "0-4", 1, "CT", 20],
  ["QHM", "M", "0-4", 1, "CT", 20],
]);

const populationSelect = () => screen.getByLabelText("Population table") as HTMLSelectElement;
const runButton = () => screen.getByRole("button", { name: "Run" });

describe("several candidate tables in the pane", () => {
  it(
    "lists the rivals, picks none, and rates with the one the user chooses",
    { timeout: 120_000 },
    async () => {
      const first = mountPane();
      const warning = await screen.findByText(/2 could be the population table/, {}, { timeout: 20_000 });
      expect(warning.textContent).toContain("Population 2021 (sheet, 4 rows)");
      expect(warning.textContent).toContain("Population 2022 (sheet, 4 rows)");
      expect(populationSelect().value).toBe("");
      expect(runButton()).toHaveProperty("disabled", true);
      // The activity table has no rival: it is found as before.
      expect(
        (screen.getByLabelText("Activity table") as HTMLSelectElement).selectedOptions[0].textContent,
      ).toMatch(/^Activity \(/);

      const y2022 = [...populationSelect().options].find((o) =>
        o.textContent!.startsWith("Population 2022"),
      )!;
      fireEvent.change(populationSelect(), { target: { value: y2022.value } });
      await waitFor(() => expect(runButton()).toHaveProperty("disabled", false));
      fireEvent.click(runButton());
      const results = await screen.findByRole("region", { name: "Results" }, { timeout: 60_000 });
      const table = within(results).getByRole("table", { name: "National rates" });
      const ct = within(table)
        .getAllByRole("row")
        .find((r) => r.textContent!.startsWith("CT"))!;
      // By hand: 60 CT over the 2022 population of 800, per 10,000 = 750 (2021's would give 1,500).
      expect(ct.lastElementChild!.textContent).toBe("750");

      // The user's choice is saved in the document: reopening asks no more.
      first.unmount();
      mountPane();
      await waitFor(
        () => expect(populationSelect().selectedOptions[0].textContent).toMatch(/^Population 2022 /),
        {
          timeout: 20_000,
        },
      );
      expect(screen.queryByText(/could be the population table/)).toBeNull();
    },
  );
});
