// Applies a scenario to a COPY of the inputs and options (the user's tables are never touched).
import { parseArea } from "../engine/codes";
import { InputError } from "../engine/errors";
import { buildCube, type CubeTrace } from "../engine/cube";
import { resolveTable } from "../engine/mapping";
import { NUM_OK, numRead, readNumber } from "../engine/cells";
import type { CellValue, RunInput, RunOptions, Table } from "../engine/types";
import type { Scenario } from "./types";

export interface ScenarioRun {
  input: RunInput;
  options: RunOptions;
  /** One line per adjustment, for the Scenario sheet ("QHM activity × 1.12 (all measures)"). */
  notes: string[];
}

/** Finds a reference table by the name a "standard" adjustment gives. */
export type ReferenceLookup = (name: string) => Table | undefined;

const key = (v: CellValue | undefined): string | undefined => {
  const r = parseArea(v ?? null);
  return r.ok ? r.value.toLowerCase() : undefined;
};

function copyTable(t: Table): Table {
  return {
    ...t,
    source: { ...t.source },
    headers: t.headers.slice(),
    columns: t.columns.map((c) => c.slice(0, t.rowCount)),
  };
}

function keepRows(t: Table, keep: (i: number) => boolean): Table {
  const rows: number[] = [];
  for (let i = 0; i < t.rowCount; i++) if (keep(i)) rows.push(i);
  return { ...t, columns: t.columns.map((c) => rows.map((i) => c[i] ?? null)), rowCount: rows.length };
}

export function applyScenario(
  input: RunInput,
  options: RunOptions,
  scenario: Scenario,
  references: ReferenceLookup = () => undefined,
): ScenarioRun {
  let population = copyTable(input.population);
  let activity = copyTable(input.activity);
  let reference = input.reference ? copyTable(input.reference) : undefined;
  const opts: RunOptions = { ...options };
  const notes: string[] = [];
  const pop = resolveTable("population", population, options.mapping?.population);
  const act = resolveTable("activity", activity, options.mapping?.activity);
  if (pop.col.area === undefined || act.col.area === undefined)
    throw new InputError(`Scenario "${scenario.name}": both tables need an area column.`);

  // An area is named by its code or its name, as the population table gives them.
  const codes = new Map<string, string>();
  for (let i = 0; i < population.rowCount; i++) {
    const code = parseArea(population.columns[pop.col.area][i] ?? null);
    if (!code.ok) continue;
    codes.set(code.value.toLowerCase(), code.value);
    if (pop.col.areaName !== undefined) {
      const name = population.columns[pop.col.areaName][i];
      if (typeof name === "string" && name.trim()) codes.set(name.trim().toLowerCase(), code.value);
    }
  }
  const areaCode = (area: string): string => {
    const code = codes.get(area.trim().toLowerCase());
    if (code === undefined)
      throw new InputError(`Scenario "${scenario.name}": the area "${area}" is not in the population table.`);
    return code;
  };

  // Which activity rows the baseline adds in: only those are scaled, so that the scenario's
  // exclusions are the baseline's (an excluded row scaled would change the excluded total).
  let included: ((i: number) => boolean) | undefined;
  const includedRows = (): ((i: number) => boolean) => {
    if (included) return included;
    const trace: CubeTrace = {};
    const cube = buildCube({ population, activity, ...(reference ? { reference } : {}) }, opts, trace);
    const { actArea, actStrata, rowMeasure } = trace;
    included = (i) => {
      const a = actArea![i];
      const st = actStrata![i];
      return a >= 0 && st >= 0 && (!rowMeasure || rowMeasure[i] >= 0) && cube.pop[a * cube.S + st] > 0;
    };
    return included;
  };

  for (const adj of scenario.adjustments) {
    switch (adj.type) {
      case "scale": {
        const counted = includedRows();
        const code = areaCode(adj.area).toLowerCase();
        const factor = 1 + adj.percent / 100;
        const areaCol = activity.columns[act.col.area];
        const countCols: { j: number; measureOk: (i: number) => boolean }[] = [];
        if (act.layout === "wide") {
          const names = activity.headers.map((h) => String(h ?? "").trim());
          const measureCols = names
            .map((n, j) => ({ n, j }))
            .filter(({ j }) => !Object.values(act.col).includes(j));
          const chosen = adj.measure ? measureCols.filter((c) => c.n === adj.measure!.trim()) : measureCols;
          if (adj.measure && chosen.length === 0)
            throw new InputError(
              `Scenario "${scenario.name}": no activity column for the measure "${adj.measure}".`,
            );
          for (const c of chosen) countCols.push({ j: c.j, measureOk: () => true });
        } else {
          const mj = act.col.measure;
          const wanted = adj.measure?.trim();
          if (
            wanted &&
            mj !== undefined &&
            !activity.columns[mj].some((v) => String(v ?? "").trim() === wanted)
          )
            throw new InputError(
              `Scenario "${scenario.name}": no activity for the measure "${adj.measure}".`,
            );
          countCols.push({
            j: act.col.count,
            measureOk: (i) =>
              !wanted ||
              (mj === undefined
                ? act.mapping.count === wanted
                : String(activity.columns[mj][i] ?? "").trim() === wanted),
          });
        }
        for (const { j, measureOk } of countCols) {
          const col = activity.columns[j];
          for (let i = 0; i < activity.rowCount; i++) {
            if (key(areaCol[i]) !== code || !measureOk(i) || !counted(i)) continue;
            // Only readable counts are scaled; anything else reaches the run as it was, to be reported there.
            if (readNumber(col[i]) === NUM_OK) col[i] = numRead[0] * factor;
          }
        }
        notes.push(
          `${areaCode(adj.area)}: activity${adj.measure ? ` for ${adj.measure}` : " (all measures)"} scaled by ${adj.percent >= 0 ? "+" : ""}${adj.percent}%`,
        );
        break;
      }
      case "exclude": {
        const code = areaCode(adj.area).toLowerCase();
        const pc = population.columns[pop.col.area];
        const ac = activity.columns[act.col.area];
        population = keepRows(population, (i) => key(pc[i]) !== code);
        activity = keepRows(activity, (i) => key(ac[i]) !== code);
        included = undefined; // rows renumbered
        notes.push(`${areaCode(adj.area)}: left out of both tables (and of the national rates)`);
        break;
      }
      case "standard": {
        // The run's column mapping for its own reference does not describe another table.
        if (opts.mapping?.reference) {
          const { reference: _old, ...mapping } = opts.mapping;
          opts.mapping = mapping;
        }
        if (adj.reference === null) {
          reference = undefined;
          notes.push("Standard: the data's own national rates");
          break;
        }
        const t = references(adj.reference);
        if (!t)
          throw new InputError(
            `Scenario "${scenario.name}": the reference table "${adj.reference}" was not found.`,
          );
        reference = copyTable(t);
        notes.push(`Standard: stratum rates from ${adj.reference}`);
        break;
      }
      case "multiplier":
        opts.multiplier = adj.value;
        notes.push(`Rates per ${adj.value.toLocaleString("en-GB")}`);
        break;
      case "strata":
        opts.strata = adj.factors.slice();
        notes.push(`Strata: ${adj.factors.join(", ")}`);
        break;
    }
  }
  return { input: { population, activity, ...(reference ? { reference } : {}) }, options: opts, notes };
}
