// The command line's grammar: `stdrates run|demo [options]`, `--help`, `--version`.
// node:util parseArgs in strict mode, so an unknown or misspelt option is an error, not ignored.
import { parseArgs } from "node:util";
import type { ColumnMapping, RunOptions } from "../engine/types";

/** Bad use of the command (unknown option, missing file, unreadable input): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface CliCommand {
  command: "run" | "demo" | "help" | "version";
  workbook?: string;
  population?: string;
  activity?: string;
  /** Record-level activity (.csv/.parquet, one row per test), counted in DuckDB (src/cli/records.ts). */
  records?: string;
  reference?: string;
  /** A scenario JSON file (src/scenario): the report is the scenario's, with a Scenario sheet. */
  scenario?: string;
  sheetPopulation?: string;
  sheetActivity?: string;
  json?: string;
  out?: string;
  /** `--direct FILE`: the standard population table for direct standardisation (SPEC §11). */
  directStandardFile?: string;
  inPlaceCopy: boolean;
  timings: boolean;
  quiet: boolean;
  options: RunOptions;
}

export const HELP = `stdrates — indirectly standardised rates and rates ratios (NHS DID Annex B method)

Usage:
  stdrates run [WORKBOOK.xlsx] [options]   compute from files
  stdrates demo [--timings]                the bundled sample; writes ./stdrates-demo/
  stdrates --help | --version

Inputs (FILE is .csv or .xlsx; a workbook given alone is searched for its tables by their headers):
  --population FILE          population by area × sex × age band × IMD quintile
  --activity FILE            activity, long (…, Measure, Count) or wide (one count column per measure)
  --records FILE             record-level activity instead (.csv or .parquet, one row per test; age in
                             whole years or bands), counted in embedded DuckDB first
  --sheet-population NAME    the sheet holding the population table
  --sheet-activity NAME      the sheet holding the activity table
  --reference FILE           an external standard: stratum columns, Count and Population
  --scenario FILE.json       a what-if on a copy of the data: {"name": "...", "adjustments": [...]};
                             the report adds a Scenario sheet (baseline against scenario)

Columns (as the pane's mapping dropdowns; ROLE is area, name, region, sex, age, imd, population,
count or measure; HEADER as written in the table; repeat the option for more roles):
  --map-population ROLE=HEADER   e.g. --map-population population=Persons
  --map-activity ROLE=HEADER     e.g. --map-activity age="Age bnad"
  --map-reference ROLE=HEADER

Method:
  --strata sex,age,imd       stratum factors (default: whichever of sex, age, imd the tables have; a
                             stratum column in one table only is an error unless --strata names the strata)
  --multiplier 10000         rates per this many population
  --significance published|counts
                             stars from the publication's chi-square on rates (default) or from counts
  --exclude-invalid          exclude rows with a negative or non-numeric count/population instead of stopping
  --verdicts poisson|overdispersed
                             which verdicts mark Annex B: the published Poisson ones (default) or the
                             overdispersion-adjusted ones (Spiegelhalter 2005; both are always computed)
  --direct [esp2013|FILE]    also directly age-standardised rates: the European Standard Population 2013
                             (default) or a standard population FILE (Age band, Population); a DSR sheet.
                             The word after --direct is its value: write --direct esp2013 before a workbook
  --suppress-below N         show * for every area × measure with a count below N (and one more where a
                             single one would be recoverable from England's total)
  --order region|input       Annex B's rows: by region, then name, as the publication (default), or in
                             the population table's order

Outputs:
  --json OUT.json            Results as JSON (SPEC §9 field names); "-" for stdout
  --out OUT.xlsx             the Annex B-style report workbook
  --in-place-copy            write the report into a copy of the input workbook (to --out, or NAME-stdrates.xlsx)
  --timings                  one stderr line: timings: read=… compute=… write=… (milliseconds)
  -q, --quiet                no summary on stdout, no progress on stderr

Exit codes: 0 success; 2 bad input (one line on stderr naming file, sheet, row and column); 1 program fault.
Environment: STDRATES_PROGRESS=1 always shows progress (otherwise only on a terminal or for inputs over
16 MB); STDRATES_QUIET=1 never does; STDRATES_DEBUG=1 adds the stack trace to a program fault.
`;

const STRATA_ALIASES: Record<string, string> = {
  age: "age",
  "age band": "age",
  ageband: "age",
  sex: "sex",
  gender: "sex",
  imd: "imd",
  deprivation: "imd",
};

const ROLE_ALIASES: Record<string, string> = {
  area: "area",
  code: "area",
  "area code": "area",
  name: "areaName",
  "area name": "areaName",
  areaname: "areaName",
  region: "region",
  sex: "sex",
  gender: "sex",
  age: "age",
  "age band": "age",
  imd: "imd",
  deprivation: "imd",
  population: "population",
  count: "count",
  measure: "measure",
};

/** `age=Age bnad` (repeatable) → { age: "Age bnad" }. */
function parseMapping(flag: string, given: string[]): ColumnMapping {
  const out: ColumnMapping = {};
  for (const g of given) {
    const eq = g.indexOf("=");
    const role = ROLE_ALIASES[g.slice(0, Math.max(0, eq)).trim().toLowerCase()];
    const header = g.slice(eq + 1).trim();
    if (eq < 0 || !role || header === "")
      throw new UsageError(
        `${flag} "${g}": give ROLE=HEADER, with ROLE one of area, name, region, sex, age, imd, population, count, measure (e.g. ${flag} age="Age band").`,
      );
    out[role] = header;
  }
  return out;
}

export function parseCommandLine(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: bareDirect(argv),
      allowPositionals: true,
      strict: true,
      options: {
        population: { type: "string" },
        activity: { type: "string" },
        records: { type: "string" },
        reference: { type: "string" },
        scenario: { type: "string" },
        "sheet-population": { type: "string" },
        "sheet-activity": { type: "string" },
        "map-population": { type: "string", multiple: true },
        "map-activity": { type: "string", multiple: true },
        "map-reference": { type: "string", multiple: true },
        strata: { type: "string" },
        multiplier: { type: "string" },
        significance: { type: "string" },
        "exclude-invalid": { type: "boolean" },
        verdicts: { type: "string" },
        direct: { type: "string" },
        "suppress-below": { type: "string" },
        order: { type: "string" },
        json: { type: "string" },
        out: { type: "string" },
        "in-place-copy": { type: "boolean" },
        timings: { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    // parseArgs' messages are clear ("Unknown option '--foo'"); drop its hint about "--" for positionals.
    throw new UsageError(
      `${(e as Error).message.split(". To specify a positional")[0]}. See stdrates --help.`,
    );
  }
  const v = parsed.values;
  const [cmd, ...rest] = parsed.positionals;
  const base = {
    inPlaceCopy: Boolean(v["in-place-copy"]),
    timings: Boolean(v.timings),
    quiet: Boolean(v.quiet),
    options: {} as RunOptions,
  };
  if (v.help || cmd === "help") return { command: "help", ...base };
  if (v.version) return { command: "version", ...base };
  if (cmd === undefined)
    throw new UsageError("No command given: use `stdrates run …` or `stdrates demo`. See stdrates --help.");
  if (cmd !== "run" && cmd !== "demo")
    throw new UsageError(`Unknown command "${cmd}": use run or demo. See stdrates --help.`);
  if (cmd === "demo" && rest.length > 0)
    throw new UsageError(`demo takes no file arguments (got ${rest.join(" ")}).`);
  if (rest.length > 1)
    throw new UsageError(`Expected at most one workbook, got ${rest.length}: ${rest.join(" ")}.`);

  const options: RunOptions = {};
  if (v.multiplier !== undefined) {
    const k = Number(v.multiplier.replace(/[,_]/g, ""));
    if (!Number.isFinite(k) || k <= 0)
      throw new UsageError(`--multiplier must be a positive number (got "${v.multiplier}").`);
    options.multiplier = k;
  }
  if (v.strata !== undefined) {
    const strata = v.strata
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map((s) => STRATA_ALIASES[s.toLowerCase()] ?? s);
    if (strata.length === 0)
      throw new UsageError("--strata needs at least one factor, e.g. --strata sex,age,imd.");
    options.strata = strata;
  }
  if (v.significance !== undefined) {
    if (v.significance !== "published" && v.significance !== "counts") {
      throw new UsageError(`--significance must be "published" or "counts" (got "${v.significance}").`);
    }
    options.significance = v.significance;
  }
  if (v["exclude-invalid"]) options.excludeInvalidRows = true;
  Object.assign(options, beyondPublication(v));
  for (const table of ["population", "activity", "reference"] as const) {
    const given = v[`map-${table}`];
    if (!given?.length) continue;
    options.mapping = { ...options.mapping, [table]: parseMapping(`--map-${table}`, given) };
  }

  return {
    command: cmd,
    workbook: rest[0],
    population: v.population,
    activity: v.activity,
    records: v.records,
    reference: v.reference,
    scenario: v.scenario,
    sheetPopulation: v["sheet-population"],
    sheetActivity: v["sheet-activity"],
    json: v.json,
    out: v.out,
    directStandardFile: v.direct !== undefined && v.direct.toLowerCase() !== "esp2013" ? v.direct : undefined,
    ...base,
    options,
  };
}

/**
 * Separates a command's own `--name VALUE` options (validate, sql) from the rest, which are run's
 * and go to parseCommandLine. Names in `optionalValue` may stand alone (their value is then "").
 */
export function splitOwnOptions<N extends string>(
  argv: string[],
  names: readonly N[],
  optionalValue: readonly N[] = [],
): { own: Partial<Record<N, string>>; rest: string[] } {
  const own: Partial<Record<N, string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const name = m?.[1] as N | undefined;
    if (!m || !name || !names.includes(name)) {
      rest.push(argv[i]);
      continue;
    }
    if (own[name] !== undefined) throw new UsageError(`--${name} was given twice.`);
    const next = argv[i + 1];
    const hasValue = m[2] !== undefined || (next !== undefined && !next.startsWith("--"));
    if (!hasValue && optionalValue.includes(name)) {
      own[name] = "";
      continue;
    }
    if (!hasValue) throw new UsageError(`--${name} needs a value. See stdrates --help.`);
    own[name] = m[2] ?? argv[++i];
  }
  return { own, rest };
}

/** `--direct` with no value (last, or followed by another option) means ESP 2013. */
function bareDirect(argv: string[]): string[] {
  return argv.map((a, i) =>
    a === "--direct" && (i === argv.length - 1 || argv[i + 1].startsWith("-")) ? "--direct=esp2013" : a,
  );
}

/** SPEC §4b, §11, §12 options and Annex B's order: --verdicts, --direct, --suppress-below, --order. */
function beyondPublication(v: {
  verdicts?: string;
  direct?: string;
  "suppress-below"?: string;
  order?: string;
}): RunOptions {
  const options: RunOptions = {};
  if (v.order !== undefined) {
    if (v.order !== "region" && v.order !== "input")
      throw new UsageError(`--order must be "region" or "input" (got "${v.order}").`);
    options.areaOrder = v.order;
  }
  if (v.verdicts !== undefined) {
    if (v.verdicts !== "poisson" && v.verdicts !== "overdispersed")
      throw new UsageError(`--verdicts must be "poisson" or "overdispersed" (got "${v.verdicts}").`);
    options.verdicts = v.verdicts;
  }
  if (v.direct !== undefined) options.direct = true;
  const n = v["suppress-below"];
  if (n !== undefined) {
    const below = Number(n.replace(/[,_]/g, ""));
    if (n.trim() === "" || !Number.isFinite(below) || below < 0)
      throw new UsageError(`--suppress-below must be a count of 0 or more (got "${n}").`);
    options.suppressBelow = below;
  }
  return options;
}
