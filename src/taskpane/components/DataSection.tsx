// Step 1: the tables found (with row counts), the guessed column mapping with a dropdown per
// role, "Use selection", and Insert sample data for a new user.
import { Button, Caption1, Field, Select, tokens } from "@fluentui/react-components";
import type { ColumnMapping } from "../../engine/types";
import type { TableCandidate } from "../../workbook/port";
import { candidateKey, describeCandidate, missingRoles, rolesFor, withChosen } from "../classify";
import type { Guess, Kind } from "../lazy";
import { useStyles } from "./styles";

const KIND_LABEL: Record<Kind, string> = {
  population: "Population",
  activity: "Activity",
  reference: "Reference (standard)",
};
const NOT_USED = "";

export interface DataSectionProps {
  kinds: Kind[];
  candidates: TableCandidate[];
  tables: Partial<Record<Kind, TableCandidate>>;
  guesses: Partial<Record<Kind, Guess>>;
  mapping: Partial<Record<Kind, ColumnMapping>>;
  busy: boolean;
  onPick(kind: Kind, key: string): void;
  onUseSelection(kind: Kind): void;
  onMap(kind: Kind, role: string, header: string): void;
  onInsertSample(): void;
}

export function DataSection(props: DataSectionProps) {
  const s = useStyles();
  const nothingFound = props.candidates.length === 0;
  return (
    <section className={s.section} aria-labelledby="data-heading">
      <h2 id="data-heading" className={s.heading}>
        1. Data
      </h2>
      {nothingFound && (
        <Caption1>No population or activity tables found in this workbook yet. Try the sample data.</Caption1>
      )}
      {props.kinds.map((kind) => (
        <TablePicker key={kind} kind={kind} {...props} />
      ))}
      <div className={s.row}>
        <Button
          appearance={nothingFound ? "primary" : "secondary"}
          disabled={props.busy}
          onClick={props.onInsertSample}
        >
          Insert sample data
        </Button>
      </div>
    </section>
  );
}

function TablePicker({
  kind,
  candidates,
  tables,
  guesses,
  mapping,
  busy,
  onPick,
  onUseSelection,
  onMap,
}: DataSectionProps & { kind: Kind }) {
  const s = useStyles();
  const chosen = tables[kind];
  const guess = guesses[kind];
  const map = mapping[kind] ?? {};
  const roles = rolesFor(kind, guess);
  const found = roles.filter((r) => map[r.role]).length;
  const options = withChosen(candidates, chosen);
  const missing = missingRoles(kind, map, guess);
  return (
    <div className={s.section}>
      <div className={s.row}>
        <Field
          className={s.grow}
          label={`${KIND_LABEL[kind]} table`}
          validationState={chosen ? "none" : "warning"}
          validationMessage={chosen ? undefined : "Not found: pick one or use a selection."}
        >
          <Select
            value={chosen ? candidateKey(chosen) : ""}
            disabled={busy}
            onChange={(_, d) => onPick(kind, d.value)}
          >
            <option value="">— choose —</option>
            {options.map((c) => (
              <option key={candidateKey(c)} value={candidateKey(c)}>
                {describeCandidate(c)}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          aria-label={`Use selection as the ${kind} table`}
          disabled={busy}
          onClick={() => onUseSelection(kind)}
        >
          Use selection
        </Button>
      </div>
      {chosen && (
        <details>
          <summary className={s.summary}>
            {missing.length > 0 && (
              <span
                role="img"
                aria-label="Warning:"
                style={{ color: tokens.colorPaletteDarkOrangeForeground1 }}
              >
                ⚠{" "}
              </span>
            )}
            {`Columns: ${found} of ${roles.length} found` +
              (missing.length > 0 ? ` — missing ${missing.join(", ")}` : "") +
              (kind === "activity" && guess?.layout === "wide"
                ? ` · wide layout, ${guess.measureColumns?.length ?? 0} measure columns`
                : "")}
          </summary>
          <div className={s.mapping}>
            {roles.map((r) => {
              const id = `map-${kind}-${r.role}`;
              return [
                <label key={`${id}-label`} htmlFor={id} className={s.muted}>
                  {r.label}
                </label>,
                <Select
                  key={id}
                  id={id}
                  size="small"
                  disabled={busy}
                  value={map[r.role] ?? NOT_USED}
                  onChange={(_, d) => onMap(kind, r.role, d.value)}
                >
                  <option value={NOT_USED}>(not used)</option>
                  {chosen.headers.map((h, i) => (
                    <option key={`${h}-${i}`} value={h}>
                      {h}
                    </option>
                  ))}
                </Select>,
              ];
            })}
          </div>
        </details>
      )}
    </div>
  );
}
