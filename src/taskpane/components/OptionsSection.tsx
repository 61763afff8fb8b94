// Step 2: measures, multiplier, strata, confidence levels (fixed by the method: shown), the
// standard, the significance method, the output sheets, and the statistics beyond the publication
// (overdispersed verdicts, directly standardised rates, small-number suppression).
import { Caption1, Checkbox, Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import type { TableCandidate } from "../../workbook/port";
import { candidateKey, describeCandidate, withChosen } from "../classify";
import { OUTPUT_SHEETS, STRATA, type PaneOptions } from "../settings";
import { useStyles } from "./styles";

const MULTIPLIERS = [1_000, 10_000, 100_000, 1_000_000];

export interface OptionsSectionProps {
  options: PaneOptions;
  /** Measures seen in the last run (the activity table's measures are known once it is read). */
  knownMeasures: string[];
  /** The tables the Data step lists: any of them can be the DSR's standard population. */
  candidates: TableCandidate[];
  busy: boolean;
  onChange(next: PaneOptions): void;
}

/** Toggle `item` in `list`, keeping `order`. */
function toggle(list: string[], item: string, on: boolean, order: string[]): string[] {
  const set = new Set(list);
  if (on) set.add(item);
  else set.delete(item);
  return order.filter((x) => set.has(x));
}

export function OptionsSection({ options, knownMeasures, candidates, busy, onChange }: OptionsSectionProps) {
  const s = useStyles();
  const set = (patch: Partial<PaneOptions>) => onChange({ ...options, ...patch });
  const measures = Array.from(new Set([...knownMeasures, ...options.measures]));
  const all = options.measures.length === 0;
  return (
    <section className={s.section} aria-labelledby="options-heading">
      <h2 id="options-heading" className={s.heading}>
        2. Options
      </h2>
      {measures.length === 0 ? (
        <Field label="Measures">
          <Caption1>All measures in the activity table.</Caption1>
        </Field>
      ) : (
        <details>
          <summary className={s.summary}>
            {all
              ? `Measures: all ${measures.length}`
              : `Measures: ${options.measures.length} of ${measures.length}`}
          </summary>
          <div className={s.checks} role="group" aria-label="Measures">
            <Checkbox
              label="All"
              checked={all}
              disabled={busy}
              onChange={(_, d) => set({ measures: d.checked ? [] : [...measures] })}
            />
            {measures.map((m) => (
              <Checkbox
                key={m}
                label={m}
                disabled={busy}
                checked={all || options.measures.includes(m)}
                onChange={(_, d) => {
                  const current = all ? measures : options.measures;
                  const next = toggle(current, m, Boolean(d.checked), measures);
                  if (next.length) set({ measures: next.length === measures.length ? [] : next });
                }}
              />
            ))}
          </div>
        </details>
      )}
      <div className={s.row}>
        <Field className={s.grow} label="Rates per">
          <Select
            value={String(options.multiplier)}
            disabled={busy}
            onChange={(_, d) => set({ multiplier: Number(d.value) })}
          >
            {Array.from(new Set([...MULTIPLIERS, options.multiplier])).map((k) => (
              <option key={k} value={k}>
                {k.toLocaleString("en-GB")} population
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Standardise for">
        <div className={s.checks}>
          {STRATA.map((f) => (
            <Checkbox
              key={f.key}
              label={f.label}
              disabled={busy}
              checked={options.strata.includes(f.key)}
              onChange={(_, d) => {
                const next = toggle(
                  options.strata,
                  f.key,
                  Boolean(d.checked),
                  STRATA.map((x) => x.key),
                );
                if (next.length) set({ strata: next });
              }}
            />
          ))}
        </div>
      </Field>
      <Caption1>Confidence limits: 95% and 99.8% (Byar; exact Poisson below 10 events).</Caption1>
      <OptionChoice
        label="Standard"
        name="standard"
        choices={[
          ["internal", "This data's national rates"],
          ["reference", "A reference table in the workbook"],
        ]}
        options={options}
        busy={busy}
        set={set}
      />
      <OptionChoice
        label="Significance of rates ratios"
        name="significance"
        choices={[
          ["published", "As published (chi-square on rates)"],
          ["counts", "On counts (log-ratio test)"],
        ]}
        options={options}
        busy={busy}
        set={set}
      />
      <OptionChoice
        label="Annex B rows"
        name="areaOrder"
        choices={[
          ["region", "By region, then name (as published)"],
          ["input", "As in the population table"],
        ]}
        options={options}
        busy={busy}
        set={set}
      />
      <details>
        <summary className={s.summary}>
          {options.sheets.length === OUTPUT_SHEETS.length
            ? `Output sheets: all ${OUTPUT_SHEETS.length}`
            : `Output sheets: ${options.sheets.length} of ${OUTPUT_SHEETS.length}`}
        </summary>
        <div className={s.checks} role="group" aria-label="Output sheets">
          {OUTPUT_SHEETS.map((o) => (
            <Checkbox
              key={o.key}
              label={o.label}
              disabled={busy}
              checked={options.sheets.includes(o.key)}
              onChange={(_, d) => {
                const next = toggle(
                  options.sheets,
                  o.key,
                  Boolean(d.checked),
                  OUTPUT_SHEETS.map((x) => x.key),
                );
                if (next.length) set({ sheets: next });
              }}
            />
          ))}
        </div>
      </details>
      <BeyondPublication options={options} candidates={candidates} busy={busy} set={set} />
      <Checkbox
        label="Leave out rows with a negative or non-numeric count (instead of stopping)"
        disabled={busy}
        checked={options.excludeInvalidRows}
        onChange={(_, d) => set({ excludeInvalidRows: Boolean(d.checked) })}
      />
    </section>
  );
}

/** SPEC §4b, §11, §12: settings that go beyond the publication (remembered with the others). */
function BeyondPublication({
  options,
  candidates,
  busy,
  set,
}: {
  options: PaneOptions;
  candidates: TableCandidate[];
  busy: boolean;
  set: (patch: Partial<PaneOptions>) => void;
}) {
  const s = useStyles();
  return (
    <details>
      <summary className={s.summary}>Beyond the publication</summary>
      <OptionChoice
        label="Annex B marks"
        name="verdicts"
        choices={[
          ["poisson", "As published (Poisson limits)"],
          ["overdispersed", "Allowing for overdispersion (Spiegelhalter)"],
        ]}
        options={options}
        busy={busy}
        set={set}
      />
      <Checkbox
        label="Directly standardised rates: a DSR sheet"
        disabled={busy}
        checked={options.direct}
        onChange={(_, d) => set({ direct: Boolean(d.checked) })}
      />
      <DirectStandard options={options} candidates={candidates} busy={busy} set={set} />
      <Field
        label="Suppress counts below (0: none)"
        hint="Shown as * in every sheet and chart, with secondary suppression."
      >
        <Input
          type="number"
          min={0}
          value={String(options.suppressBelow)}
          disabled={busy}
          onChange={(_, d) => {
            const n = Number(d.value);
            if (d.value === "" || (Number.isFinite(n) && n >= 0))
              set({ suppressBelow: d.value === "" ? 0 : n });
          }}
        />
      </Field>
    </details>
  );
}

const ESP = "";

/** SPEC §11: the DSR's standard population, ESP 2013 or a table of the workbook (age band, population). */
function DirectStandard({
  options,
  candidates,
  busy,
  set,
}: {
  options: PaneOptions;
  candidates: TableCandidate[];
  busy: boolean;
  set: (patch: Partial<PaneOptions>) => void;
}) {
  const chosen = options.directTable && { ref: options.directTable, headers: [], rows: 0 };
  const listed = withChosen(candidates, chosen);
  return (
    <Field
      label="Standard population for the DSR"
      hint="A table of the workbook needs an age band column and a population column; each of the data's age bands must be one of its bands or a union of them."
    >
      <Select
        value={chosen ? candidateKey(chosen) : ESP}
        disabled={busy || !options.direct}
        onChange={(_, d) => set({ directTable: listed.find((c) => candidateKey(c) === d.value)?.ref })}
      >
        <option value={ESP}>European Standard Population 2013</option>
        {listed.map((c) => (
          <option key={candidateKey(c)} value={candidateKey(c)}>
            {c === chosen ? `${c.ref.name} (${c.ref.sheet}!${c.ref.address})` : describeCandidate(c)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** One pane option chosen from a few labelled values, as a radio group. */
function OptionChoice<K extends "standard" | "significance" | "verdicts" | "areaOrder">(props: {
  label: string;
  name: K;
  choices: [PaneOptions[K], string][];
  options: PaneOptions;
  busy: boolean;
  set: (patch: Partial<PaneOptions>) => void;
}) {
  const { label, name, choices, options, busy, set } = props;
  return (
    <Field label={label}>
      <RadioGroup
        value={options[name]}
        disabled={busy}
        onChange={(_, d) => set({ [name]: d.value } as Partial<PaneOptions>)}
      >
        {choices.map(([value, text]) => (
          <Radio key={value} value={value} label={text} />
        ))}
      </RadioGroup>
    </Field>
  );
}
