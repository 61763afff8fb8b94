// A test double of the WorkbookPort for pane logic: sheets as plain grids in memory, headers on
// row 1. The port is not what these tests examine (the adapters have their own tests); it
// records what the pane asked of it so the tests can check the pane's side of the contract.
import type { CellValue, Table } from "../../src/engine/types";
import type { Plan } from "../../src/report/plan";
import type { ApplyReport, SheetData, TableCandidate, TableRef, WorkbookPort } from "../../src/workbook/port";

export interface MemoryPort extends WorkbookPort {
  sheets: Map<string, CellValue[][]>;
  settings: Map<string, unknown>;
  selections: { sheet: string; address?: string }[];
  plans: Plan[];
  /** What selectionRef returns. */
  selection?: TableRef;
}

const colLetter = (n: number) => {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export function createMemoryPort(initial: Record<string, CellValue[][]> = {}): MemoryPort {
  const sheets = new Map<string, CellValue[][]>(Object.entries(initial));
  const port: MemoryPort = {
    sheets,
    settings: new Map(),
    selections: [],
    plans: [],
    async listTables(): Promise<TableCandidate[]> {
      return [...sheets.entries()]
        .filter(([, g]) => g.length > 0 && g[0].every((h) => typeof h === "string"))
        .map(([name, g]) => ({
          ref: { kind: "sheet", name, sheet: name, address: `A1:${colLetter(g[0].length)}${g.length}` },
          headers: g[0] as string[],
          rows: g.length - 1,
        }));
    },
    async selectionRef() {
      if (!port.selection) throw new Error("Nothing selected");
      return port.selection;
    },
    async readTable(ref: TableRef, onProgress): Promise<Table> {
      const g = sheets.get(ref.sheet);
      if (!g) throw new Error(`No sheet ${ref.sheet}`);
      const headers = g[0].map(String);
      const rows = g.slice(1);
      onProgress?.({ phase: "read", fraction: 1 });
      return {
        source: {
          sheet: ref.sheet,
          name: ref.kind === "table" ? ref.name : undefined,
          headerRow: 1,
          firstColumn: 1,
        },
        headers,
        columns: headers.map((_, j) => rows.map((r) => r[j] ?? null)),
        rowCount: rows.length,
      };
    },
    async applyPlan(plan: Plan): Promise<ApplyReport> {
      port.plans.push(plan);
      const sheetNames: Record<string, string> = {};
      for (const s of plan.sheets) {
        sheetNames[s.key] = s.name;
        sheets.set(s.name, []); // output sheets have no header row, so they never list as inputs
      }
      return { sheetNames, syncs: 0 };
    },
    async select(sheet, address) {
      port.selections.push({ sheet, address });
    },
    async insertSheets(data: SheetData[]) {
      const names: string[] = [];
      for (const d of data) {
        let name = d.name;
        for (let i = 2; sheets.has(name); i++) name = `${d.name} (${i})`;
        sheets.set(name, d.rows as CellValue[][]);
        names.push(name);
      }
      return names;
    },
    async loadSettings<T>(key: string) {
      const v = port.settings.get(key);
      return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
    },
    async saveSettings<T>(key: string, value: T) {
      port.settings.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
  return port;
}
