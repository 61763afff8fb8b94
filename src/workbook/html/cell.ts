// One cell of the HTML view's grid: its own module so grid.ts and rules.ts share it without a cycle.
import type { PlanValue, Font, BorderEdge, CellStyle } from "../../report/plan";

export interface GridCell {
  value: PlanValue;
  /** What Excel shows: the value through its number format. */
  text: string;
  numberFormat?: string;
  font?: Font;
  /** The cell's own fill, "#RRGGBB". */
  fill?: string;
  /** A conditional format's fill (colour scale or rule), drawn over `fill`. */
  ruleFill?: string;
  /** A rule's font changes (bold, colour), over `font`. */
  ruleFont?: Font;
  /** A rule's black outline around the cell. */
  ruleBorder?: boolean;
  horizontal?: CellStyle["horizontal"];
  vertical?: CellStyle["vertical"];
  wrap?: boolean;
  border?: BorderEdge[];
  /** A Plan formula, shown as its text: the view computes nothing. */
  formula?: string;
}
