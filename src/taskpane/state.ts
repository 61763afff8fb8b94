// The pane's state as one reducer: every change is a typed action, the reducer a pure function (tested
// table by table in test/taskpane/state.test.ts). Components are views that dispatch; the work
// (reading, running, writing) is in src/app/, called by App's handlers, which dispatch what it gives.
import type { ColumnMapping } from "../engine/types";
import type { RunOutcome, OverallProgress } from "../app/run";
import type { TableCandidate } from "../workbook/port";
import { candidateKey, missingRoles } from "./classify";
import type { Guess, Kind } from "./lazy";
import type { PaneMessage } from "./components/Notice";
import { DEFAULT_OPTIONS, type PaneOptions } from "./settings";

export type Tables = Partial<Record<Kind, TableCandidate>>;

export interface FlowState {
  /** Every table the workbook offers (and ranges the user chose by selection). */
  candidates: TableCandidate[];
  /** The chosen table per kind, what the engine guessed of its headers, and the mapping in force. */
  tables: Tables;
  guesses: Partial<Record<Kind, Guess>>;
  mapping: Partial<Record<Kind, ColumnMapping>>;
  options: PaneOptions;
  /** Measures the picker offers: listed from the activity table, then those of each run. */
  knownMeasures: string[];
  /** Something is in progress: controls that would start more work are disabled. */
  busy: boolean;
  progress: OverallProgress | null;
  message: PaneMessage | null;
  outcome: RunOutcome | null;
  showPictures: boolean;
  /** Bumped after each successful Run: the view moves focus to the results (not to the page top). */
  focusResults: number;
}

export const INITIAL_STATE: FlowState = {
  candidates: [],
  tables: {},
  guesses: {},
  mapping: {},
  options: DEFAULT_OPTIONS,
  knownMeasures: [],
  busy: true,
  progress: null,
  message: null,
  outcome: null,
  showPictures: false,
  focusResults: 0,
};

export type FlowAction =
  /** The workbook's tables were (re)listed and a choice made (saved, guessed or none). */
  | {
      type: "found";
      candidates: TableCandidate[];
      tables: Tables;
      guesses: Partial<Record<Kind, Guess>>;
      mapping: Partial<Record<Kind, ColumnMapping>>;
      options: PaneOptions;
    }
  /** A table chosen for a kind (with the engine's guess of its headers), or the choice cleared. */
  | { type: "chosen"; kind: Kind; table?: TableCandidate; guess?: Guess }
  /** A table read from the selection: a candidate of its own. */
  | { type: "candidateAdded"; table: TableCandidate }
  | { type: "mapped"; kind: Kind; role: string; header: string }
  | { type: "optionsChanged"; options: PaneOptions }
  | { type: "measuresListed"; measures: string[] }
  | { type: "workStarted" }
  | { type: "workEnded" }
  | { type: "failed"; message: PaneMessage }
  | { type: "message"; message: PaneMessage | null }
  | { type: "runStarted" }
  | { type: "progress"; progress: OverallProgress }
  | { type: "ran"; outcome: RunOutcome }
  | { type: "sampleInserted"; message: PaneMessage }
  | { type: "picturesToggled" };

const union = (a: string[], b: string[]) => Array.from(new Set([...a, ...b]));

function without<T>(record: Partial<Record<Kind, T>>, kind: Kind): Partial<Record<Kind, T>> {
  const next = { ...record };
  delete next[kind];
  return next;
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case "found":
      return {
        ...state,
        candidates: action.candidates,
        tables: action.tables,
        guesses: action.guesses,
        mapping: action.mapping,
        options: action.options,
        // The saved measures are offered again (the run that found them is not in this session).
        knownMeasures: union(state.knownMeasures, action.options.measures),
      };
    case "chosen": {
      const { kind, table, guess } = action;
      if (!table || !guess)
        return {
          ...state,
          tables: without(state.tables, kind),
          guesses: without(state.guesses, kind),
          mapping: without(state.mapping, kind),
        };
      return {
        ...state,
        tables: { ...state.tables, [kind]: table },
        guesses: { ...state.guesses, [kind]: guess },
        mapping: { ...state.mapping, [kind]: { ...guess.mapping } },
      };
    }
    case "candidateAdded":
      return state.candidates.some((c) => candidateKey(c) === candidateKey(action.table))
        ? state
        : { ...state, candidates: [...state.candidates, action.table] };
    case "mapped":
      return {
        ...state,
        mapping: {
          ...state.mapping,
          [action.kind]: { ...state.mapping[action.kind], [action.role]: action.header || undefined },
        },
      };
    case "optionsChanged":
      return { ...state, options: action.options };
    case "measuresListed":
      return { ...state, knownMeasures: union(state.knownMeasures, action.measures) };
    case "workStarted":
      return { ...state, busy: true, message: null };
    case "workEnded":
      return { ...state, busy: false, progress: null };
    case "failed":
    case "message":
      return { ...state, message: action.message };
    case "runStarted":
      return { ...state, outcome: null, progress: { value: 0, label: "Starting…" } };
    case "progress":
      return { ...state, progress: action.progress };
    case "ran":
      return {
        ...state,
        outcome: action.outcome,
        knownMeasures: union(state.knownMeasures, action.outcome.results.measures),
        focusResults: state.focusResults + 1,
      };
    case "sampleInserted":
      return { ...state, outcome: null, message: action.message };
    case "picturesToggled":
      return { ...state, showPictures: !state.showPictures };
  }
}

/** The input kinds the options ask for: a reference table only for a reference standard. */
export function kindsFor(options: PaneOptions): Kind[] {
  return options.standard === "reference"
    ? ["population", "activity", "reference"]
    : ["population", "activity"];
}

/** Can Run start, and if not, why (said beside the disabled button). */
export function readiness(state: Pick<FlowState, "tables" | "mapping" | "guesses" | "options">): {
  ready: boolean;
  reason?: string;
} {
  const { tables, mapping, guesses, options } = state;
  const chosenAll = Boolean(
    tables.population && tables.activity && (options.standard === "internal" || tables.reference),
  );
  if (!chosenAll) return { ready: false, reason: "Choose the population and activity tables first." };
  // A required column left unmapped would fail Run: say which, here, rather than after pressing it.
  const unmapped = kindsFor(options).flatMap((k) =>
    tables[k] ? missingRoles(k, mapping[k] ?? {}, guesses[k]).map((label) => `${label} (${k})`) : [],
  );
  if (unmapped.length === 0) return { ready: true };
  return {
    ready: false,
    reason: `Map the missing column${unmapped.length === 1 ? "" : "s"} under 1. Data first: ${unmapped.join(", ")}.`,
  };
}
