// SPEC §1b for stratum columns, between reading the codes and building the cubes: age bands that
// are subtotals of their own table, bands that overlap another table's (nested: added; crossing:
// an error), Excel's dates and deciles read as meant (warned), and date serials refused.
import { parseAgeBand } from "./codes";
import { describeLocation, InputError } from "./errors";
import {
  CODE_TOTAL,
  crossClash,
  overlapGroups,
  tableBands,
  type FactorColumnRead,
  type LevelRegistry,
} from "./levels";
import type { FactorSpec, ResolvedTable } from "./mapping";
import { cellLocation } from "./readers";
import { ageBandOf, ageLabel } from "./codes";
import type { Warnings } from "./warnings";

const cellLoc = cellLocation;

function where(rt: ResolvedTable, i: number, j: number): string {
  return describeLocation(cellLoc(rt, i, j), String(rt.table.headers[j]));
}

/** A bare number in an age column that can only be a date serial: Excel lost the band. */
export function serialError(rt: ResolvedTable, i: number, j: number): InputError {
  const v = rt.table.columns[j][i];
  return new InputError(
    `${where(rt, i, j)}: the number ${String(v)} is not an age (${rt.role} table); it looks like the serial number of a date Excel made of an age band such as 5-9, with its date format removed. Format the column as Text and type the bands again (5-9, 10-14), or give ages in whole years.`,
    cellLoc(rt, i, j),
  );
}

/** Warnings for cells read as meant: dates Excel made of age bands, IMD deciles. */
export function readAsMeant(
  rt: ResolvedTable,
  f: FactorSpec,
  j: number,
  read: FactorColumnRead,
  warnings: Warnings,
): void {
  if (read.dateRows > 0) {
    const v = rt.table.columns[j][read.firstDate];
    const r = parseAgeBand(v);
    const band = r.ok ? r.value : "?";
    const n = read.dateRows;
    warnings.add({
      kind: "read-as-meant",
      table: rt.role,
      message: `${n} age band${n === 1 ? " was a date" : "s were dates"} Excel made of bands in the ${rt.role} table (for example ${where(rt, read.firstDate, j)}: ${String(v)}, read as ${band}); read as those bands.`,
      count: n,
      rows: [cellLoc(rt, read.firstDate, j).row],
    });
  }
  if (read.deciles && f.kind === "imd") {
    warnings.add({
      kind: "read-as-meant",
      table: rt.role,
      message: `The ${rt.role} table's ${rt.mapping.imd} column holds IMD deciles 1–10 (${rt.table.rowCount} rows, for example ${where(rt, 0, j)}: ${String(rt.table.columns[j][0])}); read as quintiles: deciles 1–2 → 1, 3–4 → 2, …, 9–10 → 5.`,
      count: rt.table.rowCount,
      rows: [cellLoc(rt, 0, j).row],
    });
  }
}

/** The level ids a column of codes uses (a byte per level: no Set work per row). */
function idsIn(codes: Int32Array, levels: number): Set<number> {
  const seen = new Uint8Array(levels);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) seen[codes[i]] = 1;
  const out = new Set<number>();
  seen.forEach((x, id) => x && out.add(id));
  return out;
}

function marks(ids: Set<number>, levels: number): Uint8Array {
  const out = new Uint8Array(levels);
  for (const id of ids) out[id] = 1;
  return out;
}

/** First row of `codes` holding `id`. */
function rowOf(codes: Int32Array, id: number): number {
  for (let i = 0; i < codes.length; i++) if (codes[i] === id) return i;
  return 0;
}

/**
 * Age bands of all tables, settled (SPEC §1b): a band that holds other bands of its own table is a
 * subtotal (its rows become totals rows); bands crossing each other are an error; bands of one table
 * that nest inside another table's band are added up to it (warned). Returns the ids still in use.
 */
export function settleAgeBands(
  tables: ResolvedTable[],
  rowCodes: Map<ResolvedTable, Int32Array[]>,
  k: number,
  reg: LevelRegistry,
  warnings: Warnings,
): Set<number> {
  const labels = reg.labels;
  const kept = new Map<ResolvedTable, Set<number>>();
  for (const rt of tables) {
    const codes = rowCodes.get(rt)![k];
    const ids = idsIn(codes, labels.length);
    const tb = tableBands(labels, ids);
    if (tb.clash) {
      const [x, y] = tb.clash;
      const j = rt.col[reg.factor.name];
      throw new InputError(
        `${where(rt, rowOf(codes, y), j)}: the age bands ${shown(labels[x])} and ${shown(labels[y])} of the ${rt.role} table overlap, and neither holds the other, so rows cannot be put in one band each. Use bands that do not overlap (0-4, 5-9, …).`,
        cellLoc(rt, rowOf(codes, y), j),
      );
    }
    if (tb.subtotals.size) {
      const sub = marks(tb.subtotals, labels.length);
      for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && sub[codes[i]]) codes[i] = CODE_TOTAL;
    }
    kept.set(rt, new Set([...ids].filter((id) => !tb.subtotals.has(id))));
  }
  for (let a = 0; a < tables.length; a++) {
    for (let b = a + 1; b < tables.length; b++) {
      const clash = crossClash(labels, kept.get(tables[a])!, kept.get(tables[b])!);
      if (!clash) continue;
      const rt = tables[b];
      const codes = rowCodes.get(rt)![k];
      const j = rt.col[reg.factor.name];
      throw new InputError(
        `${where(rt, rowOf(codes, clash[1]), j)}: the age band ${shown(labels[clash[1]])} of the ${rt.role} table crosses the band ${shown(labels[clash[0]])} of the ${tables[a].role} table: neither holds the other, so they cannot be matched. Use the same bands in both tables, or bands that add up to the other table's.`,
        cellLoc(rt, rowOf(codes, clash[1]), j),
      );
    }
  }
  const used = new Set<number>();
  for (const ids of kept.values()) for (const id of ids) used.add(id);
  const groups = overlapGroups([...used].map((id) => ageBandOf(labels[id])!));
  for (const rt of tables) {
    const merged = [...kept.get(rt)!]
      .filter((id) => !/y$/.test(labels[id]))
      .map((id) => ({ id, b: ageBandOf(labels[id])! }))
      .filter(({ b }) => !groups.some((g) => g.lo === b.lo && g.hi === b.hi));
    if (!merged.length) continue;
    const into = [
      ...new Set(merged.map(({ b }) => ageLabel(groups.find((g) => g.lo <= b.lo && b.hi <= g.hi)!))),
    ];
    const codes = rowCodes.get(rt)![k];
    const ids = marks(new Set(merged.map((m) => m.id)), labels.length);
    let rows = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && ids[codes[i]]) rows++;
    warnings.add({
      kind: "read-as-meant",
      table: rt.role,
      message: `Age bands ${merged.map((m) => shown(labels[m.id])).join(", ")} of the ${rt.role} table (${rows} rows) were added together into ${into.join(", ")}, the band${into.length === 1 ? "" : "s"} the tables share.`,
      count: rows,
      rows: [cellLoc(rt, rowOf(codes, merged[0].id), rt.col[reg.factor.name]).row],
    });
  }
  return used;
}

function shown(label: string): string {
  return /y$/.test(label) ? `age ${label.slice(0, -1)}` : label;
}

/** Identity level maps over the provisional labels: strata as written, before bands are merged. */
export function fineStrata(regs: LevelRegistry[]): {
  finals: { remap: Int32Array }[];
  strides: number[];
  S: number;
} {
  const strides = new Array<number>(regs.length);
  let S = 1;
  for (let k = regs.length - 1; k >= 0; k--) {
    strides[k] = S;
    S *= Math.max(1, regs[k].labels.length);
  }
  const finals = regs.map((r) => ({ remap: Int32Array.from(r.labels.keys()) }));
  return { finals, strides, S };
}

/** "Female, 85-89, 1": a stratum's levels, for messages. */
export function stratumLabel(levels: string[][], strides: number[], s: number): string {
  return levels.map((l, k) => l[Math.floor(s / strides[k]) % Math.max(1, l.length)]).join(", ");
}

/** Final stratum index of each stratum as written (a few hundred entries: strata, not rows). */
export function fineToFinal(
  fine: { strides: number[]; S: number },
  finals: { remap: Int32Array }[],
  strides: number[],
  counts: number[],
): Int32Array {
  const out = new Int32Array(fine.S);
  for (let f = 0; f < fine.S; f++) {
    let s = 0;
    for (let k = 0; k < finals.length; k++)
      s += finals[k].remap[Math.floor(f / fine.strides[k]) % Math.max(1, counts[k])] * strides[k];
    out[f] = s;
  }
  return out;
}
