// The rounding a published figure carries, from its number format or its digits.
import { describe, expect, it } from "vitest";
import {
  decimalsFromFormat,
  decimalsOfNumber,
  halfUnit,
  readPublished,
  starsFromFormat,
} from "../../src/validate";

describe("decimals from a number format", () => {
  it.each([
    ["#,##0", 0],
    ["0", 0],
    ["0.0", 1],
    ["#,##0.00", 2],
    ['0.00"***"', 2],
    ["0%", 2],
    ["0.0%", 3],
    ["#,##0,", -3],
    ["#,##0.0_);(#,##0.0)", 1],
    ["[Red]0.000;[Blue]-0.000", 3],
    ['"£"#,##0', 0],
    ["0.00\\*", 2],
  ])("%s → %i", (format, decimals) => {
    expect(decimalsFromFormat(format)).toBe(decimals);
  });

  it.each(["General", "@", "", "0.00E+00", "[<0.0001]0.00E+00;0.0000"])("%s fixes no decimals", (format) => {
    expect(decimalsFromFormat(format)).toBeUndefined();
  });

  it("tolerance is half a unit of the last place shown", () => {
    expect(halfUnit(decimalsFromFormat("0.0")!)).toBeCloseTo(0.05, 15);
    expect(halfUnit(decimalsFromFormat("#,##0")!)).toBe(0.5);
    expect(halfUnit(decimalsFromFormat("0.00")!)).toBeCloseTo(0.005, 15);
    expect(halfUnit(decimalsFromFormat("0%")!)).toBeCloseTo(0.005, 15);
    expect(halfUnit(decimalsFromFormat("#,##0,")!)).toBe(500);
  });
});

describe("stars in a format", () => {
  it.each([
    ['0.00"***"', "***"],
    ['0.00"*"', "*"],
    ["0.00\\*\\*", "**"],
    ["0.00", ""],
    ["#,##0_*", ""],
  ])("%s → %s", (format, stars) => {
    expect(starsFromFormat(format)).toBe(stars);
  });
});

describe("published cells", () => {
  it("numbers take the format's rounding, else their own digits", () => {
    expect(readPublished(3670.4, "#,##0")).toEqual({
      value: 3670.4,
      stars: "",
      decimals: 0,
      decimalsFrom: "format",
    });
    expect(readPublished(0.8, "General")).toEqual({
      value: 0.8,
      stars: "",
      decimals: 1,
      decimalsFrom: "digits",
    });
    expect(readPublished(0.7999, '0.00"***"')).toEqual({
      value: 0.7999,
      stars: "***",
      decimals: 2,
      decimalsFrom: "format",
    });
    expect(readPublished(3670, undefined)?.decimals).toBe(0);
  });

  it("text is read as the publication writes it", () => {
    expect(readPublished("3,670", null)).toEqual({
      value: 3670,
      stars: "",
      decimals: 0,
      decimalsFrom: "digits",
    });
    expect(readPublished("0.80***", null)).toEqual({
      value: 0.8,
      stars: "***",
      decimals: 2,
      decimalsFrom: "digits",
    });
    expect(readPublished(" 1.10** ", null)).toMatchObject({ value: 1.1, stars: "**", decimals: 2 });
    expect(readPublished("76%", null)).toMatchObject({ value: 0.76, decimals: 2 });
    expect(readPublished("-0.5", null)).toMatchObject({ value: -0.5, decimals: 1 });
    expect(readPublished("1,234,567.0", null)).toMatchObject({ value: 1234567, decimals: 1 });
  });

  it.each(["", "-", "..", "*", "n/a", "England", "1,23", null, true, { error: "#N/A" }])(
    "%j holds no figure",
    (v) => {
      expect(readPublished(v as never, null)).toBeUndefined();
    },
  );

  it("digits of a number as written", () => {
    expect(decimalsOfNumber(3670)).toBe(0);
    expect(decimalsOfNumber(0.8)).toBe(1);
    expect(decimalsOfNumber(12.345)).toBe(3);
    expect(decimalsOfNumber(1.5e-7)).toBe(8);
    expect(decimalsOfNumber(1e21)).toBe(0);
  });
});
