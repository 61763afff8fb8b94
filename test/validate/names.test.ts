// Measure headings as the publication spells them (reference text, Tables 1–6 of section 2 and 3)
// against the measure names the engine computes (SPEC §8).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measureKey, measureMatcher } from "../../src/validate";
import { MEASURES } from "../support/publication";

const COMPUTED = MEASURES;

describe("measure headings", () => {
  const match = measureMatcher(COMPUTED);
  it.each([
    ["CT Scans", "CT Scan"],
    ["CT Scan", "CT Scan"],
    ["Fluoro- scopy", "Fluoroscopy"],
    ["Kidney & Bladder Ultrasound", "Kidney or Bladder Ultrasound"],
    ["Kidney or Bladder Ultrasound", "Kidney or Bladder Ultrasound"],
    ["MRI Scans", "MRI"],
    ["Abdomen & Pelvis Ultrasound", "Abdomen or Pelvis Ultrasound"],
    ["Chest X- ray", "Chest X-ray"],
    ["X-rays", "X-ray"],
    ["x ray", "X-ray"],
    ["  PET  scans ", "PET Scan"],
    ["SPECT", "SPECT Scan"],
    ["Brain MRI⁶", "Brain MRI"],
    ["MEDICAL PHOTOGRAPHY", "Medical Photography"],
    ["Nuclear Medicine", "Nuclear Medicine"],
  ])("%s → %s", (heading, measure) => {
    expect(match(heading)).toBe(measure);
  });

  it.each(["Code", "ICB name", "Region", "Rate per 10,000 people", "Modality", "", "Scan", "Chest"])(
    "%s names no measure",
    (heading) => {
      expect(match(heading)).toBeUndefined();
    },
  );

  it("never confuses a measure with another that contains it (MRI / Brain MRI, CT Scan / Chest CT)", () => {
    for (const m of COMPUTED) expect(match(m)).toBe(m);
  });

  it("ignores case, spaces and punctuation (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPUTED),
        fc.array(fc.constantFrom(" ", "-", ".", "  "), { maxLength: 3 }),
        fc.boolean(),
        (m, junk, upper) => {
          const spelt =
            (upper ? m.toUpperCase() : m.toLowerCase()).replace(/ /g, junk.join("") || " ") + junk.join("");
          expect(measureKey(spelt)).toBe(measureKey(m));
          expect(match(spelt)).toBe(m);
        },
      ),
    );
  });
});
