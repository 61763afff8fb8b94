// Resolves each table's columns (guessed headers + user overrides) and the stratum factors (SPEC §1).
import { columnLetter, describeLocation, InputError } from "./errors";
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
  refuseTwoCandidates(role, table, headers, override);
  const col: Record<string, number> = {};
  for (const [key, h] of Object.entries(mapping)) col[key] = headers.indexOf(h);
  return { role, table, mapping, col, layout };
}

/** Roles where two candidate columns change the figures (names and regions do not). */
const KEY_ROLES = ["area", "sex", "age", "imd", "population", "count", "measure"];

/**
 * Two columns that could each play a key role (a hidden second Population column; Age and Age
 * band): refused with both named unless the user chose one (SPEC §1b "Several candidates").
 */
function refuseTwoCandidates(
  role: TableRole,
  table: Table,
  headers: string[],
  override: ColumnMapping | undefined,
): void {
  const byRole = new Map<string, number[]>();
  headers.forEach((h, j) => {
    if (h.trim() === "") return;
    const r = roleOfHeader(h);
    if (!r || !KEY_ROLES.includes(r) || !rolesOf(role).includes(r)) return;
    byRole.set(r, [...(byRole.get(r) ?? []), j]);
  });
  for (const [r, cols] of byRole) {
    if (cols.length < 2 || (override?.[r] ?? "") !== "") continue;
    const names = cols.map((j) => `"${headers[j]}" (column ${columnLetterOf(table, j)})`).join(" and ");
    const flag =
      role === "reference" ? "" : ` (--map-${role} ${r}="${headers[cols[0]]}" on the command line)`;
    throw new InputError(
      `${capital(tableLabel(role, table))}: ${names} could both be the ${ROLE_NAMES[r] ?? r} column. Choose one in the column mapping${flag}, or remove the other.`,
      {
        table: role,
        source: table.source,
        row: table.source.headerRow,
        column: table.source.firstColumn + cols[1],
      },
    );
  }
}

const ROLE_NAMES: Record<string, string> = { age: "age band", imd: "IMD", area: "area code" };

function rolesOf(role: TableRole): string[] {
  return role === "population"
    ? ["area", "sex", "age", "imd", "population"]
    : role === "activity"
      ? ["area", "sex", "age", "imd", "measure", "count"]
      : ["sex", "age", "imd", "measure", "count", "population"];
}

function columnLetterOf(table: Table, j: number): string {
  return columnLetter(table.source.firstColumn + j);
}

/** Which factors make the strata: the user's list, or whichever of sex, age, imd both tables have. */
export function resolveFactors(
  pop: ResolvedTable,
  act: ResolvedTable,
  ref: ResolvedTable | undefined,
  strata?: string[],
): FactorSpec[] {
  if (!strata) {
    const tables = ref ? [pop, act, ref] : [pop, act];
    for (const f of BUILTIN) refuseOneSided(f, tables);
    return BUILTIN.filter((f) => tables.every((rt) => rt.col[f] !== undefined)).map((f) => ({
      name: f,
      kind: f,
    }));
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

const FACTOR_WORDS: Record<string, string> = { sex: "sex", age: "age band", imd: "IMD" };

/**
 * A stratum column found in some tables but not all (SPEC §1b): standardising without it must be
 * a choice (--strata), never a misspelt header. The message offers the nearest header.
 */
function refuseOneSided(f: "sex" | "age" | "imd", tables: ResolvedTable[]): void {
  const having = tables.filter((rt) => rt.col[f] !== undefined);
  const lacking = tables.filter((rt) => rt.col[f] === undefined);
  if (!having.length || !lacking.length) return;
  const rt = lacking[0];
  const headers = rt.table.headers.map((h) => String(h ?? "")).filter((h) => h.trim() !== "");
  const mapped = new Set(Object.values(rt.mapping));
  const target = normaliseHeader(having[0].mapping[f]);
  let best = "";
  let bestD = Infinity;
  for (const h of headers) {
    if (mapped.has(h)) continue;
    const d = editDistance(normaliseHeader(h), target);
    if (d < bestD) [best, bestD] = [h, d];
  }
  const near = best && bestD <= Math.max(2, Math.floor(target.length / 3)) ? ` Did you mean "${best}"?` : "";
  const flag = rt.role === "reference" ? "" : ` (--map-${rt.role} ${f}="${best || "HEADER"}")`;
  throw new InputError(
    `${capital(tableLabel(rt.role, rt.table))}: no ${FACTOR_WORDS[f]} column, but the ${having[0].role} table has one ("${having[0].mapping[f]}"). Headers found (row ${rt.table.source.headerRow}): ${headers.join(", ") || "none"}.${near} Map the column in the column mapping${flag}, or name the strata (--strata) to standardise without ${FACTOR_WORDS[f]} on purpose.`,
    { table: rt.role, source: rt.table.source, row: rt.table.source.headerRow },
  );
}

/** Levenshtein distance (headers are short: quadratic is fine). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function builtinOf(name: string): "sex" | "age" | "imd" | undefined {
  const key = normaliseHeader(name);
  if (key === "sex" || key === "age" || key === "imd") return key;
  const role = roleOfHeader(name);
  return role === "sex" || role === "age" || role === "imd" ? role : undefined;
}
