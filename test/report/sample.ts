// Real Results: the engine run on the sample shipped in assets/sample (the CLI's CSV reader).
import { readFileSync } from "node:fs";
import { run } from "../../src/engine";
import type { Results, RunInput, RunOptions } from "../../src/engine/types";
import { readCsv } from "../../src/workbook/csv";

/** The sample's two tables as the CLI reads them. */
export function sampleInput(): RunInput {
  return {
    population: readCsv(readFileSync("assets/sample/population.csv", "utf8"), "population.csv"),
    activity: readCsv(readFileSync("assets/sample/activity.csv", "utf8"), "activity.csv"),
  };
}

export function sampleResults(options?: RunOptions): Results {
  return run(sampleInput(), options);
}
