// Sheet and table names are chosen by the shared, ExcelJS-free module, so the open workbook and a
// written file get the same names. Only the scratch name for a sheet about to be deleted is Excel's own.
import { uniqueName } from "../names";

export { numberedSheetName, numberedTableName, safeSheetName, safeTableName, uniqueName } from "../names";

/** A sheet name no one has, for a sheet about to be deleted. */
export function scratchName(taken: Set<string>): string {
  return uniqueName("stdrates-old", taken, (b, i) => `${b}-${i}`);
}
