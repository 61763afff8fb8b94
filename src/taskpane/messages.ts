// Turning a thrown error into the pane's message: an InputError keeps its place (sheet, row,
// column) so that the message bar can offer Go to cell; anything else is shown as it is.
import { columnLetter, describeLocation, type CellLocation } from "../engine/errors";
import type { PaneMessage } from "./components/Notice";

function locationOf(e: unknown): CellLocation | undefined {
  // Duck-typed: the engine chunk's InputError class need not be the same object as ours.
  if (
    e instanceof Error &&
    e.name === "InputError" &&
    typeof (e as { location?: unknown }).location === "object"
  )
    return (e as Error & { location: CellLocation }).location;
  return undefined;
}

/** The A1 address of a location: the cell, or the row's first cell, or the column's header. */
export function addressOf(loc: CellLocation): string | undefined {
  if (loc.row !== undefined && loc.column !== undefined) return `${columnLetter(loc.column)}${loc.row}`;
  if (loc.row !== undefined) return `${columnLetter(loc.source?.firstColumn ?? 1)}${loc.row}`;
  if (loc.column !== undefined && loc.source) return `${columnLetter(loc.column)}${loc.source.headerRow}`;
  return undefined;
}

export function errorToMessage(
  e: unknown,
  sheetOfTable: (table?: string) => string | undefined,
): PaneMessage {
  const loc = locationOf(e);
  const text = e instanceof Error ? e.message : String(e);
  if (!loc) return { intent: "error", title: "Could not run", text };
  const sheet = loc.source?.sheet ?? sheetOfTable(loc.table);
  const where = describeLocation(loc);
  return {
    intent: "error",
    title: "Check the input",
    text: where && !text.includes(where) ? `${text} (${where})` : text,
    goTo: sheet ? { sheet, address: addressOf(loc) } : undefined,
  };
}
