// `stdrates validate`: compute from the inputs, then compare with a published workbook (src/validate).
// Prints the headline and the first disagreements; exit 0 when everything agrees, 3 when some
// figures disagree (or the publication has areas or measures the results lack), 2 for bad input.
// ExcelJS and the report are loaded only here, on use, as in main.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { run } from "../engine";
import type { Results } from "../engine/types";
import type { Plan } from "../report/plan";
import {
  type Figure,
  missingText,
  multiplierText,
  type PublishedSheet,
  type ValidateOptions,
  type Validation,
} from "../validate";
import { compareWithPublished } from "../app/validate";
import Papa from "papaparse";
import { detectDelimiter, typeCsvField } from "../workbook/csv";
import type { SheetGrid } from "../workbook/xlsx/read";
import { parseCommandLine, splitOwnOptions, UsageError } from "./args";
import { decodeText, readBytes, readInputs } from "./inputs";

export const VALIDATE_EXIT_DISAGREE = 3;

export const VALIDATE_HELP = `
Validate against a published table:
  stdrates validate --published FILE.xlsx|RESULTS.csv [--sheet NAME] [--tolerance X] [inputs and method options]
                    [--out OUT.xlsx] [--json OUT.json]
  Finds Annex B-style tables (area codes × measures, with an England row), national-rates tables and
  rates-ratio tables in the published workbook by their measure headings (publication spellings such as
  "CT Scans", "Fluoro- scopy", "Kidney & Bladder Ultrasound" are understood) and compares every figure.
  A long results table (columns area, measure, observed, expected, rate, vsNational95, vsNational998, as
  the query of \`stdrates sql\` returns them, in any case) is compared unrounded: rate, observed and
  expected within 1e-9 relative, and both verdicts exactly.
  --published FILE           the published workbook (.xlsx), or a results table (.csv or a sheet)
  --sheet NAME               only this sheet (default: every sheet)
  --tolerance X              agree when |published − computed| ≤ X, or X% of the computed value ("0.1%");
                             default: half a unit of each cell's rounding (its number format, or its digits)
  --out OUT.xlsx             a Validation sheet (one row per figure), followed by the report
  --json OUT.json            the comparison as JSON; "-" for stdout
  Exit codes: 0 every figure agrees; 3 some disagree, or the publication has areas or measures the results
  lack; 2 bad input.
`;

/** Options only `validate` has; the rest are `run`'s. */
const OWN = ["published", "sheet", "tolerance"] as const;
/** "0.5" → 0.5; "0.1%" → 0.1% of the computed value. */
export function parseTolerance(text: string): ValidateOptions["tolerance"] {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$/.exec(text);
  if (!m)
    throw new UsageError(
      `--tolerance must be a non-negative number or percentage, e.g. 0.5 or 0.1% (got "${text}").`,
    );
  const x = Number(m[1]);
  return m[2] === "%" ? { relative: x / 100 } : x;
}

async function readPublishedSheets(file: string, sheetName?: string): Promise<PublishedSheet[]> {
  const bytes = readBytes(file);
  if (/\.(csv|tsv|txt)$/i.test(extname(file))) return [csvSheet(file, bytes)];
  if (!/\.xls[xm]$/i.test(extname(file)))
    throw new UsageError(`--published must name an .xlsx workbook or a .csv results table (got ${file}).`);
  const { streamWorkbookGrids } = (await (typeof require === "function"
    ? require("./xlsx-stream")
    : import("./xlsx-stream"))) as typeof import("./xlsx-stream");
  let sheets: SheetGrid[];
  try {
    sheets = await streamWorkbookGrids(bytes);
  } catch (e) {
    throw new UsageError(`Cannot read ${file}: not a readable .xlsx workbook (${(e as Error).message}).`);
  }
  if (sheetName === undefined) return sheets;
  const sheet =
    sheets.find((s) => s.name === sheetName) ??
    sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  if (!sheet)
    throw new UsageError(
      `${file}: no sheet named "${sheetName}" (sheets: ${sheets.map((s) => s.name).join(", ")}).`,
    );
  return [sheet];
}

/** A CSV (a warehouse query's results written out) as one sheet, its cells typed as Excel types them. */
function csvSheet(file: string, bytes: Uint8Array): PublishedSheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  const rows = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: true }).data;
  return { name: basename(file), grid: rows.map((r) => r.map(typeCsvField)) };
}

const num = (x: number, d = 2, min = 0) =>
  x.toLocaleString("en-GB", { minimumFractionDigits: min, maximumFractionDigits: d });

/** One line per disagreement: where, what, the published figure as shown, the computed one two places finer. */
export function figureLine(f: Figure): string {
  const what = f.table === "ratios" ? `${f.factor} ${f.level}` : f.area;
  const d = f.toleranceFrom === "unrounded" ? 10 : Math.max(f.decimals ?? 2, 0) + 2;
  const stars =
    f.publishedStars !== undefined && f.publishedStars !== f.computedStars
      ? `, stars ${f.publishedStars || "none"} vs ${f.computedStars || "none"}`
      : f.publishedVerdicts !== undefined && f.publishedVerdicts !== f.computedVerdicts
        ? `, verdicts (95% / 99.8%) ${f.publishedVerdicts} vs ${f.computedVerdicts}`
        : "";
  const pct = f.relativeDifference === null ? "" : `, ${num(f.relativeDifference * 100, 2)}%`;
  return `  ${f.sheet}!${f.cell}  ${what}, ${f.measure}${f.quantity === "rate" || f.quantity === "ratio" ? "" : ` (${f.quantity})`}: published ${f.decimals === undefined ? num(f.published, d) : num(f.published, Math.max(f.decimals, 0), Math.max(f.decimals, 0))}, computed ${num(f.computed, d)} (difference ${num(f.difference, d)}${pct}${stars})\n`;
}

export function validationText(v: Validation, shown = 10): string {
  const disagree = v.figures.filter((f) => !f.agree);
  let s = `${v.headline}.\n`;
  const missing = missingText(v);
  if (missing) s += `${missing}\n`;
  if (v.suggestedMultiplier !== undefined)
    s += `${multiplierText(v).replace(/\(set the multiplier to (\d+)\)/, "(try --multiplier $1)")}\n`;
  if (disagree.length > 0) {
    s += `Disagreeing figures:\n`;
    for (const f of disagree.slice(0, shown)) s += figureLine(f);
    if (disagree.length > shown)
      s += `  … and ${(disagree.length - shown).toLocaleString("en-GB")} more (all are in the Validation sheet of --out).\n`;
  }
  return s;
}

export async function validateCommand(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(VALIDATE_HELP.replace(/^\n/, ""));
    return 0;
  }
  const { own, rest } = splitOwnOptions(argv, OWN);
  const cmd = parseCommandLine(["run", ...rest]);
  if (own.published === undefined)
    throw new UsageError(
      "validate needs --published FILE.xlsx: the published table to compare with. See stdrates --help.",
    );
  if (cmd.inPlaceCopy)
    throw new UsageError("--in-place-copy is for `stdrates run`; use --out with validate.");
  // A scenario is not what was published: refuse rather than silently compare the data as given.
  if (cmd.scenario !== undefined)
    throw new UsageError(
      "--scenario is for `stdrates run`: validate compares the data as given with the publication.",
    );
  if (!cmd.workbook && !cmd.population && !cmd.activity)
    throw new UsageError(
      "No input: give a workbook, or --population FILE and --activity FILE, to compute what is compared. See stdrates --help.",
    );
  const tolerance = own.tolerance === undefined ? undefined : parseTolerance(own.tolerance);
  const inputsList = [cmd.workbook, cmd.population, cmd.activity, cmd.reference, own.published];
  for (const [flag, out] of [
    ["--out", cmd.out],
    ["--json", cmd.json],
  ] as const) {
    if (out === undefined || out === "-") continue;
    if (flag === "--out" && !/\.xlsx$/i.test(out))
      throw new UsageError(`--out must name an .xlsx file (got ${out}).`);
    for (const f of inputsList)
      if (f && resolve(f) === resolve(out))
        throw new UsageError(`${flag} ${out} is an input file: outputs never overwrite inputs.`);
  }

  const input = await readInputs(cmd);
  const results: Results = run(input, cmd.options);
  const sheets = await readPublishedSheets(own.published, own.sheet);
  // The same comparison as the pane's Validate (src/app/validate.ts), over the file's sheets.
  const v = compareWithPublished(sheets, results, tolerance);
  const where = `${own.published}${own.sheet !== undefined ? `, sheet ${own.sheet}` : ""}`;
  if (v.tables.length === 0)
    throw new UsageError(
      `${where}: no published table found (looked for a header row naming at least two of the computed measures as column headings: ${results.measures.slice(0, 4).join(", ")}${results.measures.length > 4 ? ", …" : ""}).`,
    );
  if (v.total === 0)
    throw new UsageError(
      `${where}: tables were found (${v.tables.map((t) => `${t.sheet}!${t.address}`).join(", ")}) but no number in them matches a computed area, level or rate.`,
    );

  const written: string[] = [];
  if (cmd.json !== undefined) {
    const text = JSON.stringify(v, null, 2) + "\n";
    if (cmd.json === "-") io.out(text);
    else {
      writeText(cmd.json, text);
      written.push(cmd.json);
    }
  }
  if (cmd.out !== undefined) {
    const { buildPlan } = (await (typeof require === "function"
      ? require("../report")
      : import("../report"))) as typeof import("../report");
    const { writePlanXlsx } = (await (typeof require === "function"
      ? require("../workbook/xlsx/write")
      : import("../workbook/xlsx/write"))) as typeof import("../workbook/xlsx/write");
    const inputs =
      inputsList
        .slice(0, 4)
        .filter(Boolean)
        .map((f) => basename(f!))
        .join(", ") + `; published: ${basename(own.published)}`;
    const plan: Plan = buildPlan(results, { inputs, validation: v });
    writeText(cmd.out, await writePlanXlsx(plan));
    written.push(cmd.out);
  }
  if (!cmd.quiet && cmd.json !== "-") {
    io.out(validationText(v));
    if (written.length) io.out(`Wrote ${written.join(", ")}\n`);
  }
  return v.ok ? 0 : VALIDATE_EXIT_DISAGREE;
}

function writeText(file: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, data);
  } catch (e) {
    throw new UsageError(`Cannot write ${file}: ${(e as Error).message}.`);
  }
}
