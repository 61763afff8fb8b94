// The pane: Data → Options → Run, over whichever workbook the session gives (Excel or the
// standalone preview). Every workbook action goes through the session's port, passed in.
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Button, Caption1, Divider, ProgressBar, Spinner, Field, Switch } from "@fluentui/react-components";
import type { ColumnMapping } from "../../engine/types";
import type { TableCandidate } from "../../workbook/port";
import { liveAfter } from "../../app/live";
import { listMeasures } from "../../app/measures";
import { candidateKey, classify, describeCandidate, rivals } from "../classify";
import type { EngineModule, Guess, Kind, Loaders } from "../lazy";
import { errorToMessage } from "../messages";
import { runAnalysis, type RunOutcome } from "../runner";
import { flowReducer, INITIAL_STATE, kindsFor, readiness, type FlowState, type Tables } from "../state";
import type { WorkbookSession } from "../session";
import {
  DEFAULT_OPTIONS,
  restoreOptions,
  sameTable,
  SETTINGS_KEY,
  toRunOptions,
  type PaneOptions,
  type PaneSettings,
} from "../settings";
import { DataSection } from "./DataSection";
import { Notice } from "./Notice";
import { OptionsSection } from "./OptionsSection";
import { PreviewBar } from "./PreviewBar";
import { ResultsSection } from "./ResultsSection";
import { useStyles } from "./styles";
import type { Rasterise } from "../pictures/png";
import { useLive } from "../use-live";

// After a run, on demand: pictures (charts, maps) and validation, each in its own chunk.
const PicturesSection = lazy(() => import(/* webpackChunkName: "pictures" */ "../pictures/PicturesSection"));
const ValidateSection = lazy(() => import(/* webpackChunkName: "validate" */ "./ValidateSection"));
const WhatIfSection = lazy(() => import(/* webpackChunkName: "whatif" */ "./WhatIfSection"));

export interface AppProps {
  sessionPromise: Promise<{ session: WorkbookSession; notices: string[] }>;
  loaders: Loaders;
  /** SVG → PNG for "Insert picture" (default: the browser's canvas); tests pass a Node renderer. */
  rasterise?: Rasterise;
}

export function App({ sessionPromise, loaders, rasterise }: AppProps) {
  const s = useStyles();
  const [session, setSession] = useState<WorkbookSession | null>(null);
  const [generation, setGeneration] = useState(0);
  const [notices, setNotices] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    // For the e2e test's time-to-first-render (performance marks cost nothing).
    performance.mark("stdrates:first-render");
  }, []);

  useEffect(() => {
    let live = true;
    sessionPromise.then(
      (r) => live && (setSession(r.session), setNotices(r.notices)),
      (e: unknown) => live && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [sessionPromise]);

  const replaceSession = useCallback((next: WorkbookSession) => {
    setSession(next);
    setGeneration((g) => g + 1);
  }, []);

  return (
    <main className={s.root}>
      <header className={s.header}>
        <img className={s.logo} src="assets/icon-32.png" alt="" />
        <div>
          <h1 className={s.heading} style={{ fontSize: "18px" }}>
            Standardised rates
          </h1>
          <Caption1>Indirectly standardised rates and rates ratios by area</Caption1>
        </div>
      </header>
      {notices.map((n) => (
        <Notice key={n} message={{ intent: "warning", text: n }} onGoTo={() => {}} />
      ))}
      {failure && (
        <Notice
          message={{ intent: "error", title: "Could not open the workbook", text: failure }}
          onGoTo={() => {}}
        />
      )}
      {!session && !failure && <Spinner size="tiny" label="Opening the workbook…" labelPosition="after" />}
      {session?.mode === "preview" && <PreviewBar session={session} onOpened={replaceSession} />}
      {session && <Flow key={generation} session={session} loaders={loaders} rasterise={rasterise} />}
    </main>
  );
}

/** A DSR standard read from the workbook: Live's session cannot carry it (it is read once, by Run). */
const tableStandard = (o: PaneOptions) => o.direct && o.directTable !== undefined;
const LIVE_TABLE_STANDARD =
  "Live is off while the DSR's standard population is a table of the workbook: Run reads that table, so press Run after editing.";

const settingsOf = (t: Tables, m: FlowState["mapping"], o: PaneOptions): PaneSettings => ({
  version: 1,
  tables: Object.fromEntries(Object.entries(t).map(([k, c]) => [k, c!.ref])),
  mapping: m,
  options: o,
});

/** Wide activity: the measure columns the engine guessed from its headers. */
const wideColumns = (g: FlowState["guesses"]) =>
  g.activity?.layout === "wide" ? g.activity.measureColumns : undefined;

/** Moves focus to the results after a Run (a disabled Run button would leave it on the page). */
function focusResults() {
  const heading = document.getElementById("results-heading");
  if (!heading) return;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: true });
}

function Flow({
  session,
  loaders,
  rasterise,
}: {
  session: WorkbookSession;
  loaders: Loaders;
  rasterise?: Rasterise;
}) {
  const s = useStyles();
  const { port } = session;
  const [state, dispatch] = useReducer(flowReducer, INITIAL_STATE);
  const { candidates, tables, guesses, mapping, options, knownMeasures, busy, progress, message, outcome } =
    state;
  const engine = useRef<EngineModule | null>(null);
  const live = useLive(port, loaders);
  // The Results panel follows Live: after a live recalculation it shows the new national rates
  // and exclusions (the sheet links stay the run's: Live rewrites the same sheets).
  const shown = useMemo(
    () => (outcome && live.latest ? { ...outcome, results: live.latest } : outcome),
    [outcome, live.latest],
  );

  const loadEngine = useCallback(async () => (engine.current ??= await loaders.engine()), [loaders]);

  const persist = useCallback(
    (t: Tables, m: FlowState["mapping"], o: PaneOptions) =>
      port.saveSettings(SETTINGS_KEY, settingsOf(t, m, o)).catch(() => {
        /* Settings are a convenience: a failed save must not stop the user. */
      }),
    [port],
  );

  /** Finds the tables; restores the saved choice where it still fits, else takes the best guess. */
  const refresh = useCallback(
    async (preferSheets?: string[]) => {
      const [list, saved, eng] = await Promise.all([
        port.listTables(),
        port.loadSettings<PaneSettings>(SETTINGS_KEY).catch(() => undefined),
        loadEngine(),
      ]);
      const pool = preferSheets ? list.filter((c) => preferSheets.includes(c.ref.sheet)) : list;
      const chosen: Tables = classify(pool, eng.guessMapping);
      const useSaved = !preferSheets && saved?.version === 1;
      if (useSaved) {
        for (const kind of ["population", "activity", "reference"] as Kind[]) {
          const ref = saved.tables?.[kind];
          if (!ref) continue;
          const match = list.find((c) => sameTable(c.ref, ref));
          if (match) chosen[kind] = match;
          else if (ref.kind === "range") {
            const t = await port.readTable(ref).catch(() => undefined);
            if (t) chosen[kind] = { ref, headers: t.headers, rows: t.rowCount };
          }
        }
      }
      // SPEC §1b: tables that tie for a kind are not chosen between silently; a saved choice stands.
      const tied = rivals(pool, eng.guessMapping);
      const ask: string[] = [];
      for (const [kind, list] of Object.entries(tied) as [Kind, TableCandidate[]][]) {
        if (
          useSaved &&
          saved.tables?.[kind] &&
          chosen[kind] &&
          sameTable(chosen[kind]!.ref, saved.tables[kind])
        )
          continue;
        delete chosen[kind];
        ask.push(`${list.length} could be the ${kind} table: ${list.map(describeCandidate).join(", ")}.`);
      }
      if (ask.length)
        dispatch({
          type: "message",
          message: {
            intent: "warning",
            title: "Several tables could be used",
            text: `${ask.join(" ")} Nothing is picked silently: choose one in the dropdown under 1. Data.`,
          },
        });
      const g: Partial<Record<Kind, Guess>> = {};
      const m: Partial<Record<Kind, ColumnMapping>> = {};
      for (const [kind, c] of Object.entries(chosen) as [Kind, TableCandidate][]) {
        g[kind] = eng.guessMapping(c.headers, kind);
        const keep = useSaved && sameTable(saved.tables?.[kind], c.ref) ? saved.mapping?.[kind] : undefined;
        m[kind] = keep ?? { ...g[kind]!.mapping };
      }
      const o = useSaved ? restoreOptions(saved.options) : preferSheets ? options : DEFAULT_OPTIONS;
      dispatch({ type: "found", candidates: list, tables: chosen, guesses: g, mapping: m, options: o });
      return { chosen, m, o };
    },
    [port, loadEngine, options],
  );

  useEffect(() => {
    refresh()
      .then(({ m, o }) =>
        tableStandard(o)
          ? undefined
          : live
              .resume({ sheets: o.sheets, runOptions: toRunOptions(o, m) })
              .catch((e: unknown) =>
                live.setNote(`Live could not restart: ${e instanceof Error ? e.message : String(e)}`),
              ),
      )
      .catch((e: unknown) => dispatch({ type: "failed", message: errorToMessage(e, () => undefined) }))
      .finally(() => {
        dispatch({ type: "workEnded" });
        performance.mark("stdrates:ready");
      });
    // Once per session: later refreshes are explicit.
  }, []);

  // The Measures picker before any run: list the chosen activity table's measures (its measure
  // column's values, or a wide table's measure columns), once per table and measure column.
  const activity = tables.activity;
  const measureHeader = mapping.activity?.measure;
  const wide = wideColumns(guesses);
  const activityKey = activity
    ? `${candidateKey(activity)}|${measureHeader ?? ""}|${wide?.join(",") ?? ""}`
    : "";
  useEffect(() => {
    if (!activity) return;
    let on = true;
    listMeasures(port, { ref: activity.ref, mapping: mapping.activity ?? {}, measureColumns: wide })
      .then((measures) => on && measures.length > 0 && dispatch({ type: "measuresListed", measures }))
      .catch(() => undefined); // Run reports a table it cannot read; the picker just waits for it
    return () => {
      on = false;
    };
    // Keyed by the table and its measure column: a mapping edit elsewhere does not reread it.
  }, [port, activityKey]);

  // After a Run, focus goes to its results (not to the top of the page).
  useEffect(() => {
    if (state.focusResults > 0) focusResults();
  }, [state.focusResults]);

  const sheetOfTable = (table?: string) =>
    table && table in tables ? tables[table as Kind]!.ref.sheet : undefined;

  const guard = async (what: () => Promise<void>) => {
    dispatch({ type: "workStarted" });
    try {
      await what();
    } catch (e) {
      dispatch({ type: "failed", message: errorToMessage(e, sheetOfTable) });
    } finally {
      dispatch({ type: "workEnded" });
    }
  };

  const choose = async (kind: Kind, c: TableCandidate | undefined, extra?: TableCandidate) => {
    const eng = await loadEngine();
    const guess = c ? eng.guessMapping(c.headers, kind) : undefined;
    const action = { type: "chosen", kind, table: c, guess } as const;
    if (extra) dispatch({ type: "candidateAdded", table: extra });
    dispatch(action);
    const next = flowReducer(state, action);
    await persist(next.tables, next.mapping, options);
  };

  const onPick = (kind: Kind, key: string) =>
    guard(() =>
      choose(
        kind,
        key ? [...candidates, ...Object.values(tables)].find((c) => c && candidateKey(c) === key) : undefined,
      ),
    );

  const onUseSelection = (kind: Kind) =>
    guard(async () => {
      const ref = await port.selectionRef();
      const t = await port.readTable(ref);
      const c: TableCandidate = { ref, headers: t.headers, rows: t.rowCount };
      await choose(kind, c, c);
    });

  const onMap = (kind: Kind, role: string, header: string) => {
    const action = { type: "mapped", kind, role, header } as const;
    dispatch(action);
    void persist(tables, flowReducer(state, action).mapping, options);
  };

  const onOptions = (o: PaneOptions) => {
    dispatch({ type: "optionsChanged", options: o });
    if (live.on && tableStandard(o))
      void guard(async () => {
        await live.stop();
        live.setNote(null);
      });
    void persist(tables, mapping, o);
  };

  const onInsertSample = () =>
    guard(async () => {
      const { generateSample } = await loaders.sample();
      const { population, activity } = generateSample();
      const names = await port.insertSheets([population, activity]);
      const { chosen, m } = await refresh(names);
      await persist(chosen, m, options);
      dispatch({
        type: "sampleInserted",
        message: { intent: "success", text: `Inserted the sample sheets ${names.join(" and ")}. Press Run.` },
      });
    });

  const liveRefs = () => ({ population: tables.population!.ref, activity: tables.activity!.ref });

  const onRun = () =>
    guard(async () => {
      dispatch({ type: "runStarted" });
      await persist(tables, mapping, options);
      const refs = Object.fromEntries(Object.entries(tables).map(([k, c]) => [k, c!.ref]));
      // Live diffs against what it last wrote: stop it while the run rewrites the sheets, then start it again.
      const wasLive = live.on;
      if (wasLive) await live.stop();
      const out = await runAnalysis(
        port,
        { tables: refs, mapping, options, measureColumns: wideColumns(guesses) },
        loaders,
        (progress) => dispatch({ type: "progress", progress }),
      );
      if (wasLive && !tableStandard(options)) await startLiveAfter(out);
      dispatch({ type: "ran", outcome: out });
    });

  const startLiveAfter = (out: RunOutcome) =>
    live.start(liveRefs(), { sheets: options.sheets, ...liveAfter(out) });

  const onLive = (on: boolean) =>
    guard(async () => {
      if (!on) return live.stop();
      if (outcome) return startLiveAfter(outcome);
      // No run yet: Live reads the tables and writes the output sheets itself.
      await live.start(liveRefs(), {
        sheets: options.sheets,
        runOptions: toRunOptions(options, mapping, wideColumns(guesses)),
      });
    });

  const onOpenSheet = (name: string) => guard(() => port.select(name));
  const onGoTo = (sheet: string, address?: string) => void guard(() => port.select(sheet, address));

  const onDownload = session.download
    ? () =>
        guard(async () => {
          const bytes = await session.download!();
          const blob = new Blob([bytes as BlobPart], {
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          });
          const url = URL.createObjectURL(blob);
          const a = document.createElement("a");
          a.href = url;
          a.download = downloadName(session.label);
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        })
    : undefined;

  const kinds = kindsFor(options);
  const { ready, reason: notReady } = readiness(state);

  return (
    <>
      {message && (
        <Notice
          message={message}
          focusErrors
          onGoTo={onGoTo}
          onDismiss={() => dispatch({ type: "message", message: null })}
        />
      )}
      <DataSection
        kinds={kinds}
        candidates={candidates}
        tables={tables}
        guesses={guesses}
        mapping={mapping}
        busy={busy}
        onPick={onPick}
        onUseSelection={onUseSelection}
        onMap={onMap}
        onInsertSample={onInsertSample}
      />
      <Divider />
      <OptionsSection
        options={options}
        knownMeasures={knownMeasures}
        candidates={candidates}
        busy={busy}
        onChange={onOptions}
      />
      <Divider />
      <section className={s.section} aria-labelledby="run-heading">
        <h2 id="run-heading" className={s.heading}>
          3. Run
        </h2>
        <div className={s.row}>
          <Button
            appearance="primary"
            disabled={busy || !ready}
            onClick={onRun}
            aria-describedby={!ready ? "run-blocked" : undefined}
          >
            Run
          </Button>
          {!ready && !busy && <Caption1 id="run-blocked">{notReady}</Caption1>}
        </div>
        {live.available ? (
          <Switch
            checked={live.on}
            disabled={busy || !ready || options.standard === "reference" || tableStandard(options)}
            onChange={(_, d) => void onLive(d.checked)}
            label="Live: recalculate when the input tables change"
          />
        ) : (
          <Caption1>
            Live recalculation needs Excel. In this preview, edit the workbook and press Run again.
          </Caption1>
        )}
        {live.available && tableStandard(options) && <Caption1>{LIVE_TABLE_STANDARD}</Caption1>}
        {live.note && <Caption1 role="status">{live.note}</Caption1>}
        {progress && (
          <Field validationMessage={progress.label} validationState="none">
            <ProgressBar value={progress.value} max={1} thickness="large" aria-label="Run progress" />
          </Field>
        )}
      </section>
      {shown && (
        <ResultsSection outcome={shown} onOpenSheet={onOpenSheet} onGoTo={onGoTo} onDownload={onDownload} />
      )}
      {outcome && (
        <div className={s.row}>
          <Button aria-expanded={state.showPictures} onClick={() => dispatch({ type: "picturesToggled" })}>
            {state.showPictures ? "Hide pictures" : "Show pictures"}
          </Button>
        </div>
      )}
      {outcome && state.showPictures && (
        <Suspense fallback={<Spinner size="tiny" label="Loading pictures…" labelPosition="after" />}>
          <PicturesSection outcome={outcome} port={port} rasterise={rasterise} />
        </Suspense>
      )}
      {outcome && (
        <Suspense fallback={null}>
          <ValidateSection outcome={outcome} port={port} loaders={loaders} />
        </Suspense>
      )}
      {outcome && (
        <Suspense fallback={null}>
          <WhatIfSection outcome={outcome} port={port} loaders={loaders} candidates={candidates} />
        </Suspense>
      )}
    </>
  );
}

/** "sample.xlsx" → "sample-stdrates.xlsx"; a new workbook → "stdrates.xlsx". */
export function downloadName(label?: string): string {
  if (!label || !/\.xlsx$/i.test(label)) return "stdrates.xlsx";
  return label.replace(/\.xlsx$/i, "-stdrates.xlsx");
}
