// SPEC §1 bad input: errors name file, sheet, row and column; exclusions are counted by reason,
// area and measure; warnings say what was assumed. Tables start at sheet row 3, column B, so the
// locations below are checked against the offsets, not just row numbers.
import { describe, expect, it } from "vitest";
import { InputError, run, type CellValue, type RunInput, type RunOptions } from "../../src/engine";
import { table } from "./helpers";

const POP_H = ["ICB code", "ICB name", "Sex", "Age band", "IMD quintile", "Population"];
const ACT_H = ["ICB code", "Sex", "Age band", "IMD quintile", "Measure", "Count"];
const popSrc = { file: "book.xlsx", sheet: "Pop", headerRow: 3, firstColumn: 2 };
const actSrc = { file: "book.xlsx", sheet: "Act", headerRow: 3, firstColumn: 2 };

function popRows(): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const a of ["A", "B"])
    for (const s of ["F", "M"])
      for (const g of ["0-4", "90+"]) for (const q of [1, 2]) rows.push([a, `Area ${a}`, s, g, q, 100]);
  return rows;
}
function actRows(): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const a of ["A", "B"])
    for (const s of ["F", "M"])
      for (const g of ["0-4", "90+"]) for (const q of [1, 2]) rows.push([a, s, g, q, "X", 10]);
  return rows;
}
function input(pop = popRows(), act = actRows()): RunInput {
  return { population: table(POP_H, pop, popSrc), activity: table(ACT_H, act, actSrc) };
}
function error(inp: RunInput, opts?: RunOptions): InputError {
  try {
    run(inp, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("errors", () => {
  it("missing required header: lists the headers found", () => {
    const e = error({
      ...input(),
      population: table(
        ["ICB code", "Sex", "Age band", "IMD quintile", "People"],
        [["A", "F", "0-4", 1, 5]],
        popSrc,
      ),
    });
    expect(e.message).toContain("no population column");
    expect(e.message).toContain("book.xlsx, sheet Pop");
    expect(e.message).toContain("ICB code, Sex, Age band, IMD quintile, People");
    expect(e.location).toMatchObject({ table: "population", row: 3 });
    const e2 = error({
      ...input(),
      activity: table(
        ["ICB code", "Sex", "Age band", "IMD quintile", "Measure"],
        [["A", "F", "0-4", 1, "X"]],
        actSrc,
      ),
    });
    expect(e2.message).toContain("no count column");
  });

  it("text in a count: file, sheet, row and column", () => {
    const act = actRows();
    act[4][5] = "n/a";
    const e = error(input(popRows(), act));
    // data row 4 → sheet row 3 + 1 + 4 = 8; Count is the 6th column from B → G.
    expect(e.message).toMatch(/^book\.xlsx, sheet Act, row 8, column G \(Count\): the text "n\/a"/);
    expect(e.location).toMatchObject({ table: "activity", row: 8, column: 7 });
  });

  it("text in a population", () => {
    const pop = popRows();
    pop[0][5] = "lots";
    const e = error(input(pop));
    expect(e.message).toContain("sheet Pop, row 4, column G (Population)");
    expect(e.message).toContain("population must be a number");
  });

  it("negative count and negative population", () => {
    const act = actRows();
    act[2][5] = -3;
    expect(error(input(popRows(), act)).message).toMatch(/row 6, column G \(Count\): the negative number -3/);
    const pop = popRows();
    pop[15][5] = -1;
    expect(error(input(pop)).message).toMatch(
      /sheet Pop, row 19, column G \(Population\): the negative number -1/,
    );
  });

  it("Excel error values in a count and in a stratum column", () => {
    const act = actRows();
    act[1][5] = { error: "#N/A" };
    expect(error(input(popRows(), act)).message).toMatch(/row 5, column G \(Count\): the Excel error #N\/A/);
    const act2 = actRows();
    act2[3][1] = { error: "#DIV/0!" };
    const e = error(input(popRows(), act2));
    expect(e.message).toMatch(/sheet Act, row 7, column C \(Sex\): the Excel error #DIV\/0!/);
    expect(e.location).toMatchObject({ row: 7, column: 3 });
  });

  it("empty table", () => {
    const e = error(input(popRows(), []));
    expect(e.message).toMatch(/^Activity table \(book\.xlsx, sheet Act\) is empty/);
  });

  it("nothing left to compute after exclusions", () => {
    const act = actRows().map((r) => ["Z", ...r.slice(1)]);
    const e = error(input(popRows(), act));
    expect(e.message).toContain("Nothing left to compute");
    expect(e.message).toContain("area not in the population table: 16");
  });

  it("excludeInvalidRows turns invalid values into exclusions with a warning", () => {
    const act = actRows();
    act[4][5] = "n/a";
    act[5][5] = -2;
    act[6][1] = { error: "#N/A" };
    const res = run(input(popRows(), act), { excludeInvalidRows: true });
    expect(res.exclusions.byReason).toEqual([
      { reason: "invalid-value", label: expect.any(String), rows: 3, count: 10 },
    ]);
    expect(res.warnings.find((w) => w.kind === "excluded-invalid")).toMatchObject({
      table: "activity",
      count: 3,
      rows: [8, 9, 10],
    });
  });
});

describe("exclusions by reason, area and measure", () => {
  it("each reason is counted, with rows, counts, areas, measures and share", () => {
    const act = actRows();
    const extra: CellValue[][] = [
      ["A", "", "0-4", 1, "X", 1], // missing sex
      ["A", "X", "0-4", 1, "X", 2], // missing sex (X = not known)
      ["A", "9", "0-4", 1, "Y", 3], // missing sex (9)
      ["A", "Z", "0-4", 1, "X", 4], // unknown sex
      ["B", "F", "adult", 1, "X", 5], // unknown age
      ["B", "F", "", 1, "X", 6], // missing age
      ["B", "F", "0-4", 6, "X", 7], // IMD outside 1-5
      ["B", "F", "0-4", 0, "X", 8], // IMD outside 1-5
      ["B", "F", "0-4", "", "X", 9], // missing IMD
      ["Q", "F", "0-4", 1, "X", 10], // area not in population
      ["", "F", "0-4", 1, "X", 11], // missing area
    ];
    const res = run(input(popRows(), [...act, ...extra]));
    const by = Object.fromEntries(res.exclusions.byReason.map((r) => [r.reason, [r.rows, r.count]]));
    expect(by).toEqual({
      "missing-sex": [3, 6],
      "unknown-sex": [1, 4],
      "missing-age": [1, 6],
      "unknown-age": [1, 5],
      "missing-imd": [1, 9],
      "unknown-imd": [2, 15],
      "unknown-area": [1, 10],
      "missing-area": [1, 11],
    });
    expect(res.exclusions.activityRows).toBe(11);
    expect(res.exclusions.activityCount).toBe(66);
    expect(res.exclusions.share).toBeCloseTo(66 / (160 + 66), 14);
    // Y exists only in an excluded row: it is a measure with O = 0 everywhere.
    expect(res.exclusions.byMeasure).toEqual([
      { measure: "X", count: 63, total: 223, share: 63 / 223 },
      { measure: "Y", count: 3, total: 3, share: 1 },
    ]);
    const areaB = res.exclusions.byArea.find((a) => a.area === "B")!;
    expect(areaB).toMatchObject({
      name: "Area B",
      count: 35,
      total: 80 + 35,
      mostCommonReason: "unknown-imd",
    });
    expect(res.exclusions.byArea.find((a) => a.area === "Q")).toMatchObject({
      name: null,
      count: 10,
      total: 10,
      share: 1,
      mostCommonReason: "unknown-area",
    });
    expect(res.exclusions.byArea.find((a) => a.area === "(blank)")).toMatchObject({
      count: 11,
      mostCommonReason: "missing-area",
    });
    expect(res.exclusions.byArea.map((a) => a.count)).toEqual(
      [...res.exclusions.byArea.map((a) => a.count)].sort((x, y) => y - x),
    );
    // The included activity is untouched.
    expect(res.national.find((n) => n.measure === "X")!.observed).toBe(160);
  });

  it("activity in a stratum with zero national population is excluded", () => {
    const pop = popRows().map((r) => (r[3] === "90+" && r[2] === "M" ? [...r.slice(0, 5), 0] : r));
    const res = run(input(pop));
    const z = res.exclusions.byReason.find((r) => r.reason === "zero-national-population")!;
    // M × 90+ × IMD 1, 2 in areas A and B: 4 rows of 10.
    expect(z).toMatchObject({ rows: 4, count: 40 });
    expect(res.national[0].observed).toBe(120);
    const sumE = res.areas.reduce((t, a) => t + a.expected, 0);
    expect(sumE).toBeCloseTo(120, 10);
  });

  it("population rows with a missing stratum are left out and counted", () => {
    const pop = popRows();
    pop[0][2] = "U";
    const res = run(input(pop));
    expect(res.exclusions.populationRows).toBe(1);
    expect(res.warnings.some((w) => w.table === "population" && w.count === 1)).toBe(true);
  });
});

describe("warnings", () => {
  it("fractional counts are used as given", () => {
    const act = actRows();
    act[0][5] = 2.5;
    const res = run(input(popRows(), act));
    expect(res.warnings.find((w) => w.kind === "fractional-count")).toMatchObject({
      table: "activity",
      count: 1,
      rows: [4],
    });
    expect(res.national[0].observed).toBe(152.5);
  });

  it("duplicated strata are added together (activity and population)", () => {
    const act = [...actRows(), ["A", "F", "0-4", 1, "X", 5]];
    const pop = [...popRows(), ["B", "Area B", "M", "90+", 2, 50]];
    const res = run(input(pop, act));
    expect(res.warnings.find((w) => w.kind === "duplicate-stratum" && w.table === "activity")).toMatchObject({
      count: 1,
      rows: [20],
    });
    expect(
      res.warnings.find((w) => w.kind === "duplicate-stratum" && w.table === "population"),
    ).toMatchObject({ count: 1, rows: [20] });
    expect(res.national[0].observed).toBe(165);
    expect(res.national[0].population).toBe(1650);
  });

  it("blank counts and populations are read as 0, and counted", () => {
    const act = actRows();
    act[0][5] = null;
    act[1][5] = "  ";
    const pop = popRows();
    pop[2][5] = null;
    const res = run(input(pop, act));
    expect(res.warnings.find((w) => w.kind === "blank-as-zero" && w.table === "activity")).toMatchObject({
      count: 2,
      rows: [4, 5],
    });
    expect(res.warnings.find((w) => w.kind === "blank-as-zero" && w.table === "population")).toMatchObject({
      count: 1,
      rows: [6],
    });
    // 16 rows × 10, less the two blank counts, less A/F/90+/1 (10), whose population is the blank
    // read as 0: activity where its area has no population is excluded (SPEC §1b), not kept in O.
    expect(res.national[0].observed).toBe(130);
    expect(res.exclusions.byReason).toEqual([
      { reason: "no-area-population", label: "No population for this area / stratum", rows: 1, count: 10 },
    ]);
  });
});

describe("areas without population", () => {
  it("are listed with no rate, and named in a warning", () => {
    const pop = popRows().map((r) => (r[0] === "B" ? [...r.slice(0, 5), 0] : r));
    const act = actRows().filter((r) => r[0] === "A");
    const res = run(input(pop, act));
    const b = res.areas.find((a) => a.area === "B")!;
    expect(b).toMatchObject({ observed: 0, expected: 0, population: 0 });
    expect(b.rate).toBeNaN();
    expect(b.crudeRate).toBeNaN();
    expect(res.warnings.find((w) => w.message.includes("no population"))).toMatchObject({
      count: 1,
      table: "population",
    });
    expect(res.summaries[0].lowest.area).toBe("A");
  });
});

describe("more bad input", () => {
  it("excludeInvalidRows in the population table: rows left out and counted", () => {
    const pop = popRows();
    pop[0][5] = "?";
    pop[1][4] = { error: "#REF!" };
    const res = run(input(pop), { excludeInvalidRows: true });
    expect(res.exclusions.populationRows).toBe(2);
    expect(res.warnings.find((w) => w.kind === "excluded-invalid" && w.table === "population")).toMatchObject(
      { count: 2, rows: [4, 5] },
    );
    expect(res.national[0].population).toBe(1400);
  });

  it("wide activity: text in a measure column names its cell", () => {
    const wide = table(
      ["ICB code", "Sex", "Age band", "IMD quintile", "X-ray", "MRI"],
      [
        ["A", "F", "0-4", 1, 5, 2],
        ["A", "M", "0-4", 1, 4, "lots"],
      ],
      actSrc,
    );
    expect(() => run({ population: table(POP_H, popRows(), popSrc), activity: wide })).toThrow(
      /sheet Act, row 5, column G \(MRI\): the text "lots"/,
    );
  });

  it("reference table: a negative population is an error with its location", () => {
    const ref = table(["Sex", "Age band", "IMD quintile", "Count", "Population"], [["F", "0-4", 1, 10, -5]], {
      file: "ref.csv",
      headerRow: 1,
      firstColumn: 1,
    });
    expect(() => run({ ...input(), reference: ref })).toThrow(
      /^ref\.csv, row 2, column E \(Population\): the negative number -5: a population must be 0 or more/,
    );
  });

  it("a header override naming a missing column, and a strata list naming a missing column", () => {
    expect(() => run(input(), { mapping: { population: { population: "Residents" } } })).toThrow(
      /"Residents" chosen for population is not there/,
    );
    expect(() => run(input(), { strata: ["sex", "ethnicity"] })).toThrow(/no "ethnicity" column/);
  });

  it("a single-row activity table whose only row is excluded leaves nothing to compute", () => {
    expect(() => run(input(popRows(), [["A", "F", "0-4", 9, "X", 1]]))).toThrow(
      /Nothing left to compute: the only row of the activity table \(book\.xlsx, sheet Act\) was excluded \(IMD value outside 1–5: 1\)/,
    );
  });
});
