// The preview's sheet view: what the pane wrote, as Excel would show it. Sheet tabs list every
// sheet of the workbook; output sheets are drawn from the Plan they were written from (the HTML
// adapter), the others (the inputs) as plain values read through the port. In a wide window it
// sits beside the pane; in a narrow one (a 320–350 px task pane) over the lower half of it.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { columnLetter } from "../../engine/errors";
import type { PlanValue } from "../../report/plan";
import { type SheetGrid, sheetGrid, valuesGrid } from "../../workbook/html/grid";
import { rectToA1 } from "../../workbook/address";
import { Grid } from "./Grid";
import type { SheetViewStore } from "./store";

/** Input sheets can be long: the view shows their first rows. */
const MAX_INPUT_ROWS = 2000;

function useSheetGrid(store: SheetViewStore, sheet: string | undefined, version: number) {
  const plan = sheet ? store.planOf(sheet) : undefined;
  const [read, setRead] = useState<{ sheet: string; version: number; grid: SheetGrid; more: number }>();
  useEffect(() => {
    const source = store.source();
    if (!sheet || plan || !source) return;
    let stale = false;
    source
      .readGrid(sheet)
      .then((r) => {
        if (stale) return;
        const rows = r.grid
          .slice(0, MAX_INPUT_ROWS)
          .map((row) => row.map((v): PlanValue => (v !== null && typeof v === "object" ? v.error : v)));
        const formats = (r.formats ?? []).map((f) => f.map((x) => x ?? null));
        setRead({
          sheet,
          version,
          grid: valuesGrid(sheet, rows, formats),
          more: r.grid.length - rows.length,
        });
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [store, sheet, plan, version]);
  const grid = useMemo(() => (plan ? sheetGrid(plan) : undefined), [plan]);
  if (grid) return { grid, more: 0 };
  return read && read.sheet === sheet ? { grid: read.grid, more: read.more } : undefined;
}

export function SheetView({ store }: { store: SheetViewStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [names, setNames] = useState<string[]>([]);
  const wide = useWide();
  useEffect(() => {
    if (!state.open) return;
    void store
      .source()
      ?.sheetNames()
      .then(setNames)
      .catch(() => undefined);
  }, [store, state.open, state.version]);

  const sheet = state.sheet ?? names[0];
  // Open time: from the sheet being asked for to the grid painted (performance "stdrates:view-open").
  const started = useRef<{ sheet?: string; at: number }>({ at: 0 });
  if (started.current.sheet !== sheet) started.current = { sheet, at: performance.now() };
  const shown = useSheetGrid(store, state.open ? sheet : undefined, state.version);
  const pictures = useMemo(() => (sheet ? store.picturesOf(sheet) : []), [store, sheet, state.version]);
  if (!state.open) return null;

  const pick = (row: number, col: number, extend: boolean) => {
    if (!sheet) return;
    const from = extend && state.target ? state.target : undefined;
    const rect = from
      ? {
          row: Math.min(from.row, row),
          col: Math.min(from.col, col),
          rows: Math.abs(row - from.row) + 1,
          cols: Math.abs(col - from.col) + 1,
        }
      : { row, col, rows: 1, cols: 1 };
    void store
      .source()
      ?.select(sheet, rectToA1(rect))
      .catch(() => undefined);
  };
  const t = state.target;
  const cellText = t && shown ? (shown.grid.cells[t.row]?.[t.col]?.text ?? "") : "";
  const painted = () => {
    if (started.current.sheet !== sheet || started.current.at === 0) return;
    performance.measure("stdrates:view-open", { start: started.current.at, detail: sheet });
    started.current.at = 0;
  };

  return (
    <section
      role="region"
      aria-label="Sheet view"
      onKeyDown={(e) => {
        if (e.key === "Escape") store.close();
      }}
      style={{
        position: "fixed",
        zIndex: 1000,
        boxSizing: "border-box",
        display: "flex",
        flexDirection: "column",
        background: "#FFFFFF",
        fontFamily: "'Segoe UI', Arial, sans-serif",
        fontSize: 12,
        ...(wide
          ? { top: 0, bottom: 0, left: 740, right: 0, borderLeft: "1px solid #C8C8C8" }
          : {
              left: 0,
              right: 0,
              bottom: 0,
              height: "50vh",
              borderTop: "2px solid #C8C8C8",
              boxShadow: "0 -2px 8px rgba(0,0,0,0.15)",
            }),
      }}
    >
      <div
        style={{
          display: "flex",
          flex: "none",
          alignItems: "center",
          gap: 6,
          padding: "4px 6px",
          minWidth: 0,
        }}
      >
        <div
          role="tablist"
          aria-label="Sheets"
          style={{ display: "flex", gap: 2, overflowX: "auto", flex: "1 1 auto", minWidth: 0 }}
        >
          {names.map((n) => (
            <button
              key={n}
              role="tab"
              type="button"
              aria-selected={n === sheet}
              onClick={() => store.show(n)}
              style={{
                flex: "none",
                border: "1px solid #C8C8C8",
                borderBottom: n === sheet ? "2px solid #107C41" : "1px solid #C8C8C8",
                background: n === sheet ? "#FFFFFF" : "#F3F3F3",
                fontWeight: n === sheet ? 600 : 400,
                padding: "2px 8px",
                fontSize: 12,
                cursor: "pointer",
              }}
            >
              {n}
            </button>
          ))}
        </div>
        <button
          type="button"
          aria-label="Close the sheet view"
          onClick={() => store.close()}
          style={{ flex: "none" }}
        >
          ✕
        </button>
      </div>
      <div
        aria-live="polite"
        style={{
          flex: "none",
          padding: "0 6px 4px",
          color: "#444",
          overflow: "hidden",
          textOverflow: "ellipsis",
          whiteSpace: "nowrap",
        }}
      >
        {sheet}
        {t ? `!${columnLetter(t.col + 1)}${t.row + 1}` : ""}
        {cellText ? `: ${cellText}` : ""}
        {shown?.more ? ` (first ${MAX_INPUT_ROWS.toLocaleString("en-GB")} rows shown)` : ""}
      </div>
      {shown ? (
        <Grid
          key={sheet}
          grid={shown.grid}
          target={t}
          seq={state.seq}
          pictures={pictures}
          onPick={pick}
          onPainted={painted}
        />
      ) : (
        <p style={{ padding: 6 }}>Loading {sheet}…</p>
      )}
    </section>
  );
}

/** Side by side when the window has room for the pane (720 px) and a useful grid. */
function useWide(): boolean {
  const query = "(min-width: 1100px)";
  const [wide, setWide] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const m = window.matchMedia?.(query);
    if (!m) return;
    const on = () => setWide(m.matches);
    m.addEventListener("change", on);
    return () => m.removeEventListener("change", on);
  }, []);
  return wide;
}
