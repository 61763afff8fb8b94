// src/charts/icb-hexes.ts is a copy of the shipped hexjson and ICB reference list: check it against both.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEX_LAYOUT, ICB_HEXES, ICB_REGIONS } from "../../src/charts/icb-hexes";

describe("ICB hex layout", () => {
  it("equals assets/data's hexjson (q, r, label by ODS code) and reference list (ONS code, short name)", () => {
    const hex = JSON.parse(readFileSync("assets/data/icb_hexmap_nhs-icb-2022-richardi7.hexjson", "utf8"));
    expect(hex.layout).toBe(HEX_LAYOUT);
    const csv = readFileSync("assets/data/icb_2024_25_reference.csv", "utf8").trim().split(/\r?\n/);
    const header = csv[0].split(",").map((h) => h.replace(/"/g, ""));
    // Rows: the short name is the only field with a comma inside quotes in some rows, so split on quotes.
    const ref = new Map(
      csv.slice(1).map((line) => {
        const cells = line
          .match(/("([^"]*)"|[^,]*)(,|$)/g)!
          .map((c) => c.replace(/,$/, "").replace(/^"|"$/g, ""));
        const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
        return [row.icb_ods_code, row];
      }),
    );
    expect(ICB_HEXES).toHaveLength(42);
    expect(Object.keys(hex.hexes).sort()).toEqual(ICB_HEXES.map((h) => h.code).sort());
    for (const h of ICB_HEXES) {
      const src = hex.hexes[h.code];
      expect([h.q, h.r, h.abbr], h.code).toEqual([src.q, src.r, src.n]);
      expect(h.ons, h.code).toBe(ref.get(h.code)!.icb_ons_code);
      expect(h.name, h.code).toBe(ref.get(h.code)!.icb_short_name);
      // Its NHS region (the boundary map's London inset).
      const region = Object.entries(ICB_REGIONS).find(([, codes]) => codes.includes(h.code))?.[0];
      expect(region, h.code).toBe(ref.get(h.code)!.nhser_name);
    }
    expect(Object.values(ICB_REGIONS).flat()).toHaveLength(42);
  });
});
