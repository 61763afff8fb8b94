// @vitest-environment happy-dom
// The pane's "Beyond the publication" options (SPEC §4b, §11, §12) over the memory port, with the real
// engine and report: chosen, run, written (DSR sheet, * cells, overdispersed footnote), saved in the
// workbook and restored on reopening.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/taskpane/components/App";
import { lazyLoaders } from "../../src/taskpane/lazy";
import { SETTINGS_KEY, type PaneSettings } from "../../src/taskpane/settings";
import { generateSample } from "../../src/sample/generate";
import type { CellValue } from "../../src/engine/types";
import { createMemoryPort, type MemoryPort } from "./memory-port";
import { allText } from "../report/plan-cells";

afterEach(cleanup);

function mount(port: MemoryPort) {
  const session = { mode: "excel" as const, port };
  return render(
    <FluentProvider theme={webLightTheme}>
      <App sessionPromise={Promise.resolve({ session, notices: [] })} loaders={lazyLoaders} />
    </FluentProvider>,
  );
}

const runButton = () => screen.getByRole("button", { name: "Run" });

async function ready() {
  await waitFor(() => expect(runButton()).toHaveProperty("disabled", false), { timeout: 20_000 });
}

describe("pane options beyond the publication", () => {
  it("overdispersed verdicts, DSR and suppression: written, saved and restored", async () => {
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
