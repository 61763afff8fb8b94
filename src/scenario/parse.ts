// Reads a scenario from JSON (a file, or the workbook's saved settings), with messages that say
// which adjustment is wrong and how to write it.
import { InputError } from "../engine/errors";
import type { Adjustment, Scenario } from "./types";

const FORMS =
  '{"type":"scale","area":"QHM","percent":12} (optionally "measure"), {"type":"exclude","area":"QHM"}, ' +
  '{"type":"standard","reference":"last-year.csv"}, {"type":"multiplier","value":100000}, {"type":"strata","factors":["sex","age"]}';

function bad(where: string, what: string): never {
  throw new InputError(`Scenario ${where}: ${what}. Adjustments look like ${FORMS}.`);
}

const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

function adjustment(raw: unknown, i: number): Adjustment {
  const where = `adjustment ${i + 1}`;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) bad(where, "not an object");
  const o = raw as Record<string, unknown>;
  switch (o.type) {
    case "scale": {
      if (!isText(o.area)) bad(where, "scale needs an area");
      if (typeof o.percent !== "number" || !Number.isFinite(o.percent) || o.percent < -100)
        bad(where, "scale needs a percent, a number of at least −100");
      if (o.measure !== undefined && !isText(o.measure)) bad(where, "measure must be a measure name");
      return {
        type: "scale",
        area: o.area,
        percent: o.percent,
        ...(o.measure !== undefined ? { measure: o.measure as string } : {}),
      };
    }
    case "exclude":
      if (!isText(o.area)) bad(where, "exclude needs an area");
      return { type: "exclude", area: o.area };
    case "standard":
      if (o.reference !== null && !isText(o.reference))
        bad(where, "standard needs a reference table name, or null");
      return { type: "standard", reference: o.reference as string | null };
    case "multiplier":
      if (typeof o.value !== "number" || !(Number.isFinite(o.value) && o.value > 0))
        bad(where, "multiplier needs a positive value");
      return { type: "multiplier", value: o.value };
    case "strata":
      if (!Array.isArray(o.factors) || o.factors.length === 0 || !o.factors.every(isText))
        bad(where, "strata needs a non-empty list of factor names");
      return { type: "strata", factors: (o.factors as string[]).map((f) => f.trim()) };
    default:
      return bad(where, `unknown type ${JSON.stringify(o.type)}`);
  }
}

/** A Scenario from parsed JSON; InputError when it is not one. */
export function parseScenario(raw: unknown): Scenario {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new InputError(`A scenario is an object: {"name": "...", "adjustments": [...]}.`);
  const o = raw as Record<string, unknown>;
  if (!isText(o.name))
    throw new InputError(`A scenario needs a name: {"name": "...", "adjustments": [...]}.`);
  if (!Array.isArray(o.adjustments))
    throw new InputError(`Scenario "${o.name}" needs a list of adjustments.`);
  return { name: o.name.trim(), adjustments: o.adjustments.map(adjustment) };
}

/** parseScenario from JSON text, with the JSON error as the message when it is not JSON. */
export function readScenario(text: string, file = "scenario"): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(raw);
}
