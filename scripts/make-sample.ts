// `npm run sample`: rebuilds assets/data/sample-inputs.json from the ONS/NHS CSVs in assets/data,
// then writes the shipped sample (assets/sample/sample.xlsx, population.csv, activity.csv)
// from generateSample() with the default seed. Everything it writes is committed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { DEFAULT_SEED, generateSampleFrom } from "../src/sample/generate";
import type { SampleInputs } from "../src/sample/inputs";
import type { SheetData } from "../src/workbook/port";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(root, "assets", "data");
const sampleDir = join(root, "assets", "sample");

function readCsvRecords(file: string): Record<string, string>[] {
  const text = readFileSync(join(dataDir, file), "utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message}`);
  return parsed.data;
}

function num(v: string, where: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${where}: not a count: ${v}`);
  return n;
}

/** The generator's inputs from the three CSVs (the checks here guard the shape it relies on). */
export function buildInputs(): SampleInputs {
  const ref = readCsvRecords("icb_2024_25_reference.csv");
  const icbs = ref.map((r) => ({
    code: r.icb_ods_code,
    ons: r.icb_ons_code,
    name: r.icb_short_name,
    region: r.nhser_name,
  }));
  if (icbs.length !== 42) throw new Error(`expected 42 ICBs, found ${icbs.length}`);
  const index = new Map(icbs.map((icb, i) => [icb.code, i]));

  const sexAgeRows = readCsvRecords("icb24_population_mid2022_sex_age5.csv");
  const ageBands: string[] = [];
  for (const r of sexAgeRows) if (!ageBands.includes(r.age_band)) ageBands.push(r.age_band);
  if (ageBands.length !== 19 || ageBands[0] !== "0-4" || ageBands[18] !== "90+")
    throw new Error(`unexpected age bands: ${ageBands.join(", ")}`);
  const ageIndex = new Map(ageBands.map((b, i) => [b, i]));

  const sexAge = icbs.map(() => new Array<number>(38).fill(-1));
  for (const r of sexAgeRows) {
    const a = index.get(r.icb24_code_nhs);
    const sex = r.sex === "Female" ? 0 : r.sex === "Male" ? 1 : -1;
    const age = ageIndex.get(r.age_band);
    if (a === undefined || sex < 0 || age === undefined) throw new Error(`bad row ${JSON.stringify(r)}`);
    sexAge[a][sex * 19 + age] = num(r.population_mid2022, r.icb24_code_nhs);
  }

  const imdAge = icbs.map(() => new Array<number>(95).fill(-1));
  for (const r of readCsvRecords("icb24_imdq_age5_population_mid2020_persons.csv")) {
    if (r.imd_version !== "imd2015") continue;
    const a = index.get(r.icb24_code_nhs);
    const q = Number(r.imd_quintile) - 1;
    const age = ageIndex.get(r.age_band);
    if (a === undefined || !(q >= 0 && q < 5) || age === undefined)
      throw new Error(`bad row ${JSON.stringify(r)}`);
    imdAge[a][q * 19 + age] = num(r.population, r.icb24_code_nhs);
  }
  for (const arr of [...sexAge, ...imdAge]) if (arr.includes(-1)) throw new Error("missing population cell");
  return { ageBands, icbs, sexAge, imdAge };
}

async function main(): Promise<void> {
  const inputs = buildInputs();
  writeFileSync(join(dataDir, "sample-inputs.json"), JSON.stringify(inputs) + "\n");
  if (process.argv.includes("--inputs-only")) return;

  const sample = generateSampleFrom(inputs, DEFAULT_SEED);
  mkdirSync(sampleDir, { recursive: true });
  writeFileSync(join(sampleDir, "population.csv"), toCsv(sample.population));
  writeFileSync(join(sampleDir, "activity.csv"), toCsv(sample.activity));
  writeFileSync(join(sampleDir, "sample.xlsx"), await toXlsx([sample.population, sample.activity]));
  const rows = sample.activity.rows.length - 1;
  console.log(
    `sample: ${sample.population.rows.length - 1} population rows, ${rows} activity rows → ${sampleDir}`,
  );
}

/** RFC 4180 CSV (names such as "NHS Shropshire, Telford and Wrekin ICB" need quotes); blank for null. */
function toCsv(sheet: SheetData): string {
  return (
    Papa.unparse(
      sheet.rows.map((r) => r.map((v) => (v === null ? "" : v))),
      { newline: "\n" },
    ) + "\n"
  );
}

/** One sheet per table: bold frozen header, an autofilter, widths to fit; plain values only. */
async function toXlsx(sheets: SheetData[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "stdrates sample generator";
  wb.created = wb.modified = new Date(Date.UTC(2025, 10, 27)); // the publication's date: no run-time stamp
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRows(sheet.rows);
    ws.getRow(1).font = { bold: true };
    const cols = sheet.rows[0].length;
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rows.length, column: cols } };
    for (let c = 0; c < cols; c++) {
      let width = 8;
      for (const r of sheet.rows.slice(0, 2000)) width = Math.max(width, String(r[c] ?? "").length + 2);
      ws.getColumn(c + 1).width = Math.min(width, 48);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
