// House style: the fonts, colours, borders and table style every output sheet shares. The report
// builds Plans with these; the adapters (ExcelJS, office.js, the HTML view) fill in what a Plan
// leaves to them (the base font, the outline colour, the default table style) from here too.
import type { CellStyle, Font } from "./plan";
import { COLOR } from "../format/palette";

/** Every written cell's font unless the Plan says otherwise. */
export const BASE_FONT = { name: "Arial", size: 10 } as const;

/** Thin outline edges of blocks (CellStyle.border). */
export const BORDER_COLOR = "#7F7F7F";

/** The borders a conditional format's `border: true` draws. */
export const RULE_BORDER_COLOR = "#000000";

/** Excel table style when a TablePlan names none. */
export const DEFAULT_TABLE_STYLE = "TableStyleLight9";

// The house colours live in src/format (the charts share them without importing the report).
export { COLOR };

export const FONT: Record<"title" | "subtitle" | "note" | "header" | "bold", Font> = {
  title: { bold: true, size: 14, color: COLOR.title },
  subtitle: { bold: true, size: 11 },
  note: { italic: true, size: 9, color: COLOR.grey },
  header: { bold: true },
  bold: { bold: true },
};

export const HEADER_STYLE: CellStyle = {
  font: FONT.header,
  fill: COLOR.headerFill,
  wrap: true,
  vertical: "middle",
  border: ["top", "bottom"],
};
