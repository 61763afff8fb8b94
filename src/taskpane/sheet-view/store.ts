// The preview's sheet view state, outside React: the preview's port tells it what was written
// (Plan sheets by the names they got), what a pane link selected and where pictures went; the
// view component subscribes. A user's click on a cell goes back through the port (select), so
// "Use selection" and "Insert picture" see the view's selected cell.
import type { Plan, Rect, SheetPlan } from "../../report/plan";
import type { PictureInput, SheetGridRead } from "../../workbook/port";
import type { PortObserver } from "../../workbook/xlsx/port";
import { a1ToRect } from "../../workbook/address";

export interface PlacedPicture extends PictureInput {
  row: number;
  col: number;
}

export interface ViewState {
  open: boolean;
  /** The sheet shown. */
  sheet?: string;
  /** The selected cell or range, highlighted and scrolled to. */
  target?: Rect;
  /** Bumped on every select, so selecting the same cell again scrolls to it again. */
  seq: number;
  /** Bumped when sheets or their content change. */
  version: number;
}

/** Where the view reads sheets that are not Plan sheets (the workbook's inputs). */
export interface ViewSource {
  sheetNames(): Promise<string[]>;
  readGrid(sheet: string): Promise<SheetGridRead>;
  /** A cell the user picked in the view: the port's select(), which comes back as selected(). */
  select(sheet: string, address: string): Promise<void>;
}

export interface SheetViewStore extends PortObserver {
  getState(): ViewState;
  subscribe(fn: () => void): () => void;
  /** The Plan sheet written under this name, if the last runs wrote one. */
  planOf(sheet: string): SheetPlan | undefined;
  picturesOf(sheet: string): PlacedPicture[];
  /** Every Plan sheet written so far, by the name it was written as. */
  written(): [string, SheetPlan][];
  source(): ViewSource | undefined;
  /** A new workbook (the preview opened a file): forget the old one's sheets. */
  attach(source: ViewSource): void;
  show(sheet?: string): void;
  close(): void;
}

export function createSheetViewStore(): SheetViewStore {
  let state: ViewState = { open: false, seq: 0, version: 0 };
  let src: ViewSource | undefined;
  const plans = new Map<string, SheetPlan>();
  const pictures = new Map<string, PlacedPicture[]>();
  const listeners = new Set<() => void>();
  /**
   * After writing, the pane activates a sheet it just wrote (a select without an address, at
   * once): that makes it the view's sheet without opening the view over the pane; links do open it.
   */
  let activation: { sheets: Set<string>; until: number } | undefined;
  const set = (next: Partial<ViewState>) => {
    state = { ...state, ...next };
    for (const fn of listeners) fn();
  };

  return {
    getState: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    planOf: (sheet) => plans.get(sheet),
    picturesOf: (sheet) => pictures.get(sheet) ?? [],
    written: () => [...plans.entries()],
    source: () => src,
    attach(source) {
      src = source;
      plans.clear();
      pictures.clear();
      set({ open: false, sheet: undefined, target: undefined, version: state.version + 1 });
    },
    applied(plan: Plan, sheetNames: Record<string, string>) {
      activation = { sheets: new Set(Object.values(sheetNames)), until: Date.now() + 1500 };
      for (const s of plan.sheets) {
        const name = sheetNames[s.key];
        if (!name) continue;
        plans.set(name, s);
        pictures.delete(name); // a rewritten sheet starts without the pictures placed on the old one
      }
      set({ version: state.version + 1 });
    },
    selected(sheet, address) {
      const auto = !address && !!activation?.sheets.has(sheet) && Date.now() < activation.until;
      activation = undefined;
      if (auto && !state.open) return set({ sheet, target: undefined });
      let target: Rect | undefined;
      try {
        target = address ? a1ToRect(address) : undefined;
      } catch {
        target = undefined;
      }
      set({ open: true, sheet, target, seq: state.seq + 1 });
    },
    // An open view shows the picture where it went; a closed one shows it when opened on its sheet.
    picture(p) {
      const { sheet, ...rest } = p;
      pictures.set(sheet, [...(pictures.get(sheet) ?? []), rest]);
      const at = { sheet, target: { row: p.row, col: p.col, rows: 1, cols: 1 }, seq: state.seq + 1 };
      set({ ...(state.open ? at : {}), version: state.version + 1 });
    },
    show(sheet) {
      set({
        open: true,
        sheet: sheet ?? state.sheet,
        target: sheet && sheet !== state.sheet ? undefined : state.target,
      });
    },
    close: () => set({ open: false }),
  };
}
