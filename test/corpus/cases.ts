// The messy and hostile inputs of SPEC §1b, each with the one outcome allowed: the clean figures
// (read as meant), or a refusal (exit 2) that names sheet, row and column. `make` writes the files
// into a fresh folder and returns the arguments of `stdrates run`.
import { linkSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { ROOT } from "../cli/helpers";
import {
  clean,
  csvText,
  excelDateOf,
  excelDateText,
  serial,
  utf16,
  writeText,
  writeXlsx,
  type Rows,
} from "./files";

export type Outcome =
  | {
      kind: "same";
      /** Another input that must give the same figures (default: the clean CSVs). */
      oracle?: (dir: string) => Promise<string[]>;
      /** A warning that must be given (read as meant, and said so). */
      warning?: RegExp;
      /** Further checks of the results. */
      check?: (r: ResultsJson) => void;
    }
  | {
      kind: "refused";
      /** The place the message must name (sheet, row, column letter), when a cell is to blame. */
      sheet?: string;
      row?: number;
      column?: string;
      message: RegExp;
    };

export interface ResultsJson {
  exclusions: { activityCount: number; byReason: { reason: string; rows: number; count: number }[] };
  warnings: { kind: string; message: string }[];
  areas: { area: string; rate: number | null; vsNational95: string | null }[];
}

export interface Case {
  name: string;
  make: (dir: string) => Promise<string[]>;
  outcome: Outcome;
  /** The case names its own outputs (output-safety cases): the runner adds no --json. */
  ownOutputs?: boolean;
}

const FIXTURES = join(ROOT, "test", "fixtures", "corpus");
const same = (extra: Partial<Extract<Outcome, { kind: "same" }>> = {}): Outcome => ({
  kind: "same",
  ...extra,
});
const refused = (message: RegExp, at: { sheet?: string; row?: number; column?: string } = {}): Outcome => ({
  kind: "refused",
  message,
  ...at,
});

// Column numbers (0-based) of the clean tables.
const P = { area: 0, name: 1, sex: 2, age: 3, imd: 4, pop: 5 };
const A = { area: 0, sex: 1, age: 2, imd: 3, measure: 4, count: 5 };

function both(pop: Rows, act: Rows, name = "csv"): (dir: string) => Promise<string[]> {
  return async (dir) => [
    "--population",
    writeText(dir, `pop.${name}`, csvText(pop)),
    "--activity",
    writeText(dir, `act.${name}`, csvText(act)),
  ];
}

/** The clean CSVs with one table changed. */
function withPop(f: (rows: Rows) => Rows) {
  const c = clean();
  return both(f(c.population), c.activity);
}
function withAct(f: (rows: Rows) => Rows) {
  const c = clean();
  return both(c.population, f(c.activity));
}
const body = (rows: Rows) => rows.slice(1);
const header = (rows: Rows) => rows[0];
const setCell = (rows: Rows, i: number, j: number, v: Rows[0][0]): Rows =>
  rows.map((r, k) => (k === i ? r.map((x, c) => (c === j ? v : x)) : r));

/** Activity with a subtotal row after each stratum's 65-69 … 90+ rows: `65+` (their sum). */
function with65Plus(act: Rows): Rows {
  const out: Rows = [header(act)];
  const old = new Set(["65-69", "70-74", "75-79", "80-84", "85-89", "90+"]);
  const sums = new Map<string, Rows[0]>();
  for (const r of body(act)) {
    out.push(r);
    if (!old.has(String(r[A.age]))) continue;
    const key = [r[A.area], r[A.sex], r[A.imd], r[A.measure]].join("|");
    const s = sums.get(key) ?? [r[A.area], r[A.sex], "65+", r[A.imd], r[A.measure], 0];
    s[A.count] = Number(s[A.count]) + Number(r[A.count]);
    sums.set(key, s);
  }
  return [...out, ...sums.values()];
}

/** Rows per (area, sex, imd) whose age is `All ages`, summing the bands. */
function withAllAges(rows: Rows, cols: { age: number; value: number }, label: string): Rows {
  const sums = new Map<string, Rows[0]>();
  for (const r of body(rows)) {
    const key = r.map((v, j) => (j === cols.age || j === cols.value ? "" : String(v))).join("|");
    const s = sums.get(key) ?? r.map((v, j) => (j === cols.age ? label : j === cols.value ? 0 : v));
    s[cols.value] = Number(s[cols.value]) + Number(r[cols.value]);
    sums.set(key, s);
  }
  return [...rows, ...sums.values()];
}

/** Splits every five-year band row into single years of age with whole values that add up. */
function singleYears(rows: Rows, cols: { age: number; value: number }): Rows {
  const out: Rows = [header(rows)];
  for (const r of body(rows)) {
    const m = /^(\d+)-(\d+)$/.exec(String(r[cols.age]));
    const ages = m ? [0, 1, 2, 3, 4].map((k) => Number(m[1]) + k) : [90, 91, 92, 93, 94]; // 90+
    const v = Number(r[cols.value]);
    const part = Math.floor(v / 5);
    ages.forEach((age, k) =>
      out.push(
        r.map((x, j) => (j === cols.age ? age : j === cols.value ? (k === 0 ? v - 4 * part : part) : x)),
      ),
    );
  }
  return out;
}

/** Splits each IMD quintile row into its two deciles, with whole values that add up. */
function deciles(rows: Rows, cols: { imd: number; value: number }): Rows {
  const out: Rows = [header(rows)];
  for (const r of body(rows)) {
    const q = Number(r[cols.imd]);
    const v = Number(r[cols.value]);
    const half = Math.floor(v / 2);
    out.push(r.map((x, j) => (j === cols.imd ? 2 * q - 1 : j === cols.value ? v - half : x)));
    out.push(r.map((x, j) => (j === cols.imd ? 2 * q : j === cols.value ? half : x)));
  }
  return out;
}

/** Age bands as Excel (en-GB) turns `5-9`, `10-14` (and `1-4`) into dates. */
function agesAs(rows: Rows, j: number, f: (band: string) => Rows[0][0] | undefined): Rows {
  return rows.map((r, i) => (i === 0 ? r : r.map((v, c) => (c === j ? (f(String(v)) ?? v) : v))));
}

function xlsxBoth(
  popSheet: Partial<import("./files").SheetSpec> = {},
  actSheet: Partial<import("./files").SheetSpec> = {},
  extra: import("./files").SheetSpec[] = [],
  args: string[] = [],
): (dir: string) => Promise<string[]> {
  const c = clean();
  return async (dir) => [
    await writeXlsx(dir, "book.xlsx", [
      { name: "Population", rows: c.population, ...popSheet },
      { name: "Activity", rows: c.activity, ...actSheet },
      ...extra,
    ]),
    ...args,
  ];
}

function mergeAreaRuns(ws: ExcelJS.Worksheet, rows: Rows): void {
  // Each run of one area code is merged down column A, as a report layout does.
  let start = 2;
  for (let i = 3; i <= rows.length + 1; i++) {
    if (i === rows.length + 1 || rows[i - 1][0] !== rows[start - 1][0]) {
      if (i - 1 > start) ws.mergeCells(start, 1, i - 1, 1);
      start = i;
    }
  }
}

/** The clean data without E2's 85-89 rows in either table: no gap, nothing to exclude. */
/** A workbook with last year's population beside this year's (the clean one). */
function twoYears(args: string[] = []): (dir: string) => Promise<string[]> {
  return async (dir) => {
    const c = clean();
    const older = c.population.map((r, i) => (i === 0 ? r : [...r.slice(0, 5), Number(r[P.pop]) + 3]));
    const book = await writeXlsx(dir, "book.xlsx", [
      { name: "Population 2021", rows: older },
      { name: "Population 2022", rows: c.population },
      { name: "Activity", rows: c.activity },
    ]);
    return [book, ...args];
  };
}

const gapOracle = async (dir: string) => {
  const c = clean();
  const keep = (area: number, age: number) => (r: Rows[0], i: number) =>
    i === 0 || !(r[area] === "E2" && r[age] === "85-89");
  return both(
    c.population.filter(keep(P.area, P.age)),
    c.activity.filter(keep(A.area, A.age)),
    "oracle.csv",
  )(dir);
};

export const CASES: Case[] = [
  // --- Encodings and CSV dialects: read as meant ---
  { name: "clean CSV", make: withPop((r) => r), outcome: same() },
  {
    name: "UTF-8 with BOM",
    make: async (dir) => {
      const c = clean();
      return [
        "--population",
        writeText(dir, "pop.csv", "\uFEFF" + csvText(c.population)),
        "--activity",
        writeText(dir, "act.csv", "\uFEFF" + csvText(c.activity)),
      ];
    },
    outcome: same(),
  },
  ...(["le", "be"] as const).flatMap((endian) =>
    [true, false].map((bom): Case => ({
      name: `UTF-16${endian.toUpperCase()} ${bom ? "with" : "without"} BOM, tab-separated (Excel "Unicode Text")`,
      make: async (dir) => {
        const c = clean();
        return [
          "--population",
          writeText(dir, "pop.txt", utf16(csvText(c.population, "\t", "\r\n"), endian, bom)),
          "--activity",
          writeText(dir, "act.txt", utf16(csvText(c.activity, "\t", "\r\n"), endian, bom)),
        ];
      },
      outcome: same(),
    })),
  ),
  {
    name: "CRLF line ends and semicolons",
    make: async (dir) => {
      const c = clean();
      return [
        "--population",
        writeText(dir, "pop.csv", csvText(c.population, ";", "\r\n")),
        "--activity",
        writeText(dir, "act.csv", csvText(c.activity, ";", "\r\n")),
      ];
    },
    outcome: same(),
  },
  {
    name: "title and notes above the header, blank margin column",
    make: withAct((r) => [["Activity 2024/25"], ["Source: DID"], [], ...r.map((x) => [null, ...x])]),
    outcome: same(),
  },
  {
    name: "columns in another order, headers in other case with spaces",
    make: withPop((rows) =>
      rows.map((r, i) =>
        i === 0
          ? ["  population ", "SEX", "age BAND", "icb CODE", "Imd Quintile", "ICB name"]
          : [r[P.pop], r[P.sex], r[P.age], r[P.area], r[P.imd], r[P.name]],
      ),
    ),
    outcome: same(),
  },
  {
    name: "counts as text with thousands commas (quoted)",
    make: withAct((rows) =>
      rows.map((r, i) =>
        i === 0 ? r : r.map((v, j) => (j === A.count ? Number(v).toLocaleString("en-GB") : v)),
      ),
    ),
    outcome: same(),
  },
  {
    name: "sex as 2/1 codes, age as '0 to 4' and '90 and over'",
    make: withAct((rows) =>
      rows.map((r, i) =>
        i === 0
          ? r
          : r.map((v, j) =>
              j === A.sex
                ? v === "Female"
                  ? 2
                  : 1
                : j === A.age
                  ? String(v).replace("-", " to ").replace("90+", "90 and over")
                  : v,
            ),
      ),
    ),
    outcome: same(),
  },
  {
    name: "wide activity (one count column per measure)",
    make: withAct((rows) => {
      const out: Rows = [["ICB code", "Sex", "Age band", "IMD quintile", "X-ray", "MRI"]];
      for (let i = 1; i < rows.length; i += 2)
        out.push([...rows[i].slice(0, 4), rows[i][A.count], rows[i + 1][A.count]]);
      return out;
    }),
    outcome: same(),
  },
  {
    name: "population column headed Persons",
    make: withPop((rows) => setCell(rows, 0, P.pop, "Persons")),
    outcome: same(),
  },
  {
    name: "blank rows inside both tables (not 'area missing')",
    make: async (dir) => {
      const c = clean();
      const gaps = (rows: Rows) => rows.flatMap((r, i) => (i % 97 === 50 ? [r, [null, null, null]] : [r]));
      return both(gaps(c.population), gaps(c.activity))(dir);
    },
    outcome: same({ check: (r) => expectNoExclusions(r) }),
  },
  // --- Totals and subtotals: left out ---
  {
    name: "Total row at the foot of the activity (Excel's SUM)",
    make: withAct((rows) => [
      ...rows,
      ["Total", null, null, null, "X-ray", body(rows).reduce((t, r) => t + Number(r[A.count]), 0)],
    ]),
    outcome: same({ warning: /1 total row left out of the activity table/ }),
  },
  {
    name: "England row with full strata in the population (E92000001)",
    make: withPop((rows) => [
      ...rows,
      ...body(rows)
        .filter((r) => r[P.area] === "E1")
        .map((r) => ["E92000001", "England", ...r.slice(2, 5), Number(r[P.pop]) * 3]),
    ]),
    outcome: same({ warning: /total rows left out of the population table/ }),
  },
  {
    name: "'England' named rows in the activity",
    make: withAct((rows) => [
      ...rows,
      ...body(rows)
        .slice(0, 40)
        .map((r) => ["England", ...r.slice(1)]),
    ]),
    outcome: same(),
  },
  {
    name: "'<code> Total' subtotal rows after each area (Excel's Subtotal)",
    make: withAct((rows) => {
      const out: Rows = [header(rows)];
      let sum = 0;
      body(rows).forEach((r, i, all) => {
        out.push(r);
        sum += Number(r[A.count]);
        if (i === all.length - 1 || all[i + 1][A.area] !== r[A.area]) {
          out.push([`${r[A.area]} Total`, null, null, null, null, sum]);
          sum = 0;
        }
      });
      return out;
    }),
    outcome: same(),
  },
  {
    name: "sex 'Persons' rows in the population",
    make: withPop((rows) => [
      ...rows,
      ...body(rows)
        .filter((r) => r[P.sex] === "Female")
        .map((r) => [...r.slice(0, 2), "Persons", ...r.slice(3, 5), Number(r[P.pop]) * 2]),
    ]),
    outcome: same(),
  },
  {
    name: "age 'All ages' rows in the activity",
    make: withAct((rows) => withAllAges(rows, { age: A.age, value: A.count }, "All ages")),
    outcome: same(),
  },
  {
    name: "IMD 'All' rows in the population",
    make: withPop((rows) => [
      ...rows,
      ...body(rows)
        .slice(0, 19)
        .map((r) => [...r.slice(0, 4), "All", 5000]),
    ]),
    outcome: same(),
  },
  {
    name: "65+ subtotal beside 65-69 … 90+ in the activity",
    make: withAct(with65Plus),
    outcome: same({ warning: /total rows left out of the activity table/ }),
  },
  {
    name: "18+ beside 15-19 in the population (a subtotal, not a band)",
    make: withPop((rows) => [
      ...rows,
      ...body(rows)
        .filter((r) => r[P.age] === "20-24")
        .map((r) => [...r.slice(0, 3), "18+", r[P.imd], 99999]),
    ]),
    outcome: same(),
  },
  // --- Codes ---
  {
    name: "area codes in lower case in the activity",
    make: withAct((rows) => rows.map((r, i) => (i === 0 ? r : [String(r[0]).toLowerCase(), ...r.slice(1)]))),
    outcome: same(),
  },
  {
    name: "area codes with spaces and mixed case in the population",
    make: withPop((rows) =>
      rows.map((r, i) => (i === 0 ? r : [` ${String(r[0]).toLowerCase()}  `, ...r.slice(1)])),
    ),
    outcome: same(),
  },
  {
    name: "IMD deciles 1–10 in both tables",
    make: async (dir) => {
      const c = clean();
      return both(
        deciles(c.population, { imd: P.imd, value: P.pop }),
        deciles(c.activity, { imd: A.imd, value: A.count }),
      )(dir);
    },
    outcome: same({ warning: /IMD deciles 1–10.*read as quintiles/ }),
  },
  {
    name: "IMD deciles in the activity only",
    make: withAct((rows) => deciles(rows, { imd: A.imd, value: A.count })),
    outcome: same({ warning: /deciles/ }),
  },
  {
    name: "single years of age in the population (no 'repeat' noise)",
    make: withPop((rows) => singleYears(rows, { age: P.age, value: P.pop })),
    outcome: same({ check: (r) => expectNoWarning(r, "duplicate-stratum") }),
  },
  {
    name: "single years of age in the activity",
    make: withAct((rows) => singleYears(rows, { age: A.age, value: A.count })),
    outcome: same({ check: (r) => expectNoWarning(r, "duplicate-stratum") }),
  },
  {
    name: "'Under 1' + '1-4' in the activity against 0-4 in the population",
    make: withAct((rows) =>
      rows.flatMap((r, i) => {
        if (i === 0 || r[A.age] !== "0-4") return [r];
        const v = Number(r[A.count]);
        const u = Math.floor(v / 5);
        return [
          r.map((x, j) => (j === A.age ? "Under 1" : j === A.count ? u : x)),
          r.map((x, j) => (j === A.age ? "1-4" : j === A.count ? v - u : x)),
        ];
      }),
    ),
    outcome: same({ warning: /added together into 0-4/ }),
  },
  {
    name: "age bands as Excel's display dates in a re-saved CSV ('05-Sep', 'Oct-14')",
    make: withAct((rows) => agesAs(rows, A.age, excelDateText)),
    outcome: same({ warning: /were dates Excel made of bands/ }),
  },
  {
    name: "age bands as d/m/yyyy dates in a re-saved CSV",
    make: withPop((rows) =>
      agesAs(rows, P.age, (b) => {
        const d = excelDateOf(b);
        return d && `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
      }),
    ),
    outcome: same({ warning: /dates Excel made/ }),
  },
  {
    name: "age header misspelt in the activity, mapped with --map-activity",
    make: async (dir) => [
      ...(await withAct((rows) => setCell(rows, 0, A.age, "Age bnad"))(dir)),
      "--map-activity",
      "age=Age bnad",
    ],
    outcome: same(),
  },
  // --- Population gaps: excluded with their own reason, never O without E ---
  {
    name: "one area's 85-89 population rows missing",
    make: withPop((rows) => rows.filter((r) => !(r[P.area] === "E2" && r[P.age] === "85-89"))),
    outcome: same({
      oracle: gapOracle,
      check: (r) => expect1Reason(r, "no-area-population"),
    }),
  },
  {
    name: "one area's population all 0",
    make: withPop((rows) => rows.map((r, i) => (i > 0 && r[P.area] === "E3" ? [...r.slice(0, 5), 0] : r))),
    outcome: same({
      oracle: async (dir) => {
        const c = clean();
        return both(
          c.population.map((r, i) => (i > 0 && r[P.area] === "E3" ? [...r.slice(0, 5), 0] : r)),
          c.activity.filter((r, i) => i === 0 || r[A.area] !== "E3"),
          "oracle.csv",
        )(dir);
      },
      check: (r) => {
        expect1Reason(r, "no-area-population");
        const e3 = r.areas.filter((a) => a.area === "E3");
        if (!e3.length || e3.some((a) => a.rate !== null || a.vsNational95 !== null))
          throw new Error("an area without population must have no rate and no verdict");
      },
    }),
  },
  {
    name: "one area's population cells blank",
    make: withPop((rows) => rows.map((r, i) => (i > 0 && r[P.area] === "E1" ? [...r.slice(0, 5), null] : r))),
    outcome: same({
      oracle: async (dir) => {
        const c = clean();
        return both(
          c.population.map((r, i) => (i > 0 && r[P.area] === "E1" ? [...r.slice(0, 5), 0] : r)),
          c.activity.filter((r, i) => i === 0 || r[A.area] !== "E1"),
          "oracle.csv",
        )(dir);
      },
    }),
  },
  // --- Refused, naming the cell ---
  {
    name: "age header misspelt in the activity, no mapping",
    make: withAct((rows) => setCell(rows, 0, A.age, "Age bnad")),
    outcome: refused(/no age band column.*Did you mean "Age bnad"/, { row: 1 }),
  },
  {
    name: "age band as a bare date serial",
    make: withAct((rows) => setCell(rows, 7, A.age, 46270)),
    outcome: refused(/46270 is not an age.*serial/, { row: 8, column: "C" }),
  },
  {
    name: "count of 1e308",
    make: withAct((rows) => setCell(rows, 12, A.count, "1e308")),
    outcome: refused(/too large/, { row: 13, column: "F" }),
  },
  {
    name: "counts that add up to more than 1e15",
    make: withAct((rows) => rows.map((r, i) => (i > 0 && i <= 5 ? setCell([r], 0, A.count, 4e14)[0] : r))),
    outcome: refused(/adds up to more than 1e15/, { column: "F" }),
  },
  {
    name: "a 1 MB run of digits ending in a letter in a count cell",
    make: withAct((rows) => setCell(rows, 3, A.count, "7".repeat(1_000_000) + "x")),
    outcome: refused(/must be a number/, { row: 4, column: "F" }),
  },
  {
    name: "populations with a point as thousands separator ('26.203')",
    make: withPop((rows) =>
      rows.map((r, i) => (i === 0 ? r : [...r.slice(0, 5), (Number(r[P.pop]) + 26000) / 1000])),
    ),
    outcome: refused(/could be 26\d{3} .*three decimals/, { row: 2, column: "F" }),
  },
  {
    name: "two years stacked in the population with a Year column",
    make: withPop((rows) => [
      [...header(rows), "Year"],
      ...body(rows).map((r) => [...r, 2023]),
      ...body(rows).map((r) => [...r.slice(0, 5), Number(r[P.pop]) + 1, 2024]),
    ]),
    outcome: refused(/once per value of Year/, { row: 572, column: "G" }),
  },
  {
    name: "two years stacked in the activity with a Year column",
    make: withAct((rows) => [
      [...header(rows), "Year"],
      ...body(rows).map((r) => [...r, "2023/24"]),
      ...body(rows).map((r) => [...r, "2024/25"]),
    ]),
    outcome: refused(/once per value of Year/, { row: 1142, column: "G" }),
  },
  {
    name: "one combined table given as both inputs",
    make: async (dir) => {
      const c = clean();
      const rows: Rows = [
        ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count", "Population"],
        ...body(c.activity).map((r, i) => [...r, c.population[1 + Math.floor(i / 2)][P.pop]]),
      ];
      const f = writeText(dir, "combined.csv", csvText(rows));
      return ["--population", f, "--activity", f];
    },
    outcome: refused(/once per value of Measure/, { row: 3, column: "E" }),
  },
  {
    name: "overlapping bands 3-7 in the activity",
    make: withAct((rows) => setCell(rows, 2, A.age, "3-7")),
    outcome: refused(/overlap|crosses/, { column: "C" }),
  },
  {
    name: "a negative population",
    make: withPop((rows) => setCell(rows, 9, P.pop, -5)),
    outcome: refused(/negative/, { row: 10, column: "F" }),
  },
  {
    name: "an unquoted comma shifting a row",
    make: async (dir) => {
      const c = clean();
      const text = csvText(c.activity).split("\n");
      text[5] = text[5].replace("Female", "Female,extra");
      return [
        "--population",
        writeText(dir, "pop.csv", csvText(c.population)),
        "--activity",
        writeText(dir, "act.csv", text.join("\n")),
      ];
    },
    outcome: refused(/more values than the header/, { row: 6, column: "G" }),
  },
  // --- Files ---
  {
    name: "an empty population file",
    make: async (dir) => [
      "--population",
      writeText(dir, "pop.csv", ""),
      "--activity",
      writeText(dir, "act.csv", csvText(clean().activity)),
    ],
    outcome: refused(/pop\.csv: the file is empty/),
  },
  {
    name: "a CSV named .xlsx",
    make: async (dir) => [
      "--population",
      writeText(dir, "pop.xlsx", csvText(clean().population)),
      "--activity",
      writeText(dir, "act.csv", csvText(clean().activity)),
    ],
    outcome: refused(/named \.xlsx but is not a workbook.*Rename it to \.csv/),
  },
  {
    name: "a password-protected workbook",
    make: async () => [join(FIXTURES, "password-protected.xlsx")],
    outcome: refused(/protected with a password/),
  },
  {
    name: "a legacy .xls workbook",
    make: async () => [join(FIXTURES, "legacy.xls")],
    outcome: refused(/legacy Excel 97-2003 workbook/),
  },
  {
    name: "a legacy .xls renamed .xlsx",
    make: async (dir) => [writeText(dir, "book.xlsx", readFileSync(join(FIXTURES, "legacy.xls")))],
    outcome: refused(/legacy Excel 97-2003 workbook/),
  },
  {
    name: "a workbook named .csv",
    make: async (dir) => {
      const [book] = await xlsxBoth()(dir);
      return [writeText(dir, "book.csv", readFileSync(book))];
    },
    outcome: same(),
  },
  // --- Workbooks ---
  { name: "clean workbook", make: xlsxBoth(), outcome: same() },
  {
    name: "age bands as date cells with date formats",
    make: xlsxBoth({
      rows: agesAs(clean().population, P.age, excelDateOf),
      formats: { [P.age + 1]: "dd-mmm" },
    }),
    outcome: same({ warning: /dates Excel made of bands/ }),
  },
  {
    name: "age bands as date-formatted serial numbers",
    make: xlsxBoth(
      {},
      {
        rows: agesAs(clean().activity, A.age, (b) => {
          const d = excelDateOf(b);
          return d && serial(d);
        }),
        formats: { [A.age + 1]: "mmm-yy" },
      },
    ),
    outcome: same({ warning: /dates Excel made of bands/ }),
  },
  {
    name: "age bands as bare serial numbers (no date format)",
    make: xlsxBoth(
      {},
      {
        rows: agesAs(clean().activity, A.age, (b) => {
          const d = excelDateOf(b);
          return d && serial(d);
        }),
      },
    ),
    outcome: refused(/is not an age.*serial/, { sheet: "Activity", row: 12, column: "C" }), // the first 5-9 row
  },
  {
    name: "area codes merged down their rows",
    make: xlsxBoth({}, { edit: (ws) => mergeAreaRuns(ws, clean().activity) }),
    outcome: same(),
  },
  {
    name: "area codes merged in the population too",
    make: xlsxBoth({ edit: (ws) => mergeAreaRuns(ws, clean().population) }),
    outcome: same(),
  },
  {
    name: "hidden rows and a hidden notes column",
    make: xlsxBoth(
      {},
      {
        rows: clean().activity.map((r, i) => [...r, i === 0 ? "Notes" : i % 7 === 0 ? "checked" : null]),
        edit: (ws) => {
          ws.getColumn(7).hidden = true;
          for (let i = 5; i < 400; i += 9) ws.getRow(i).hidden = true;
        },
      },
    ),
    outcome: same(),
  },
  {
    name: "an Excel table with a totals row",
    make: xlsxBoth({}, { table: { name: "Activity", totals: { label: "Total", sumColumn: A.count } } }),
    outcome: same({ warning: /1 total row left out/ }),
  },
  {
    name: "an Excel table without totals row",
    make: xlsxBoth({ table: { name: "Population" } }),
    outcome: same(),
  },
  {
    name: "counts as formulas with saved results",
    make: xlsxBoth(
      {},
      {
        rows: clean().activity.map((r, i) =>
          i === 0
            ? r
            : [...r.slice(0, 5), { formula: `${Number(r[A.count])}*1`, result: Number(r[A.count]) }],
        ),
      },
    ),
    outcome: same(),
  },
  {
    name: "a count formula with no saved result",
    make: xlsxBoth({}, { rows: setCell(clean().activity, 30, A.count, { formula: "SUM(F2:F3)" }) }),
    outcome: refused(/formula with no saved result.*save it/, { sheet: "Activity", row: 31, column: "F" }),
  },
  {
    name: "a population formula whose result is #N/A",
    make: xlsxBoth({
      rows: setCell(clean().population, 11, P.pop, { formula: "NA()", result: { error: "#N/A" } }),
    }),
    outcome: refused(/#N\/A/, { sheet: "Population", row: 12, column: "F" }),
  },
  {
    name: "1e308 in a workbook count",
    make: xlsxBoth({}, { rows: setCell(clean().activity, 20, A.count, 1e308) }),
    outcome: refused(/too large/, { sheet: "Activity", row: 21, column: "F" }),
  },
  {
    name: "a hidden old population sheet beside the real one",
    make: xlsxBoth({}, {}, [{ name: "Population (old)", rows: clean().population, state: "hidden" }]),
    outcome: refused(
      /2 sheets could each be the population table: "Population", "Population \(old\)" \(hidden\)/,
    ),
  },
  {
    name: "Population 2021 and Population 2022 sheets",
    make: twoYears(),
    outcome: refused(/sheets could each be the population table.*--sheet-population/),
  },
  {
    name: "Population 2021 and 2022 sheets, one chosen with --sheet-population",
    make: twoYears(["--sheet-population", "Population 2022"]),
    outcome: same(),
  },
  {
    name: "a hidden second Population column",
    make: xlsxBoth({
      rows: clean().population.map((r, i) => [...r, i === 0 ? "Population" : Number(r[P.pop]) * 2]),
      edit: (ws) => (ws.getColumn(7).hidden = true),
    }),
    outcome: refused(
      /"Population" \(column F\) and "Population" \(column G\) could both be the population column/,
      {
        sheet: "Population",
        row: 1,
      },
    ),
  },
  {
    name: "Population and Persons columns, one chosen with --map-population",
    make: async (dir) => [
      ...(await xlsxBoth({
        rows: clean().population.map((r, i) => [...r, i === 0 ? "Persons" : Number(r[P.pop]) * 2]),
      })(dir)),
      "--map-population",
      "population=Population",
    ],
    outcome: same(),
  },
  {
    name: "a Year column stacking two years in a workbook",
    make: xlsxBoth(
      {},
      {
        rows: [
          [...clean().activity[0], "Year"],
          ...body(clean().activity).map((r) => [...r, 2023]),
          ...body(clean().activity).map((r) => [...r, 2024]),
        ],
      },
    ),
    outcome: refused(/once per value of Year/, { sheet: "Activity", row: 1142, column: "G" }),
  },
  {
    name: "England and Total rows at the foot of workbook tables",
    make: xlsxBoth(
      { rows: [...clean().population, ["England", "England", null, null, null, 123456]] },
      { rows: [...clean().activity, ["Total", null, null, null, null, 99999]] },
    ),
    outcome: same(),
  },
  // --- Outputs: checked before anything is read ---
  {
    name: "--json naming the population input",
    ownOutputs: true,
    make: async (dir) => [...(await withPop((r) => r)(dir)), "--json", join(dir, "pop.csv")],
    outcome: refused(/--json .*pop\.csv is the input file/),
  },
  {
    name: "--json naming the activity input through ..",
    ownOutputs: true,
    make: async (dir) => {
      mkdirSync(join(dir, "sub"));
      return [...(await withPop((r) => r)(dir)), "--json", join(dir, "sub", "..", "act.csv")];
    },
    outcome: refused(/is the input file/),
  },
  {
    name: "--out through a hard link to the input workbook",
    ownOutputs: true,
    make: async (dir) => {
      const [book] = await xlsxBoth()(dir);
      linkSync(book, join(dir, "report.xlsx"));
      return [book, "--out", join(dir, "report.xlsx")];
    },
    outcome: refused(/--out .*report\.xlsx is the input file .*another path or link/),
  },
  {
    name: "--out through a symbolic link to the input workbook",
    ownOutputs: true,
    make: async (dir) => {
      const [book] = await xlsxBoth()(dir);
      symlinkSync(book, join(dir, "link.xlsx"));
      return [book, "--out", join(dir, "link.xlsx")];
    },
    outcome: refused(/is the input file/),
  },
  {
    name: "--out and --json naming the same file",
    ownOutputs: true,
    make: async (dir) => [
      ...(await withPop((r) => r)(dir)),
      "--out",
      join(dir, "x.xlsx"),
      "--json",
      join(dir, "x.xlsx"),
    ],
    outcome: refused(/--json and --out both name/),
  },
  {
    name: "--json under a file that is not a folder",
    ownOutputs: true,
    make: async (dir) => [...(await withPop((r) => r)(dir)), "--json", join(dir, "pop.csv", "out.json")],
    outcome: refused(/is not a folder/),
  },
];

function expectNoExclusions(r: ResultsJson): void {
  if (r.exclusions.activityCount !== 0 || r.exclusions.byReason.length)
    throw new Error(`expected no exclusions, got ${JSON.stringify(r.exclusions.byReason)}`);
}

function expectNoWarning(r: ResultsJson, kind: string): void {
  const w = r.warnings.find((x) => x.kind === kind);
  if (w) throw new Error(`unexpected warning: ${w.message}`);
}

function expect1Reason(r: ResultsJson, reason: string): void {
  const reasons = r.exclusions.byReason.map((x) => x.reason);
  if (reasons.length !== 1 || reasons[0] !== reason || !(r.exclusions.byReason[0].rows > 0))
    throw new Error(`expected only ${reason}, got ${JSON.stringify(r.exclusions.byReason)}`);
}
