// `stdrates`: the engine on files. main() returns the exit code: 0 success, 2 bad input (one line
// on stderr that names file, sheet, row and column), 1 a fault in the program (no stack trace
// unless STDRATES_DEBUG=1).
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { checkOutputs } from "./outputs";
import { projectPath } from "./paths";
import { describeLocation, InputError, run, standardFromTable } from "../engine";
import type { Results, RunInput } from "../engine/types";
import type { Plan } from "../report/plan";
import { PRODUCT, VERSION } from "../version";
import { type CliCommand, HELP, parseCommandLine, UsageError } from "./args";
import { describeTable, inputBytes, readBytes, readInputs, readTableFile } from "./inputs";
import { summaryText } from "./summary";
import { runScenario, scenarioLine } from "./scenario";
import type { ScenarioComparison } from "../scenario/compare";
import { VALIDATE_HELP, validateCommand } from "./validate";
import { withDirectStandard } from "../app/run";
import type { Io } from "./io";

/** Inputs above this size show progress on stderr even when it is not a terminal. */
const LARGE_INPUT_BYTES = 16 * 1024 * 1024;

export type { Io } from "./io";

const stdio: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  try {
    if (argv[0] === "validate") return await validateCommand(argv.slice(1), io);
    if (argv[0] === "sql") return await (await sqlModule()).sqlCommand(argv.slice(1), io);
    if (argv[0] === "charts") return await (await chartsModule()).chartsCommand(argv.slice(1), io);
    const cmd = parseCommandLine(argv);
    if (cmd.command === "help") {
      io.out(HELP + VALIDATE_HELP + (await chartsModule()).CHARTS_HELP + (await sqlModule()).SQL_HELP);
      return 0;
    }
    if (cmd.command === "version") {
      io.out(`${PRODUCT} ${VERSION}\n`);
      return 0;
    }
    if (cmd.command === "demo") return await demo(cmd, io);
    return await runCommand(cmd, io);
  } catch (e) {
    return report(e, io);
  }
}

/** The one line for bad input (exit 2), or a short line for a fault (exit 1). */
export function report(e: unknown, io: Io): number {
  if (e instanceof InputError || (e instanceof Error && e.name === "InputError")) {
    const err = e as InputError;
    const loc = err.location ?? {};
    // Engine messages usually name the place already; add what they leave out (file, sheet, row).
    const m = err.message;
    const named =
      (!loc.source?.file || m.includes(loc.source.file)) &&
      (!loc.source?.sheet || m.includes(loc.source.sheet)) &&
      (loc.row === undefined || m.includes(`row ${loc.row}`));
    const place = describeLocation(loc);
    io.err(`stdrates: ${oneLine(named || !place ? m : `${place}: ${m}`)}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    io.err(`stdrates: ${oneLine(e.message)}\n`);
    return 2;
  }
  const debug = process.env.STDRATES_DEBUG === "1";
  const message = e instanceof Error ? e.message : String(e);
  io.err(
    `stdrates: internal error: ${oneLine(message)}${debug ? "" : " (set STDRATES_DEBUG=1 for details)"}\n`,
  );
  if (debug && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  return 1;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

interface Timings {
  read: number;
  compute: number;
  write: number;
}

function progressFn(cmd: CliCommand, bytes: number, io: Io): (s: string) => void {
  const env = process.env;
  const show =
    !cmd.quiet &&
    env.STDRATES_QUIET !== "1" &&
    (env.STDRATES_PROGRESS === "1" || process.stderr.isTTY || bytes >= LARGE_INPUT_BYTES);
  return show ? (s) => io.err(`stdrates: ${s}\n`) : () => {};
}

async function runCommand(cmd: CliCommand, io: Io): Promise<number> {
  if (!cmd.workbook && !cmd.population && !cmd.activity && !cmd.records) {
    throw new UsageError(
      "No input: give a workbook, or --population FILE and --activity FILE. See stdrates --help.",
    );
  }
  const files = [
    cmd.workbook,
    cmd.population,
    cmd.activity,
    cmd.reference,
    cmd.records,
    cmd.directStandardFile,
  ];
  const progress = progressFn(cmd, inputBytes(files), io);
  const outputs = planOutputs(cmd);
  const t: Timings = { read: 0, compute: 0, write: 0 };

  let t0 = performance.now();
  progress(`reading ${files.filter(Boolean).join(", ")}…`);
  const input = cmd.records ? await recordsInput(cmd, progress) : await readInputs(cmd);
  if (cmd.directStandardFile !== undefined)
    cmd.options = withDirectStandard(
      { standardFromTable },
      cmd.options,
      await readTableFile(cmd.directStandardFile, "reference"),
    );
  t.read = performance.now() - t0;
  progress(
    `read ${describeTable(input.population)} and ${describeTable(input.activity)} in ${Math.round(t.read)} ms`,
  );

  t0 = performance.now();
  progress("computing…");
  const scenario =
    cmd.scenario !== undefined ? await runScenario(cmd.scenario, input, cmd.options) : undefined;
  const results = scenario ? scenario.scenario : compute(input, cmd);
  t.compute = performance.now() - t0;

  t0 = performance.now();
  await writeOutputs(results, cmd, outputs, io, progress, scenario);
  t.write = performance.now() - t0;
  if (cmd.timings) io.err(timingsLine(t));
  return 0;
}

/** `--records FILE`: the activity counted from record-level data in DuckDB (loaded only then). */
async function recordsInput(cmd: CliCommand, progress: (s: string) => void): Promise<RunInput> {
  if (cmd.activity || cmd.workbook)
    throw new UsageError("--records replaces --activity: give one or the other, with --population FILE.");
  const { readWithRecords } = await (typeof require === "function"
    ? require("./records")
    : import("./records"));
  return readWithRecords({ ...cmd, records: cmd.records! }, cmd.options, progress);
}

function compute(input: RunInput, cmd: CliCommand): Results {
  return run(input, cmd.options);
}

export function timingsLine(t: Timings): string {
  return `timings: read=${Math.round(t.read)} compute=${Math.round(t.compute)} write=${Math.round(t.write)}\n`;
}

interface Outputs {
  json?: string;
  xlsx?: string;
  /** The workbook whose copy receives the report (--in-place-copy). */
  base?: string;
}

/** Where each output goes, checked before any work so that a typo fails fast. */
function planOutputs(cmd: CliCommand): Outputs {
  const o: Outputs = { json: cmd.json };
  if (cmd.inPlaceCopy) {
    const base = [cmd.workbook, cmd.population, cmd.activity].find((f) => f && /\.xls[xm]$/i.test(f));
    if (!base) throw new UsageError("--in-place-copy needs an .xlsx input workbook to copy.");
    o.base = base;
    o.xlsx = cmd.out ?? join(dirname(base), `${basename(base, extname(base))}-stdrates.xlsx`);
  } else if (cmd.out !== undefined) {
    o.xlsx = cmd.out;
  }
  if (o.xlsx !== undefined && !/\.xlsx$/i.test(o.xlsx))
    throw new UsageError(`--out must name an .xlsx file (got ${o.xlsx}).`);
  checkOutputs(
    [
      ...(o.json !== undefined && o.json !== "-" ? [{ flag: "--json", file: o.json }] : []),
      ...(o.xlsx !== undefined
        ? [{ flag: cmd.out !== undefined ? "--out" : "--in-place-copy", file: o.xlsx }]
        : []),
    ],
    [
      cmd.workbook,
      cmd.population,
      cmd.activity,
      cmd.reference,
      cmd.scenario,
      cmd.records,
      cmd.directStandardFile,
    ],
  );
  return o;
}

/** The Results object in SPEC §9 order, with `meta` kept as an extra field at the end. */
export function resultsJson(r: Results): string {
  const ordered = {
    multiplier: r.multiplier,
    measures: r.measures,
    national: r.national,
    areas: r.areas,
    summaries: r.summaries,
    ratios: r.ratios,
    overdispersion: r.overdispersion,
    ...(r.direct ? { direct: r.direct, directNational: r.directNational } : {}),
    exclusions: r.exclusions,
    warnings: r.warnings,
    meta: r.meta,
  };
  return JSON.stringify(ordered, null, 2) + "\n";
}

function writeFile(file: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, data);
  } catch (e) {
    throw new UsageError(`Cannot write ${file}: ${(e as Error).message}.`);
  }
}

/** Charts (SVG builders, d3-geo, resvg), loaded only when pictures are drawn: other commands start faster. */
async function chartsModule(): Promise<typeof import("./charts")> {
  return typeof require === "function" ? require("./charts") : import("./charts");
}

/** `stdrates sql` (src/sql), loaded only for that command. */
async function sqlModule(): Promise<typeof import("./sql")> {
  return typeof require === "function" ? require("./sql") : import("./sql");
}

/** The report modules (and ExcelJS under them), loaded only when a workbook is written. */
async function reportModules(): Promise<{
  buildPlan: (
    r: Results,
    o?: { inputs?: string; charts?: { renderPng?: (svg: string) => string }; scenario?: ScenarioComparison },
  ) => Plan;
  writePlanXlsx: (
    plan: Plan,
    base?: ArrayBuffer | Uint8Array,
    o?: { zip?: (stored: ArrayBuffer | Uint8Array) => Promise<Uint8Array> },
  ) => Promise<Uint8Array>;
}> {
  try {
    const report = await (typeof require === "function" ? require("../report") : import("../report"));
    const write = await (typeof require === "function"
      ? require("../workbook/xlsx/write")
      : import("../workbook/xlsx/write"));
    if (typeof report.buildPlan !== "function" || typeof write.writePlanXlsx !== "function")
      throw new Error("missing exports");
    return { buildPlan: report.buildPlan, writePlanXlsx: write.writePlanXlsx };
  } catch (e) {
    throw new Error(`the .xlsx report writer is not available in this build (${(e as Error).message})`);
  }
}

async function writeOutputs(
  results: Results,
  cmd: CliCommand,
  o: Outputs,
  io: Io,
  progress: (s: string) => void,
  scenario?: ScenarioComparison,
): Promise<void> {
  const written: string[] = [];
  if (o.json !== undefined) {
    const text = resultsJson(results);
    if (o.json === "-") io.out(text);
    else {
      writeFile(o.json, text);
      written.push(o.json);
    }
  }
  if (o.xlsx !== undefined) {
    progress(`writing ${o.xlsx}…`);
    const { buildPlan, writePlanXlsx } = await reportModules();
    const inputs = [cmd.workbook, cmd.population, cmd.activity, cmd.reference, cmd.directStandardFile]
      .filter(Boolean)
      .map((f) => basename(f!))
      .join(", ");
    // The Charts sheet with each measure's ranked chart, funnel plot and hex map as pictures.
    const plan = await (
      await chartsModule()
    ).planWithPictures((renderPng) =>
      buildPlan(results, { inputs, charts: { renderPng }, ...(scenario ? { scenario } : {}) }),
    );
    const bytes = await writePlanXlsx(plan, o.base !== undefined ? readBytes(o.base) : undefined, {
      zip: (await (typeof require === "function" ? require("./zip-native") : import("./zip-native")))
        .rezipNative,
    });
    writeFile(o.xlsx, bytes);
    written.push(o.xlsx);
  }
  if (!cmd.quiet && o.json !== "-") {
    io.out(summaryText(results));
    if (scenario) io.out(scenarioLine(scenario));
    if (written.length) io.out(`Wrote ${written.join(", ")}\n`);
  }
}

/** The bundled sample, end to end: summary on stdout, outputs in ./stdrates-demo/. */
async function demo(cmd: CliCommand, io: Io): Promise<number> {
  const dir = "stdrates-demo";
  const sample = projectPath("assets", "sample");
  const t: Timings = { read: 0, compute: 0, write: 0 };
  let t0 = performance.now();
  const input = await readInputs({
    population: join(sample, "population.csv"),
    activity: join(sample, "activity.csv"),
  });
  t.read = performance.now() - t0;
  t0 = performance.now();
  const results = compute(input, cmd);
  t.compute = performance.now() - t0;
  t0 = performance.now();
  const json = join(dir, "results.json");
  const xlsx = join(dir, "annex-b-sample.xlsx");
  if (!cmd.quiet) io.out(`${PRODUCT} ${VERSION} demo: the bundled DID-like sample (assets/sample/)\n\n`);
  await writeOutputs(results, { ...cmd, json: undefined, out: undefined }, { json, xlsx }, io, () => {});
  t.write = performance.now() - t0;
  if (cmd.timings) io.err(timingsLine(t));
  return 0;
}
