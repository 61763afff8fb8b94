// Live what-if (issue 5): the pure controller and the plan diff. The Office side is
// src/workbook/office/live.ts.
export {
  LiveController,
  parseRect,
  type LiveEvent,
  type LiveIo,
  type LiveOptions,
  type LiveUpdate,
  type RowSpan,
} from "./controller";
export { diffPlans, type CellRun, type PlanDiff, type RuleChange } from "./diff";
export { LiveEngine, type RowEdit, type EditedTable } from "../engine/delta";
