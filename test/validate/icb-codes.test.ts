// The built-in ICB code pairs are the shipped reference list's, pair for pair.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { ICB_ONS_TO_ODS, icbCodeAliases } from "../../src/validate";
import { readCsv } from "../../src/workbook/csv";

it("equal assets/data/icb_2024_25_reference.csv (42 ICBs, both directions)", () => {
  const t = readCsv(readFileSync("assets/data/icb_2024_25_reference.csv", "utf8"), "ref.csv");
  const ons = t.columns[t.headers.indexOf("icb_ons_code")];
  const ods = t.columns[t.headers.indexOf("icb_ods_code")];
  const pairs = Object.fromEntries(ons.map((c, i) => [String(c), String(ods[i])]));
  expect(ICB_ONS_TO_ODS).toEqual(pairs);
  expect(Object.keys(pairs)).toHaveLength(42);
  const aliases = icbCodeAliases();
  for (const [a, b] of Object.entries(pairs)) expect([aliases[a], aliases[b]]).toEqual([b, a]);
});
