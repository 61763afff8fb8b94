// Real Results: the engine run on the sample shipped in assets/sample (the CLI's CSV reader).
import { readFileSync } from "node:fs";
import { run } from "../../src/engine";
import type { Results } from "../../src/engine/types";
import { readCsv } from "../../src/workbook/csv";

export function sampleResults(): Results {
  const population = readCsv(readFileSync("assets/sample/population.csv", "utf8"), "population.csv");
  const activity = readCsv(readFileSync("assets/sample/activity.csv", "utf8"), "activity.csv");
  return run({ population, activity });
}
