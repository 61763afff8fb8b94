// Where an area's row for one measure sits on the Detail sheet, found in the Plan that wrote it
// (so the pane never guesses the report's layout): the row whose Code and Measure cells match.
import { columnLetter } from "../../engine/errors";
import type { Plan } from "../../report/plan";

export const DETAIL_KEY = "detail";
/** Detail columns (REPORT's layout, checked by the header test): Code first, Measure fourth. */
const CODE_HEADER = "Code";
const MEASURE_HEADER = "Measure";

export function detailRowAddress(
  plan: Plan,
  sheetNames: Record<string, string>,
  area: string,
  measure: string,
): { sheet: string; address: string } | undefined {
  const sheet = plan.sheets.find((s) => s.key === DETAIL_KEY);
  if (!sheet) return undefined;
  let codeCol = -1;
  let measureCol = -1;
  for (const b of sheet.blocks) {
    for (let i = 0; i < b.values.length; i++) {
      const row = b.values[i]!;
      if (codeCol < 0) {
        const c = row.indexOf(CODE_HEADER);
        const m = row.indexOf(MEASURE_HEADER);
        if (c >= 0 && m >= 0) {
          codeCol = b.col + c;
          measureCol = b.col + m;
        }
        continue;
      }
      if (row[codeCol - b.col] === area && row[measureCol - b.col] === measure) {
        const n = b.row + i + 1;
        const last = columnLetter(b.col + row.length);
        return {
          sheet: sheetNames[DETAIL_KEY] ?? sheet.name,
          address: `${columnLetter(b.col + 1)}${n}:${last}${n}`,
        };
      }
    }
  }
  return undefined;
}
