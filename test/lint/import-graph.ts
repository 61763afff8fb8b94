// The import graph of src/, read from the source text (relative imports only, type imports included:
// a type import is still a dependency of the design). Small enough to need no library.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/g;
const DYNAMIC = /import\(\s*["'](\.[^"']+)["']\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(n) && !n.endsWith(".d.ts") ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

/** file (relative to root) → files it imports (relative to root). */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(join(root, "src"))) {
    const text = readFileSync(file, "utf8");
    const specs = [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC)].map((m) => m[1]!);
    const targets = specs.map((s) => resolveImport(file, s)).filter((t): t is string => t !== undefined);
    graph.set(relative(root, file), [...new Set(targets.map((t) => relative(root, t)))]);
  }
  return graph;
}

/** The layer a file belongs to: its folder under src/, with workbook/'s adapters as layers of their own. */
export function layerOf(file: string): string {
  const parts = file.split(/[\\/]/).slice(1); // drop "src"
  if (parts[0] === "workbook" && parts.length > 2) return `workbook/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : "(top)";
}

/** Every cycle found by a depth-first walk (each reported once, from its first node met). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, "open");
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === "open") found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

/** The graph of layers: an edge wherever a file of one layer imports a file of another. */
export function layerGraph(files: Map<string, string[]>): Map<string, string[]> {
  const g = new Map<string, Set<string>>();
  for (const [f, ts] of files) {
    const from = layerOf(f);
    const set = g.get(from) ?? new Set<string>();
    for (const t of ts) if (layerOf(t) !== from) set.add(layerOf(t));
    g.set(from, set);
  }
  return new Map([...g].map(([k, v]) => [k, [...v]]));
}
