// Validate a published table: the user picks the sheet holding it (the real Annex B pasted in, or
// any sheet with area codes and a column per measure); the run's results are compared with it,
// within the published rounding unless a tolerance is given, and the Validation sheet is written.
import { useEffect, useState } from "react";
import { Button, Caption1, Field, Input, Link, Select } from "@fluentui/react-components";
import { validateInWorkbook } from "../../app/validate";
import type { Figure } from "../../validate/types";
import type { WorkbookPort } from "../../workbook/port";
import type { Loaders } from "../lazy";
import type { RunOutcome } from "../runner";
import { formatNumber } from "../format";
import { DiffList, type DiffColumn } from "./DiffList";
import { useStyles } from "./styles";

export interface ValidateSectionProps {
  outcome: RunOutcome;
  port: WorkbookPort;
  loaders: Loaders;
}

/** The likeliest sheet to hold a publication: its name says so, else the first that is not ours. */
export function likelyPublished(names: string[]): string | undefined {
  return names.find((n) => /annex|publish|table|nhse|official/i.test(n)) ?? names[0];
}

/** "" → the published rounding; a number ≥ 0 → that absolute tolerance; else an error. */
export function parseTolerance(text: string): number | undefined | Error {
  const t = text.trim();
  if (!t) return undefined;
  const v = Number(t);
  return Number.isFinite(v) && v >= 0
    ? v
    : new Error("The tolerance is a number, 0 or more (or empty for the published rounding).");
}

export function ValidateSection({ outcome, port, loaders }: ValidateSectionProps) {
  const s = useStyles();
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState("");
  const [tolerance, setTolerance] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{
    headline: string;
    ok: boolean;
    sheet: string;
    detail?: string;
    /** Figures that disagree (numbers or stars), as the validation found them. */
    differing: Figure[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!port.sheetNames) return;
    let live = true;
    const ours = new Set(Object.values(outcome.applied.sheetNames).map((n) => n.toLowerCase()));
    const inputs = new Set(outcome.results.meta.tables.map((t) => t.source.sheet?.toLowerCase()));
    port.sheetNames().then(
      (all) => {
        if (!live) return;
        const candidates = all.filter((n) => !ours.has(n.toLowerCase()) && !inputs.has(n.toLowerCase()));
        setSheets(candidates);
        setSheet((cur) => (cur && candidates.includes(cur) ? cur : (likelyPublished(candidates) ?? "")));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [port, outcome]);

  if (!port.readGrid || !port.sheetNames) return null;
  const goTo = (f: Figure) => void port.select(f.sheet, f.cell).catch(() => {});
  const tol = parseTolerance(tolerance);

  const validate = async () => {
    if (tol instanceof Error || !sheet) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const {
        validation: v,
        sheet: written,
        differing,
      } = await validateInWorkbook(port, {
        sheet,
        results: outcome.results,
        inputs: outcome.inputs,
        tolerance: tol,
        report: loaders.report,
      });
      const missing = v.missing.length
        ? `${v.missing.length} item${v.missing.length === 1 ? "" : "s"} on one side only.`
        : undefined;
      setResult({ headline: v.headline, ok: v.ok, sheet: written, detail: missing, differing });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section role="region" aria-labelledby="validate-heading" className={s.section}>
      <h2 id="validate-heading" className={s.heading}>
        Validate against a publication
      </h2>
      {sheets.length === 0 ? (
        <Caption1>
          Paste a published table (such as Annex B) into a sheet of this workbook to compare it with these
          results.
        </Caption1>
      ) : (
        <>
          <div className={s.row}>
            <Field label="Published sheet" className={s.grow}>
              <Select value={sheet} onChange={(_, d) => setSheet(d.value)}>
                {sheets.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </Select>
            </Field>
            <Field
              label="Tolerance"
              hint="Empty: half a unit of the published rounding"
              validationMessage={tol instanceof Error ? tol.message : undefined}
              className={s.grow}
            >
              <Input
                value={tolerance}
                onChange={(_, d) => setTolerance(d.value)}
                inputMode="decimal"
                placeholder="from rounding"
              />
            </Field>
          </div>
          <div className={s.row}>
            <Button disabled={busy || !sheet || tol instanceof Error} onClick={() => void validate()}>
              Validate
            </Button>
          </div>
        </>
      )}
      {result && (
        <div role="status">
          <div className={s.headline}>{result.headline}</div>
          {result.detail && <Caption1>{result.detail} </Caption1>}
          <Link as="button" onClick={() => void port.select(result.sheet).catch(() => {})}>
            Open the {result.sheet} sheet
          </Link>
        </div>
      )}
      {result && <Differences figures={result.differing} goTo={goTo} />}
      {error && (
        <Caption1 role="alert" style={{ color: "#A4262C" }}>
          {error}
        </Caption1>
      )}
    </section>
  );
}

/** Area (or factor level, for ratios) of a figure, as the publication names it. */
export const figureArea = (f: Figure) =>
  f.table === "ratios" ? `${f.factor ?? ""} ${f.level ?? ""}`.trim() : (f.areaName ?? f.area);
const figureName = (f: Figure) => `${figureArea(f)}, ${f.measure} (${f.sheet}!${f.cell})`;

const AREA: DiffColumn<Figure> = { label: "Area", value: figureArea };
const MEASURE: DiffColumn<Figure> = { label: "Measure", value: (f) => f.measure };
// The published figure as published; the computed one and the difference two places finer, to see by how much.
const number = (label: string, short: string, get: (f: Figure) => number, finer = 0): DiffColumn<Figure> => ({
  label,
  short,
  value: get,
  text: (f) => formatNumber(get(f), Math.max(0, f.decimals ?? 2) + finer),
  numeric: true,
});
const FIGURE_COLUMNS = [
  AREA,
  MEASURE,
  number("Published", "Pub.", (f) => f.published),
  number("Computed", "Ours", (f) => f.computed, 2),
  number("Difference", "Diff.", (f) => f.difference, 2),
];
const STAR_COLUMNS: DiffColumn<Figure>[] = [
  AREA,
  MEASURE,
  { label: "Published", value: (f) => f.publishedStars || "none" },
  { label: "Computed", value: (f) => f.computedStars || "none" },
];

/** The figures that differ, and the ratios whose stars differ, each with Go to the published cell. */
function Differences({ figures, goTo }: { figures: Figure[]; goTo(f: Figure): void }) {
  const stars = figures.filter((f) => f.publishedStars !== undefined && f.publishedStars !== f.computedStars);
  if (figures.length === 0) return null;
  return (
    <>
      <DiffList
        caption="Differing figures"
        rows={figures}
        columns={FIGURE_COLUMNS}
        rowName={figureName}
        onGoTo={goTo}
      />
      {stars.length > 0 && (
        <DiffList
          caption="Differing stars"
          rows={stars}
          columns={STAR_COLUMNS}
          rowName={figureName}
          onGoTo={goTo}
        />
      )}
    </>
  );
}

export default ValidateSection;
