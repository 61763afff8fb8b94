// Bigger inputs for the benchmark, made from the shipped DID-like sample: each ICB copied under
// new codes ("QYG~2"), so the rows keep the sample's shape, its codes and its ~1.3% of rows to
// exclude. Activity can be cut to an exact row count (1,048,576: the most an Excel sheet holds).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface CsvPair {
  label: string;
  areas: number;
  population: string;
  activity: string;
  activityRows: number;
}

const lines = (text: string) => text.split(/\r?\n/).filter((l) => l !== "");

export function loadSample(root: string): { population: string; activity: string } {
  const dir = join(root, "assets", "sample");
  return {
    population: readFileSync(join(dir, "population.csv"), "utf8"),
    activity: readFileSync(join(dir, "activity.csv"), "utf8"),
  };
}

/** The sample with its areas copied `copies` times (copy 1 keeps the real codes). */
export function replicate(
  sample: { population: string; activity: string },
  copies: number,
  label: string,
  maxActivityRows?: number,
): CsvPair {
  const pop = lines(sample.population);
  const act = lines(sample.activity);
  const recode = (rows: string[], c: number) =>
    c === 1
      ? rows
      : rows.map((l) => {
          const comma = l.indexOf(",");
          return `${l.slice(0, comma)}~${c}${l.slice(comma)}`;
        });
  const popOut = [pop[0]];
  const actOut = [act[0]];
  for (let c = 1; c <= copies; c++) {
    popOut.push(...recode(pop.slice(1), c));
    actOut.push(...recode(act.slice(1), c));
  }
  let body = actOut.slice(1);
  if (maxActivityRows !== undefined) body = body.slice(0, maxActivityRows);
  const areas = new Set(popOut.slice(1).map((l) => l.slice(0, l.indexOf(",")))).size;
  return {
    label,
    areas,
    population: popOut.join("\n") + "\n",
    activity: [actOut[0], ...body].join("\n") + "\n",
    activityRows: body.length,
  };
}
