// Date cells as the engine sees them: ISO text ("2026-09-05"), whichever reader met them. ExcelJS
// turns a date-formatted cell into a Date; office.js gives the serial number and its number format.
// Either way the text is the same, so that an age band Excel made into a date (SPEC §1b) reads
// back as its band in the pane, the command line and Live alike.
import type { CellValue } from "../engine/types";

/** A Date as ISO text: the day alone at midnight (UTC, as ExcelJS and Excel's serials are). */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

/**
 * Whether a number format shows a date or time: the test ExcelJS applies to decide that a cell is a
 * date (utils.isDateFmt: a y, m, d, h, M, s or b outside quoted text and [..] codes).
 */
export function isDateFormat(format: string | null): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(bare);
}

/** Excel's serial day (1900 date system: day 0 is 30 Dec 1899 for serials after 28 Feb 1900). */
export function serialDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** A value read with its number format: a date-formatted number becomes its ISO text. */
export function withDateFormat(v: CellValue, format: unknown): CellValue {
  return typeof v === "number" && typeof format === "string" && isDateFormat(format)
    ? dateText(serialDate(v))
    : v;
}
