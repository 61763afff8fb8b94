// Resolves each table's columns (guessed headers + user overrides) and the stratum factors (SPEC §1).
import { describeLocation, InputError } from "./errors";
import { findHeader, guessMapping, normaliseHeader, roleOfHeader } from "./headers";
import type { ColumnMapping, Table } from "./types";

export type TableRole = "population" | "activity" | "reference";

export interface ResolvedTable {
  role: TableRole;
  table: Table;
  /** role or factor name → header text as it appears. */
  mapping: Record<string, string>;
  /** role or factor name → column index. */
  col: Record<string, number>;
  layout?: "long" | "wide";
}

/** A stratum factor: a built-in coded one (sex, age, imd) or a generic shared column. */
export interface FactorSpec {
  name: string;
  kind: "sex" | "age" | "imd" | "generic";
}

const BUILTIN = ["sex", "age", "imd"] as const;

const ROLE_WORDS: Record<string, string> = {
  area: "area, area code, ICB, ICB code, org code, organisation code, code",
  sex: "sex, gender",
  age: "age band, ageband, age group, age",
  imd: "imd, imd quintile, deprivation, deprivation quintile",
  population: "population, pop, denominator, persons",
  count: "count, activity, tests, events, numerator, observed",
  measure: "measure, modality, test, indicator",
};

export function tableLabel(role: TableRole, t: Table): string {
  const where = describeLocation({ source: t.source });
  return where ? `${role} table (${where})` : `${role} table`;
}

export function missingColumn(rt: { role: TableRole; table: Table }, what: string): InputError {
  const found = rt.table.headers.filter((h) => String(h ?? "").trim() !== "").join(", ") || "none";
  const names = ROLE_WORDS[what]
    ? ` Name it one of: ${ROLE_WORDS[what]}, or choose it in the column mapping.`
    : "";
  return new InputError(
    `${capital(tableLabel(rt.role, rt.table))}: no ${what} column. Headers found (row ${rt.table.source.headerRow}): ${found}.${names}`,
    { table: rt.role, source: rt.table.source, row: rt.table.source.headerRow },
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Guessed mapping with the user's overrides applied (an override naming a header that is not there is an error). */
export function resolveTable(
  role: TableRole,
  table: Table,
  override: ColumnMapping | undefined,
): ResolvedTable {
  const headers = table.headers.map((h) => String(h ?? ""));
  const guess = guessMapping(headers, role);
  const mapping: Record<string, string> = { ...guess.mapping };
  let layout = guess.layout;
  for (const [key, wanted] of Object.entries(override ?? {})) {
    if (wanted === undefined || wanted === "") continue;
    const j = findHeader(headers, wanted);
    if (j < 0) {
      throw new InputError(
        `${capital(tableLabel(role, table))}: the column "${wanted}" chosen for ${key} is not there. Headers found: ${headers.filter((h) => h.trim()).join(", ")}.`,
        { table: role, source: table.source, row: table.source.headerRow },
      );
    }
    // A header chosen for one role no longer plays another.
    for (const [k, h] of Object.entries(mapping)) if (h === headers[j] && k !== key) delete mapping[k];
    mapping[key] = headers[j];
    if (role === "activity" && (key === "count" || key === "measure")) layout = "long";
  }
  const col: Record<string, number> = {};
  for (const [key, h] of Object.entries(mapping)) col[key] = headers.indexOf(h);
  return { role, table, mapping, col, layout };
}

/** Which factors make the strata: the user's list, or whichever of sex, age, imd both tables have. */
export function resolveFactors(
  pop: ResolvedTable,
  act: ResolvedTable,
  ref: ResolvedTable | undefined,
  strata?: string[],
): FactorSpec[] {
  if (!strata) {
    return BUILTIN.filter(
      (f) => pop.col[f] !== undefined && act.col[f] !== undefined && (!ref || ref.col[f] !== undefined),
    ).map((f) => ({ name: f, kind: f }));
  }
  const out: FactorSpec[] = [];
  for (const raw of strata) {
    const name = raw.trim();
    if (!name) continue;
    const builtin = builtinOf(name);
    const spec: FactorSpec = builtin ? { name: builtin, kind: builtin } : { name, kind: "generic" };
    if (out.some((f) => f.name === spec.name)) continue;
    for (const rt of ref ? [pop, act, ref] : [pop, act]) {
      if (spec.kind === "generic") {
        const j = findHeader(
          rt.table.headers.map((h) => String(h ?? "")),
          name,
        );
        if (j < 0) throw missingColumn(rt, `"${name}"`);
        rt.col[name] = j;
        rt.mapping[name] = String(rt.table.headers[j]);
      } else if (rt.col[spec.name] === undefined) {
        throw missingColumn(rt, spec.name);
      }
    }
    out.push(spec);
  }
  return out;
}

function builtinOf(name: string): "sex" | "age" | "imd" | undefined {
  const key = normaliseHeader(name);
  if (key === "sex" || key === "age" || key === "imd") return key;
  const role = roleOfHeader(name);
  return role === "sex" || role === "age" || role === "imd" ? role : undefined;
}
