// One walk over a SheetPlan that every adapter implements (office.js, ExcelJS, the HTML view).
// The handler types are mapped over SheetPlan's keys, so adding a field to SheetPlan fails to
// compile until every adapter handles it; a field an adapter deliberately leaves alone is an
// explicit no-op handler with a comment saying why.
import type { SheetPlan } from "./plan";

type Field = keyof SheetPlan;

/** What an adapter does with each field of a sheet; called only for fields that are present. */
export type SheetPlanHandlers<R = void> = {
  [K in Field]-?: (value: NonNullable<SheetPlan[K]>, sheet: SheetPlan) => R;
};

/**
 * The one order every adapter visits the fields in: identity, sheet properties, cells, then what
 * sits over cells (rules, tables read their header cells, panes, charts, pictures), then printing.
 */
export const SHEET_PLAN_FIELDS = [
  "key",
  "name",
  "tabColor",
  "hideGridlines",
  "blocks",
  "formulas",
  "merges",
  "columnWidths",
  "rowHeights",
  "conditionalFormats",
  "tables",
  "freeze",
  "charts",
  "images",
  "print",
] as const satisfies readonly Field[];

// Compile-time: the order lists every field of SheetPlan (a new field must be placed in it).
type Unlisted = Exclude<Field, (typeof SHEET_PLAN_FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

type Call<R> = (value: unknown, sheet: SheetPlan) => R;

/** Visits the present fields of `sheet` in SHEET_PLAN_FIELDS order (synchronous adapters). */
export function walkSheetPlan(sheet: SheetPlan, handlers: SheetPlanHandlers): void {
  for (const field of SHEET_PLAN_FIELDS) {
    const value = sheet[field];
    if (value !== undefined) (handlers[field] as Call<void>)(value, sheet);
  }
}

/** The same walk for adapters whose handlers wait (office.js batches requests). */
export async function walkSheetPlanAsync(
  sheet: SheetPlan,
  handlers: SheetPlanHandlers<void | Promise<void>>,
): Promise<void> {
  for (const field of SHEET_PLAN_FIELDS) {
    const value = sheet[field];
    if (value !== undefined) await (handlers[field] as Call<void | Promise<void>>)(value, sheet);
  }
}
