// Numbers as Excel displays them, for sentences, chart labels and the pane. Shared by the report, the
// charts and validation, so none of them imports another for a formatter.

/** Excel rounds a displayed value from its 15-significant-digit decimal form; do the same so sentences match cells. */
export function excelRound(x: number, digits: number): number {
  const scaled = Number((x * 10 ** digits).toPrecision(15));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 10 ** digits;
}

/**
 * One formatter for every whole number: toLocaleString builds one per call, which cost 0.3 s of
 * writing the Annex B workbook (thousands of cells).
 */
const WHOLE = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** 3670.4 → "3,670", as number format `#,##0` shows it. */
export function formatWhole(x: number): string {
  return WHOLE.format(excelRound(x, 0));
}

/** 0.7619 → "76%", as `0%` shows it. */
export function formatPercent(share: number, digits = 0): string {
  return `${excelRound(share * 100, digits).toFixed(digits)}%`;
}
