// Validate a published table: a sheet's cells compared with the run's results within the published
// rounding (or a tolerance), and the Validation sheet written. The command line compares the sheets of
// a file with the same function and writes the sheet with the rest of its report.
import type { Results } from "../engine/types";
import { validatePublished } from "../validate/compare";
import type { Figure, PublishedSheet, ValidateOptions, Validation } from "../validate/types";
import type { WorkbookPort } from "../workbook/port";
import type { Load, ReportApi } from "./modules";
import { selectWritten } from "./run";

export const VALIDATION_SHEET = "validation";

/** The comparison; undefined tolerance: half a unit of each published figure's rounding. */
export function compareWithPublished(
  sheets: PublishedSheet[],
  results: Results,
  tolerance?: ValidateOptions["tolerance"],
): Validation {
  return validatePublished(sheets, results, tolerance === undefined ? {} : { tolerance });
}

export interface ValidateJob {
  /** The workbook sheet holding the published table. */
  sheet: string;
  results: Results;
  /** The run's "Inputs" line, repeated on the Validation sheet. */
  inputs: string;
  tolerance?: number;
  report: Load<ReportApi>;
}

export interface ValidateOutcome {
  validation: Validation;
  /** The name the Validation sheet was written under. */
  sheet: string;
  /** Figures that disagree (numbers or stars). */
  differing: Figure[];
}

/** Read the published sheet, compare, write the Validation sheet and select it. */
export async function validateInWorkbook(port: WorkbookPort, job: ValidateJob): Promise<ValidateOutcome> {
  if (!port.readGrid) throw new Error("This workbook cannot be read cell by cell here.");
  const grid = await port.readGrid(job.sheet);
  const validation = compareWithPublished([grid], job.results, job.tolerance);
  if (validation.tables.length === 0)
    throw new Error(
      `No published table was found on "${job.sheet}": it needs a row of headings with area codes below, or a results table with area, measure and rate columns.`,
    );
  const report = await job.report();
  const plan = report.buildPlan(job.results, { sheets: [VALIDATION_SHEET], inputs: job.inputs, validation });
  const applied = await port.applyPlan(plan);
  const sheet = (await selectWritten(port, applied, VALIDATION_SHEET, "Validation"))!;
  return { validation, sheet, differing: validation.figures.filter((f) => !f.agree) };
}
