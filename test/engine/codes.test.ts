// SPEC §1 codes: every listed spelling of sex, age band and IMD, missing vs unreadable.
import { describe, expect, it } from "vitest";
import { parseAgeBand, parseImd, parseSex } from "../../src/engine";
import { AGE_BANDS } from "../support/age-bands";

const ok = (value: string) => ({ ok: true, value });
const missing = { ok: false, missing: true };
const unknown = { ok: false, missing: false };

describe("sex codes (NHS person stated gender)", () => {
  it.each(["F", "f", "Female", "FEMALE", " female ", "2", 2])("%j → Female", (v) =>
    expect(parseSex(v)).toEqual(ok("Female")),
  );
  it.each(["M", "m", "Male", "MALE", " Male", "1", 1])("%j → Male", (v) =>
    expect(parseSex(v)).toEqual(ok("Male")),
  );
  it.each(["0", 0, "9", 9, "X", "x", "U", "u", "Unknown", "UNKNOWN", "", "   ", null])("%j → missing", (v) =>
    expect(parseSex(v)).toEqual(missing),
  );
  it.each(["Persons", "All", "Total", "all persons"])("%j → a totals row (SPEC §1b)", (v) =>
    expect(parseSex(v)).toEqual({ ok: false, missing: false, total: true }),
  );
  it.each(["3", 3, "fem", true, { error: "#N/A" }])("%j → unreadable", (v) =>
    expect(parseSex(v)).toEqual(unknown),
  );
});

describe("age bands", () => {
  const bands = AGE_BANDS.slice(0, -1); // the five-year bands; 90+ is open-ended
  it("every five-year band in every listed spelling", () => {
    for (const b of bands) {
      const [lo, hi] = b.split("-").map(Number);
      const pad = (n: number) => String(n).padStart(2, "0");
      for (const s of [
        b,
        `${pad(lo)}-${pad(hi)}`,
        `${lo} to ${hi}`,
        `${lo}-<${hi + 1}`,
        `${lo} - ${hi}`,
        `${lo}–${hi}`,
        ` ${b} `,
        `${lo} - <${hi + 1}`,
      ]) {
        expect(parseAgeBand(s), s).toEqual(ok(b));
      }
    }
  });
  it.each(["90+", "90 and over", "90-", "90 +", "90 AND OVER", "90 or over", ">=90"])("%j → 90+", (v) =>
    expect(parseAgeBand(v)).toEqual(ok("90+")),
  );
  it("a top band such as 85+ keeps its own label", () => {
    expect(parseAgeBand("85+")).toEqual(ok("85+"));
    expect(parseAgeBand("85 and over")).toEqual(ok("85+"));
  });
  it("single-year ages go into their five-year band", () => {
    expect(parseAgeBand(0)).toEqual(ok("0-4"));
    expect(parseAgeBand(4)).toEqual(ok("0-4"));
    expect(parseAgeBand(5)).toEqual(ok("5-9"));
    expect(parseAgeBand(37)).toEqual(ok("35-39"));
    expect(parseAgeBand("37")).toEqual(ok("35-39"));
    expect(parseAgeBand(89)).toEqual(ok("85-89"));
    expect(parseAgeBand(90)).toEqual(ok("90+"));
    expect(parseAgeBand(104)).toEqual(ok("90+"));
  });
  it.each(["", null, "Unknown", " unknown "])("%j → missing", (v) =>
    expect(parseAgeBand(v)).toEqual(missing),
  );
  it.each(["adult", "4-0", "12.5", 12.5, -1, "1000", "abc-def", true, { error: "#VALUE!" }])(
    "%j → unreadable",
    (v) => expect(parseAgeBand(v)).toEqual(unknown),
  );
  it("accepts prefixes and units: Age 0-4, 0-4 years, Under 5", () => {
    expect(parseAgeBand("Age 0-4")).toEqual(ok("0-4"));
    expect(parseAgeBand("0-4 years")).toEqual(ok("0-4"));
    expect(parseAgeBand("Under 5")).toEqual(ok("0-4"));
    expect(parseAgeBand("Aged 0 to 4 years")).toEqual(ok("0-4"));
    expect(parseAgeBand("90 years and over")).toEqual(ok("90+"));
    expect(parseAgeBand("45 yrs")).toEqual(ok("45-49"));
  });
});

describe("IMD quintiles", () => {
  it.each([
    [1, "1"],
    ["1", "1"],
    ["1 Most deprived", "1"],
    ["2 More deprived", "2"],
    ["3 Mid quintile", "3"],
    ["4 Less deprived", "4"],
    ["5 Least deprived", "5"],
    [" 5 ", "5"],
    ["1 - most deprived", "1"],
    ["Q3", "3"],
    ["Quintile 4", "4"],
    [5, "5"],
  ])("%j → %s", (v, q) => expect(parseImd(v)).toEqual(ok(q)));
  it.each([0, 6, "0", "6", "10", 1.5, "1.5", "most deprived", "Z", { error: "#N/A" }])(
    "%j → unreadable (outside 1–5)",
    (v) => expect(parseImd(v)).toEqual(unknown),
  );
  it.each(["", null, "Unknown", "NA"])("%j → missing", (v) => expect(parseImd(v)).toEqual(missing));
});
