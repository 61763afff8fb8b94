// What if (issue 5): scenarios, named sets of adjustments saved in the workbook and compared with
// the run on a copy of its data ("Compare" writes the Scenario sheet). Live is beside Run (App).
import { useEffect, useState } from "react";
import { Button, Caption1, Checkbox, Field, Input, Link, Select } from "@fluentui/react-components";
import { compareScenarioInWorkbook } from "../../app/scenario";
import type { ScenarioComparison, ScenarioRow } from "../../scenario/compare";
import { scenarioRowAddress } from "../../report/scenario-layout";
import { parseScenario } from "../../scenario/parse";
import { SCENARIOS_SETTING, readScenarioList, removeScenario, upsertScenario } from "../../scenario/store";
import type { Adjustment, Scenario } from "../../scenario/types";
import type { TableCandidate, WorkbookPort } from "../../workbook/port";
import type { Loaders } from "../lazy";
import type { RunOutcome } from "../runner";
import { STRATA } from "../settings";
import { formatShare } from "../format";
import { DiffList, type DiffColumn } from "./DiffList";
import { useStyles } from "./styles";

export interface WhatIfSectionProps {
  outcome: RunOutcome;
  port: WorkbookPort;
  loaders: Loaders;
  /** The tables the Data step lists: any of them can be a scenario's standard (a reference table). */
  candidates?: TableCandidate[];
}

type Kind = Adjustment["type"];

/** One adjustment in words, for the list. */
export function describeAdjustment(a: Adjustment): string {
  switch (a.type) {
    case "scale":
      return `${a.area}: activity ${a.percent >= 0 ? "+" : ""}${a.percent}%${a.measure ? ` (${a.measure})` : ""}`;
    case "exclude":
      return `exclude ${a.area}`;
    case "standard":
      return a.reference === null ? "standard: this data's national rates" : `standard: ${a.reference}`;
    case "multiplier":
      return `rates per ${a.value.toLocaleString("en-GB")}`;
    case "strata":
      return `strata: ${a.factors.join(", ")}`;
  }
}

export function WhatIfSection({ outcome, port, loaders, candidates = [] }: WhatIfSectionProps) {
  const s = useStyles();
  const { results } = outcome;
  const areas = results.meta.areaList;
  const [list, setList] = useState<Scenario[]>([]);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<Kind>("scale");
  const [area, setArea] = useState(areas[0]?.area ?? "");
  const [measure, setMeasure] = useState("");
  const [percent, setPercent] = useState("-10");
  const [multiplier, setMultiplier] = useState("100000");
  const [factors, setFactors] = useState<string[]>(["sex", "age"]);
  /** "" is the data's own national rates; otherwise a listed table's name. */
  const [standard, setStandard] = useState("");
  const [draft, setDraft] = useState<Adjustment[]>([]);
  const [status, setStatus] = useState<{
    text: string;
    sheet?: string;
    error?: boolean;
    changes?: ScenarioChanges;
  } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let on = true;
    port.loadSettings<unknown>(SCENARIOS_SETTING).then(
      // A scenario saved before the load came back is kept (the save wrote the document already).
      (raw) => on && setList((cur) => (cur.length > 0 ? cur : readScenarioList(raw))),
      () => undefined,
    );
    return () => {
      on = false;
    };
  }, [port]);

  const save = async (next: Scenario[]) => {
    setList(next);
    await port.saveSettings(SCENARIOS_SETTING, next);
  };

  const adjustment = (): Adjustment | Error => {
    switch (kind) {
      case "scale": {
        const p = Number(percent);
        if (!Number.isFinite(p) || p < -100) return new Error("The percentage is a number, −100 or more.");
        return { type: "scale", area, percent: p, ...(measure ? { measure } : {}) };
      }
      case "exclude":
        return { type: "exclude", area };
      case "standard":
        return { type: "standard", reference: standard || null };
      case "multiplier": {
        const v = Number(multiplier);
        return v > 0 && Number.isFinite(v)
          ? { type: "multiplier", value: v }
          : new Error("Rates per: a positive number.");
      }
      case "strata":
        return factors.length ? { type: "strata", factors } : new Error("Choose at least one stratum.");
    }
  };

  const addAdjustment = () => {
    const a = adjustment();
    if (a instanceof Error) setStatus({ text: a.message, error: true });
    else {
      setStatus(null);
      setDraft((d) => [...d, a]);
    }
  };

  const saveScenario = async () => {
    try {
      const sc = parseScenario({ name: name.trim(), adjustments: draft });
      await save(upsertScenario(list, sc));
      setDraft([]);
      setName("");
      setStatus({ text: `Saved the scenario "${sc.name}" in this workbook.` });
    } catch (e) {
      setStatus({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  };

  const compare = async (sc: Scenario) => {
    setBusy(true);
    setStatus(null);
    try {
      // Reference tables named by the scenario are read from the workbook as they are now.
      const {
        comparison: cmp,
        sheet,
        changed,
      } = await compareScenarioInWorkbook(port, {
        scenario: sc,
        input: outcome.input,
        runOptions: outcome.runOptions,
        baseline: results,
        inputs: outcome.inputs,
        readReference: (name) => {
          const c = candidates.find((x) => x.ref.name.toLowerCase() === name.toLowerCase());
          return c ? port.readTable(c.ref) : undefined;
        },
        engine: loaders.engine,
        report: loaders.report,
      });
      setStatus({
        text: `${sc.name}: ${changed.toLocaleString("en-GB")} of ${cmp.rows.length.toLocaleString("en-GB")} verdicts against England changed.`,
        sheet,
        changes: scenarioChanges(cmp),
      });
    } catch (e) {
      setStatus({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
    }
  };

  const pct = Number(percent);
  return (
    <section role="region" aria-labelledby="whatif-heading" className={s.section}>
      <h2 id="whatif-heading" className={s.heading}>
        What if
      </h2>
      <h3 className={s.heading} style={{ fontSize: "14px" }}>
        Scenarios
      </h3>
      {list.length === 0 ? (
        <Caption1>No scenarios saved in this workbook yet.</Caption1>
      ) : (
        <ul className={s.list} aria-label="Scenarios">
          {list.map((sc) => (
            <li key={sc.name}>
              <strong>{sc.name}</strong>: {sc.adjustments.map(describeAdjustment).join("; ")}{" "}
              <Link
                as="button"
                disabled={busy}
                onClick={() => void compare(sc)}
                aria-label={`Compare ${sc.name}`}
              >
                Compare
              </Link>{" "}
              <Link
                as="button"
                disabled={busy}
                onClick={() => void save(removeScenario(list, sc.name))}
                aria-label={`Remove ${sc.name}`}
              >
                Remove
              </Link>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary className={s.summary}>New scenario</summary>
        <div className={s.section}>
          <Field label="Scenario name">
            <Input
              value={name}
              onChange={(_, d) => setName(d.value)}
              placeholder="e.g. NENC shortfall restored"
            />
          </Field>
          <Field label="Adjustment">
            <Select value={kind} onChange={(_, d) => setKind(d.value as Kind)}>
              <option value="scale">Scale an area's activity</option>
              <option value="exclude">Exclude an area</option>
              <option value="standard">Standard (national rates or a reference table)</option>
              <option value="multiplier">Rates per</option>
              <option value="strata">Strata</option>
            </Select>
          </Field>
          {(kind === "scale" || kind === "exclude") && (
            <Field label="Area">
              <Select value={area} onChange={(_, d) => setArea(d.value)}>
                {areas.map((a) => (
                  <option key={a.area} value={a.area}>
                    {a.name ? `${a.name} (${a.area})` : a.area}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {kind === "scale" && (
            <div className={s.row}>
              <Field label="Measure" className={s.grow}>
                <Select value={measure} onChange={(_, d) => setMeasure(d.value)}>
                  <option value="">All measures</option>
                  {results.measures.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </Select>
              </Field>
              <Field
                label="Change (%)"
                style={{ width: "110px" }}
                validationMessage={Number.isFinite(pct) && pct >= -100 ? undefined : "−100 or more"}
              >
                <Input value={percent} onChange={(_, d) => setPercent(d.value)} inputMode="decimal" />
              </Field>
            </div>
          )}
          {kind === "standard" && (
            <Field
              label="Standard"
              hint="A reference table has stratum columns, a count and a population (and a measure, optionally)."
            >
              <Select value={standard} onChange={(_, d) => setStandard(d.value)}>
                <option value="">This data's national rates</option>
                {candidates.map((c) => (
                  <option key={c.ref.name} value={c.ref.name}>
                    Reference table: {c.ref.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {kind === "multiplier" && (
            <Field label="Rates per (scenario)">
              <Input value={multiplier} onChange={(_, d) => setMultiplier(d.value)} inputMode="numeric" />
            </Field>
          )}
          {kind === "strata" && (
            <div className={s.checks} role="group" aria-label="Scenario strata">
              {STRATA.map((f) => (
                <Checkbox
                  key={f.key}
                  label={f.label}
                  checked={factors.includes(f.key)}
                  onChange={(_, d) =>
                    setFactors((x) => (d.checked ? [...x, f.key] : x.filter((k) => k !== f.key)))
                  }
                />
              ))}
            </div>
          )}
          <div className={s.row}>
            <Button onClick={addAdjustment}>Add adjustment</Button>
            <Button
              appearance="primary"
              disabled={!name.trim() || draft.length === 0}
              onClick={() => void saveScenario()}
            >
              Save scenario
            </Button>
          </div>
          {draft.length > 0 && (
            <ul className={s.list} aria-label="Adjustments of the new scenario">
              {draft.map((a, i) => (
                <li key={i}>{describeAdjustment(a)}</li>
              ))}
            </ul>
          )}
        </div>
      </details>
      {status && (
        <div role={status.error ? "alert" : "status"}>
          <Caption1>{status.text}</Caption1>{" "}
          {status.sheet && (
            <Link as="button" onClick={() => void port.select(status.sheet!).catch(() => {})}>
              Open the {status.sheet} sheet
            </Link>
          )}
        </div>
      )}
      {status?.changes && status.sheet && (
        <ChangeLists
          changes={status.changes}
          onGoTo={(r) => void port.select(status.sheet!, r.address).catch(() => {})}
        />
      )}
    </section>
  );
}

/** A compared row with where it sits on the Scenario sheet. */
export type ListedRow = ScenarioRow & { address: string };
export interface ScenarioChanges {
  /** Rows whose verdict against England changed. */
  verdicts: ListedRow[];
  /** The largest rate changes, by |% difference|. */
  largest: ListedRow[];
}

const LARGEST = 5;

/** The changed verdicts, and the few largest rate changes, read from the comparison (not recomputed). */
export function scenarioChanges(c: ScenarioComparison): ScenarioChanges {
  const rows = c.rows.map((r, i) => ({ ...r, address: scenarioRowAddress(c, i) }));
  const largest = rows
    .filter((r) => r.relative !== null && r.relative !== 0)
    .sort((a, b) => Math.abs(b.relative!) - Math.abs(a.relative!))
    .slice(0, LARGEST);
  return { verdicts: rows.filter((r) => r.changed), largest };
}

const VERDICT_WORD: Record<string, string> = { higher: "Higher", similar: "Similar", lower: "Lower" };
const verdictWord = (v: string | null) => (v === null ? "–" : (VERDICT_WORD[v] ?? v));
const rowName = (r: ListedRow) => `${r.name ?? r.area}, ${r.measure}`;
const AREA: DiffColumn<ListedRow> = { label: "Area", value: (r) => r.name ?? r.area };
const MEASURE: DiffColumn<ListedRow> = { label: "Measure", value: (r) => r.measure };
const VERDICT_COLUMNS: DiffColumn<ListedRow>[] = [
  AREA,
  MEASURE,
  {
    label: "Verdict",
    value: (r) => `${verdictWord(r.baselineVerdict)} → ${verdictWord(r.scenarioVerdict)}`,
    wrap: true,
  },
];
const CHANGE_COLUMNS: DiffColumn<ListedRow>[] = [
  AREA,
  MEASURE,
  {
    label: "Change",
    value: (r) => r.relative ?? 0,
    text: (r) => signedShare(r.relative ?? 0),
    numeric: true,
  },
];
const signedShare = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${formatShare(Math.abs(x))}`;

function ChangeLists({ changes, onGoTo }: { changes: ScenarioChanges; onGoTo(r: ListedRow): void }) {
  return (
    <>
      {changes.verdicts.length > 0 && (
        <DiffList
          caption="Verdicts that changed"
          rows={changes.verdicts}
          columns={VERDICT_COLUMNS}
          rowName={rowName}
          onGoTo={onGoTo}
        />
      )}
      {changes.largest.length > 0 && (
        <DiffList
          caption="Largest rate changes"
          rows={changes.largest}
          columns={CHANGE_COLUMNS}
          rowName={rowName}
          onGoTo={onGoTo}
        />
      )}
    </>
  );
}

export default WhatIfSection;
