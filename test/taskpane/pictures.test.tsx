// @vitest-environment happy-dom
// The Pictures view over the real engine, report and sample, with the office.js port on the fake
// Excel: 42 hexes with tooltips from Results, a click selects that ICB's row on the Detail sheet
// (checked against the cells the fake holds), and Insert picture adds an image shape on ExcelApi
// 1.10 while 1.9 (no Range.left/top) offers a PNG download. The browser's canvas rasteriser is replaced by resvg (a
// real SVG renderer) since happy-dom has no canvas.
import { Resvg } from "@resvg/resvg-js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cellKey, installFakeExcel, type FakeExcel, type ShapeModel } from "../fakes/excel";
import { run } from "../../src/engine";
import { buildPlan } from "../../src/report";
import { generateSample } from "../../src/sample/generate";
import { gridToTable } from "../../src/workbook/tables";
import { createOfficePort } from "../../src/workbook/office";
import { PicturesSection } from "../../src/taskpane/pictures/PicturesSection";
import type { Png } from "../../src/taskpane/pictures/png";
import type { RunOutcome } from "../../src/taskpane/runner";
import type { Results } from "../../src/engine/types";

afterEach(cleanup);

const resvgPng = async (svg: string): Promise<Png> => {
  const png = new Resvg(svg, { background: "white" }).render();
  return { base64: Buffer.from(png.asPng()).toString("base64"), width: png.width, height: png.height };
};

const sample = generateSample();
const input = {
  population: gridToTable(sample.population.rows, { sheet: "Population" }),
  activity: gridToTable(sample.activity.rows, { sheet: "Activity" }),
};
const results: Results = run(input);
const whole = (v: number) => Math.round(v).toLocaleString("en-GB");

async function outcomeOnFake(): Promise<RunOutcome> {
  const plan = buildPlan(results, { sheets: ["annex-b", "detail"] });
  const applied = await createOfficePort().applyPlan(plan);
  return {
    results,
    plan,
    applied,
    input,
    runOptions: {},
    inputs: "",
    timings: { read: 0, compute: 0, write: 0 },
  };
}

function mount(outcome: RunOutcome) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <PicturesSection outcome={outcome} port={createOfficePort()} rasterise={resvgPng} />
    </FluentProvider>,
  );
}

const cellText = (fake: FakeExcel, sheet: string, row: number, col: number) =>
  fake.model.sheets.find((s) => s.name === sheet)!.cells.get(cellKey(row, col))?.value;

describe("Pictures on ExcelApi 1.10", () => {
  let fake: FakeExcel;
  beforeAll(() => void (fake = installFakeExcel({ apiVersion: "1.10" })));
  afterAll(() => fake.uninstall());

  it("draws 42 hexes with tooltips from Results, selects the Detail row on click, inserts the picture", async () => {
    const outcome = await outcomeOnFake();
    mount(outcome);
    const region = screen.getByRole("region", { name: "Pictures" });
    const measure = results.measures[0]!;
    expect((within(region).getByRole("combobox", { name: "Measure" }) as HTMLSelectElement).value).toBe(
      measure,
    );

    const hexes = region.querySelectorAll("svg [data-area]");
    expect(hexes.length).toBe(42);
    // Every ICB of the sample has a rate: no hex says "no data"; each is a keyboard target.
    const titles = Array.from(hexes, (h) => h.querySelector("title")!.textContent!);
    expect(titles.filter((t) => t.endsWith("no data"))).toEqual([]);
    // One tab stop for the map (roving tabindex): one hex at 0, the other 41 at -1, all buttons.
    expect(Array.from(hexes).every((h) => h.getAttribute("role") === "button")).toBe(true);
    expect(Array.from(hexes, (h) => h.getAttribute("tabindex")).filter((t) => t === "0")).toHaveLength(1);
    expect(Array.from(hexes, (h) => h.getAttribute("tabindex")).filter((t) => t === "-1")).toHaveLength(41);

    // One ICB's tooltip: its name, SR and both sets of limits, as Results has them.
    const a = results.areas.find((x) => x.measure === measure && x.area === "QE1")!;
    const hex = region.querySelector('svg [data-area="QE1"]')!;
    const tip = hex.querySelector("title")!.textContent!;
    expect(tip).toContain(a.name!);
    expect(tip).toContain(`standardised rate ${whole(a.rate)}`);
    expect(tip).toContain(`95% limits ${whole(a.lower95)} to ${whole(a.upper95)}`);
    expect(tip).toContain(`99.8% limits ${whole(a.lower998)} to ${whole(a.upper998)}`);

    // Click → the Detail sheet is active and the selected row holds QE1 and this measure.
    fireEvent.click(hex.querySelector("path")!);
    await waitFor(() => expect(fake.model.selection?.sheet.name).toBe(outcome.applied.sheetNames.detail));
    const sel = fake.model.selection!;
    expect(fake.model.activeSheet?.name).toBe(sel.sheet.name);
    expect(sel.rect.rows).toBe(1);
    expect(cellText(fake, sel.sheet.name, sel.rect.row, 0)).toBe("QE1");
    expect(cellText(fake, sel.sheet.name, sel.rect.row, 3)).toBe(measure);

    // Another measure: a different row for the same ICB, found with Enter on the hex.
    const other = results.measures[3]!;
    fireEvent.change(within(region).getByRole("combobox", { name: "Measure" }), { target: { value: other } });
    await waitFor(() =>
      expect(region.querySelector("[data-picture] > svg > title")!.textContent).toContain(other),
    );
    fireEvent.keyDown(region.querySelector('svg [data-area="QE1"]')!, { key: "Enter" });
    await waitFor(() =>
      expect(cellText(fake, fake.model.selection!.sheet.name, fake.model.selection!.rect.row, 3)).toBe(other),
    );
    expect(cellText(fake, fake.model.selection!.sheet.name, fake.model.selection!.rect.row, 0)).toBe("QE1");

    // Insert picture: an image shape appears on the active (Detail) sheet, with the map's title.
    fireEvent.click(within(region).getByRole("button", { name: "Insert picture" }));
    await within(region).findByText(/The picture is in the workbook/);
    const shapes = (sel.sheet.extras.shapes as ShapeModel[] | undefined) ?? [];
    expect(shapes).toHaveLength(1);
    expect(shapes[0]!.type).toBe("Image");
    expect(shapes[0]!.altTextTitle).toContain(`${other}: standardised rates`);
    expect(shapes[0]!.pngBytes).toBeGreaterThan(1000);
    expect(within(region).queryByRole("link", { name: /Download picture/ })).toBeNull();
  }, 120_000);

  it("colours by verdict on request and shows the funnel and ranked views", async () => {
    const outcome = await outcomeOnFake();
    mount(outcome);
    const region = screen.getByRole("region", { name: "Pictures" });
    fireEvent.click(within(region).getByRole("switch", { name: /Colour by verdict/ }));
    await waitFor(() =>
      expect(region.querySelector("[data-picture] > svg > title")!.textContent).toContain("hex map"),
    );
    const map = region.querySelector("[data-picture] > svg")!;
    expect(map.outerHTML).toMatch(/red higher, blue lower/);
    // Each hex is filled with one of the three verdict colours, and each verdict's ICBs carry its colour.
    const fills = new Map<string, Set<string>>();
    for (const g of map.querySelectorAll("[data-area]")) {
      const a = results.areas.find(
        (x) => x.measure === results.measures[0] && x.area === g.getAttribute("data-area"),
      )!;
      const v = String(a.vsNational998);
      (fills.get(v) ?? fills.set(v, new Set()).get(v)!).add(g.querySelector("path")!.getAttribute("fill")!);
    }
    for (const set of fills.values()) expect(set.size).toBe(1);
    expect(new Set([...fills.values()].map((x) => [...x][0])).size).toBe(fills.size);
    expect(fills.size).toBeGreaterThan(1);
    fireEvent.click(within(region).getByRole("tab", { name: "Funnel" }));
    await waitFor(() =>
      expect(region.querySelector("[data-picture] > svg > title")!.textContent).toMatch(/funnel/i),
    );
    fireEvent.click(within(region).getByRole("tab", { name: "Ranked" }));
    await waitFor(() =>
      expect(region.querySelector("[data-picture] > svg > title")!.textContent).toMatch(/rank/i),
    );
  }, 120_000);
});

describe("Pictures on ExcelApi 1.9 (no Range.left/top)", () => {
  let fake: FakeExcel;
  beforeAll(() => void (fake = installFakeExcel({ apiVersion: "1.9" })));
  afterAll(() => fake.uninstall());

  it("offers the PNG as a download instead of inserting it", async () => {
    const outcome = await outcomeOnFake();
    mount(outcome);
    const region = screen.getByRole("region", { name: "Pictures" });
    fireEvent.click(within(region).getByRole("button", { name: "Insert picture" }));
    const link = await within(region).findByRole("link", { name: "Download picture (PNG)" });
    expect(link.getAttribute("download")).toMatch(/\.png$/);
    expect(link.getAttribute("href")).toMatch(/^blob:/);
    expect(within(region).getByText(/needs ExcelApi 1.10/)).toBeTruthy();
    expect(fake.model.sheets.flatMap((s) => (s.extras.shapes as unknown[] | undefined) ?? [])).toEqual([]);
  }, 120_000);
});
