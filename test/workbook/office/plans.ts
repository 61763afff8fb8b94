// A stand-in Plan that exercises every feature both adapters write, independent of the report.
import type { Plan, SheetPlan } from "../../../src/report/plan";

/** A valid 1×1 PNG. */
export const PNG_1X1 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const TRICKY = [
  "=1+1",
  "10-14",
  "0123",
  "TRUE",
  "#N/A",
  "+44 20",
  "-x",
  "Jan-24",
  "@home",
  "'quoted",
  "E54000008",
  "plain text",
];

export function featurePlan(marker = "stdrates test"): Plan {
  const main: SheetPlan = {
    key: "annex-b",
    name: "Annex B",
    tabColor: "#005EB8",
    hideGridlines: true,
    blocks: [
      { row: 0, col: 0, values: [["Standardised rates (test)"]], font: { bold: true, size: 14 } },
      { row: 1, col: 0, values: [["made by a test"]], font: { italic: true, color: "#5A5A5A" } },
      {
        row: 3,
        col: 0,
        values: [["Area", "Name", "Rate", "Lower", "Upper", "Verdict"]],
        font: { bold: true },
        fill: "#E8EDEE",
        horizontal: "center",
        vertical: "middle",
        wrap: true,
        border: ["top", "bottom"],
      },
      {
        row: 4,
        col: 0,
        values: [
          ["QE1", "Area one", 123.456, 120.1, 127.9, "higher"],
          ["QHM", "Area two", 98.7, 95, 102.2, "similar"],
          ["Q3", null, Number.NaN, null, 1e-7, "lower"],
        ],
        numberFormat: ["@", "General", "#,##0.0", "0.0", "0.0", "General"],
        border: ["bottom", "left", "right"],
      },
      { row: 8, col: 0, values: [TRICKY], horizontal: "right", vertical: "top" },
      {
        row: 9,
        col: 0,
        values: [[true, false, 0, -1.5, 0.125]],
        numberFormat: "0.00%",
        font: { underline: true },
        vertical: "bottom",
        horizontal: "left",
      },
    ],
    formulas: [
      { row: 10, col: 2, formula: "SUM(C5:C7)", numberFormat: "#,##0.0", font: { bold: true } },
      { row: 10, col: 3, formula: 'IF(F5="higher",1,0)' },
    ],
    merges: [
      { row: 0, col: 0, rows: 1, cols: 6 },
      { row: 12, col: 0, rows: 2, cols: 3 },
    ],
    columnWidths: [
      { col: 0, width: 10 },
      { col: 1, width: 28.5 },
      { col: 5, width: 8.43 },
    ],
    rowHeights: [
      { row: 0, height: 24 },
      { row: 12, height: 30 },
    ],
    freeze: { rows: 4, cols: 2 },
    conditionalFormats: [
      {
        type: "colorScale",
        range: { row: 4, col: 2, rows: 3, cols: 1 },
        min: { type: "lowestValue", color: "#63BE7B" },
        mid: { type: "percentile", value: 50, color: "#FFEB84" },
        max: { type: "highestValue", color: "#F8696B" },
      },
      {
        type: "colorScale",
        range: { row: 4, col: 3, rows: 3, cols: 1 },
        min: { type: "number", value: 0, color: "#FFFFFF" },
        max: { type: "number", value: 200, color: "#5A8AC6" },
      },
      {
        type: "expression",
        range: { row: 4, col: 0, rows: 3, cols: 6 },
        formula: '$F5="higher"',
        format: { font: { bold: true, color: "#9C0006" }, fill: "#FFC7CE", border: true },
      },
      {
        type: "cellValue",
        range: { row: 4, col: 4, rows: 3, cols: 1 },
        operator: "between",
        values: [100, 125.5],
        format: { fill: "#C6EFCE" },
      },
      {
        type: "cellValue",
        range: { row: 4, col: 3, rows: 3, cols: 1 },
        operator: "greaterThan",
        values: [110],
        format: { font: { italic: true } },
      },
    ],
    print: { landscape: true, fitToWidth: true, title: "Rates & ratios" },
    images: [{ base64: PNG_1X1, anchor: { row: 15, col: 1, rows: 4, cols: 3 }, title: "Hex map of rates" }],
  };
  const detail: SheetPlan = {
    key: "detail",
    name: "Detail",
    blocks: [
      { row: 0, col: 0, values: [["Area", "Measure", "Observed", "Expected"]], font: { bold: true } },
      {
        row: 1,
        col: 0,
        values: Array.from({ length: 40 }, (_, i) => [`Q${i}`, i % 2 ? "CT" : "MRI", i * 3, i * 2.5 + 0.25]),
        numberFormat: ["@", "@", "#,##0", "#,##0.00"],
      },
    ],
    tables: [
      {
        name: "StdratesDetail",
        range: { row: 0, col: 0, rows: 41, cols: 4 },
        style: "TableStyleMedium2",
        showFilter: true,
      },
    ],
    freeze: { rows: 1, cols: 0 },
    columnWidths: [{ col: 0, width: 12 }],
    print: {
      landscape: false,
      title: "Detail",
      repeatRows: { row: 0, rows: 1 },
      scale: 80,
      rowBreaks: [30, 20],
    },
  };
  const about: SheetPlan = {
    key: "about",
    name: "About [this]: a very long sheet name indeed",
    blocks: [{ row: 0, col: 0, values: [["About"], ["Version"]] }],
    freeze: { rows: 0, cols: 1 },
  };
  return { sheets: [main, detail, about], activate: "detail", marker };
}
