// The pane's reducer as a pure function, table by table: each row is a state, an action and the
// fragment of the state expected after it (written by hand from what the pane must do).
import { describe, expect, it } from "vitest";
import type { RunOutcome } from "../../src/app/run";
import type { TableCandidate } from "../../src/workbook/port";
import {
  flowReducer,
  INITIAL_STATE,
  kindsFor,
  readiness,
  type FlowAction,
  type FlowState,
} from "../../src/taskpane/state";
import { DEFAULT_OPTIONS } from "../../src/taskpane/settings";
import type { Guess } from "../../src/taskpane/lazy";

const table = (sheet: string, headers: string[]): TableCandidate => ({
  ref: { kind: "sheet", name: sheet, sheet, address: "A1:D10" },
  headers,
  rows: 9,
});
const POP = table("Population", ["area", "sex", "age", "population"]);
const ACT = table("Activity", ["area", "sex", "age", "measure", "count"]);
const WIDE = table("Wide", ["area", "sex", "age", "X-ray", "MRI"]);
const POP_GUESS: Guess = { mapping: { area: "area", sex: "sex", age: "age", population: "population" } };
const ACT_GUESS: Guess = {
  mapping: { area: "area", sex: "sex", age: "age", measure: "measure", count: "count" },
  layout: "long",
};
const WIDE_GUESS: Guess = { mapping: { area: "area" }, layout: "wide", measureColumns: ["X-ray", "MRI"] };
/** A run's outcome: only what the reducer reads of it (its measures) matters here. */
const outcome = (measures: string[]) => ({ results: { measures } }) as unknown as RunOutcome;
const msg = (text: string) => ({ intent: "error", text }) as const;

const state = (over: Partial<FlowState> = {}): FlowState => ({ ...INITIAL_STATE, ...over });
const chosen: Partial<FlowState> = {
  tables: { population: POP, activity: ACT },
  guesses: { population: POP_GUESS, activity: ACT_GUESS },
  mapping: { population: { ...POP_GUESS.mapping }, activity: { ...ACT_GUESS.mapping } },
};

const rows: [string, FlowState, FlowAction, Partial<FlowState>][] = [
  [
    "choosing a table takes the engine's guess as its mapping",
    state(),
    { type: "chosen", kind: "population", table: POP, guess: POP_GUESS },
    {
      tables: { population: POP },
      guesses: { population: POP_GUESS },
      mapping: { population: { area: "area", sex: "sex", age: "age", population: "population" } },
    },
  ],
  [
    "choosing another activity table replaces its mapping, not the population's",
    state({ ...chosen, mapping: { population: { area: "code" }, activity: { area: "x" } } }),
    { type: "chosen", kind: "activity", table: WIDE, guess: WIDE_GUESS },
    {
      tables: { population: POP, activity: WIDE },
      guesses: { population: POP_GUESS, activity: WIDE_GUESS },
      mapping: { population: { area: "code" }, activity: { area: "area" } },
    },
  ],
  [
    "clearing a choice drops its table, guess and mapping",
    state(chosen),
    { type: "chosen", kind: "activity" },
    {
      tables: { population: POP },
      guesses: { population: POP_GUESS },
      mapping: { population: { ...POP_GUESS.mapping } },
    },
  ],
  [
    "a selection read as a table becomes a candidate once",
    state({ candidates: [POP] }),
    { type: "candidateAdded", table: ACT },
    { candidates: [POP, ACT] },
  ],
  [
    "the same selection twice is one candidate",
    state({ candidates: [POP, ACT] }),
    { type: "candidateAdded", table: { ...ACT } },
    { candidates: [POP, ACT] },
  ],
  [
    "mapping a column sets that role only",
    state(chosen),
    { type: "mapped", kind: "activity", role: "count", header: "n" },
    { mapping: { ...chosen.mapping, activity: { ...ACT_GUESS.mapping, count: "n" } } },
  ],
  [
    "mapping to nothing leaves the role unset",
    state(chosen),
    { type: "mapped", kind: "population", role: "sex", header: "" },
    { mapping: { ...chosen.mapping, population: { ...POP_GUESS.mapping, sex: undefined } } },
  ],
  [
    "found tables replace the choice and offer the saved measures",
    state({ knownMeasures: ["CT"] }),
    {
      type: "found",
      candidates: [POP, ACT],
      tables: { population: POP },
      guesses: { population: POP_GUESS },
      mapping: { population: { area: "a" } },
      options: { ...DEFAULT_OPTIONS, measures: ["MRI"] },
    },
    {
      candidates: [POP, ACT],
      tables: { population: POP },
      guesses: { population: POP_GUESS },
      mapping: { population: { area: "a" } },
      options: { ...DEFAULT_OPTIONS, measures: ["MRI"] },
      knownMeasures: ["CT", "MRI"],
    },
  ],
  [
    "measures listed from the activity table join the picker's, without repeats",
    state({ knownMeasures: ["CT", "MRI"] }),
    { type: "measuresListed", measures: ["MRI", "X-ray"] },
    { knownMeasures: ["CT", "MRI", "X-ray"] },
  ],
  [
    "work starting clears the last message and disables the controls",
    state({ busy: false, message: msg("old") }),
    { type: "workStarted" },
    { busy: true, message: null },
  ],
  [
    "work ending enables the controls and drops the progress bar, keeping a failure's message",
    state({ busy: true, progress: { value: 0.5, label: "Reading" }, message: msg("bad cell") }),
    { type: "workEnded" },
    { busy: false, progress: null, message: msg("bad cell") },
  ],
  [
    "a failure shows its message and keeps the last results",
    state({ outcome: outcome(["CT"]) }),
    { type: "failed", message: msg("No Count column") },
    { message: msg("No Count column"), outcome: outcome(["CT"]) },
  ],
  [
    "a run starting hides the last results and shows the bar at 0",
    state({ outcome: outcome(["CT"]) }),
    { type: "runStarted" },
    { outcome: null, progress: { value: 0, label: "Starting…" } },
  ],
  [
    "progress moves the bar",
    state({ progress: { value: 0, label: "Starting…" } }),
    { type: "progress", progress: { value: 0.6, label: "Computing rates…" } },
    { progress: { value: 0.6, label: "Computing rates…" } },
  ],
  [
    "a run's results are shown, their measures offered, and focus asked for",
    state({ knownMeasures: ["CT"], focusResults: 2 }),
    { type: "ran", outcome: outcome(["X-ray", "CT"]) },
    { outcome: outcome(["X-ray", "CT"]), knownMeasures: ["CT", "X-ray"], focusResults: 3 },
  ],
  [
    "inserting the sample drops old results and says what to do",
    state({ outcome: outcome(["CT"]) }),
    { type: "sampleInserted", message: { intent: "success", text: "Press Run." } },
    { outcome: null, message: { intent: "success", text: "Press Run." } },
  ],
  [
    "dismissing the message",
    state({ message: msg("x") }),
    { type: "message", message: null },
    { message: null },
  ],
  ["showing pictures", state(), { type: "picturesToggled" }, { showPictures: true }],
  ["hiding pictures", state({ showPictures: true }), { type: "picturesToggled" }, { showPictures: false }],
  [
    "changing options changes only the options",
    state(chosen),
    { type: "optionsChanged", options: { ...DEFAULT_OPTIONS, multiplier: 100_000 } },
    { ...chosen, options: { ...DEFAULT_OPTIONS, multiplier: 100_000 } },
  ],
];

describe("the pane's reducer", () => {
  it.each(rows)("%s", (_name, before, action, expected) => {
    const frozen = structuredClone(before);
    const after = flowReducer(before, action);
    expect(after).toMatchObject(expected);
    // Pure: the old state is untouched, and fields the row does not name keep their values.
    expect(before).toEqual(frozen);
    for (const k of Object.keys(before) as (keyof FlowState)[])
      if (!(k in expected) && k !== "knownMeasures" && k !== "focusResults") expect(after[k]).toBe(before[k]);
  });

  it("starts busy, with nothing chosen", () => {
    expect(INITIAL_STATE).toMatchObject({ busy: true, tables: {}, outcome: null, knownMeasures: [] });
  });
});

describe("readiness", () => {
  const cases: [string, Partial<FlowState>, { ready: boolean; reason?: string }][] = [
    ["nothing chosen", {}, { ready: false, reason: "Choose the population and activity tables first." }],
    ["both chosen and mapped", chosen, { ready: true }],
    [
      "the count column unmapped",
      { ...chosen, mapping: { ...chosen.mapping, activity: { area: "area" } } },
      { ready: false, reason: "Map the missing column under 1. Data first: Count (activity)." },
    ],
    [
      "two columns unmapped",
      { ...chosen, mapping: { population: {}, activity: { ...ACT_GUESS.mapping } } },
      {
        ready: false,
        reason:
          "Map the missing columns under 1. Data first: Area code (population), Population (population).",
      },
    ],
    [
      "a wide activity table needs no count column",
      {
        tables: { population: POP, activity: WIDE },
        guesses: { population: POP_GUESS, activity: WIDE_GUESS },
        mapping: { population: { ...POP_GUESS.mapping }, activity: { area: "area" } },
      },
      { ready: true },
    ],
    [
      "a reference standard without its table",
      { ...chosen, options: { ...DEFAULT_OPTIONS, standard: "reference" } },
      { ready: false, reason: "Choose the population and activity tables first." },
    ],
  ];
  it.each(cases)("%s", (_name, over, expected) => {
    expect(readiness(state(over))).toEqual(expected);
  });

  it("asks for a reference table only for a reference standard", () => {
    expect(kindsFor(DEFAULT_OPTIONS)).toEqual(["population", "activity"]);
    expect(kindsFor({ ...DEFAULT_OPTIONS, standard: "reference" })).toEqual([
      "population",
      "activity",
      "reference",
    ]);
  });
});
