// The compact result of a run: headline ("42 areas · 14 measures"), national rates, what was
// excluded and why, warnings, and links that activate each output sheet.
import { useEffect, useRef } from "react";
import { Button, Link } from "@fluentui/react-components";
import { columnLetter } from "../../engine/errors";
import type { RunOutcome } from "../runner";
import { formatNumber, formatRate, formatShare, resultHeadline } from "../format";
import { useStyles } from "./styles";

export interface ResultsSectionProps {
  outcome: RunOutcome;
  onOpenSheet(name: string): void;
  /** Select a cell (for warnings that name rows). */
  onGoTo(sheet: string, address: string): void;
  /** Preview only. */
  onDownload?: () => void;
}

export function ResultsSection({ outcome, onOpenSheet, onGoTo, onDownload }: ResultsSectionProps) {
  const s = useStyles();
  const { results, plan, applied } = outcome;
  const ex = results.exclusions;
  const k = results.multiplier.toLocaleString("en-GB");
  const ref = useRef<HTMLElement>(null);
  // In a 320 px pane the results start below the fold: bring them into view once per run (a
  // live recalculation keeps the run's plan, and does not pull the user's scroll away).
  // (Braces matter: newer Chromium's scrollIntoView returns a promise, which React would call as a cleanup.)
  useEffect(() => {
    void ref.current?.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [plan]);
  return (
    <section ref={ref} role="region" aria-labelledby="results-heading" className={s.results}>
      <h2 id="results-heading" className={s.heading}>
        Results
      </h2>
      <div className={s.headline}>{resultHeadline(results)}</div>
      <table className={s.table} aria-label="National rates">
        <caption className={s.muted} style={{ textAlign: "left" }}>
          National rates per {k} population
          {results.meta.standard === "external" ? " (reference standard)" : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              Activity
            </th>
            <th scope="col" className="num">
              Rate
            </th>
          </tr>
        </thead>
        <tbody>
          {results.national.map((n) => (
            <tr key={n.measure}>
              <th scope="row" style={{ fontWeight: "normal" }}>
                {n.measure}
              </th>
              <td className="num">{formatNumber(n.observed)}</td>
              <td className="num">{formatRate(n.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <strong>Excluded: </strong>
        {ex.activityRows === 0 && ex.populationRows === 0 ? (
          "nothing."
        ) : (
          <>
            {formatNumber(ex.activityCount)} activity ({formatShare(ex.share)}) in{" "}
            {formatNumber(ex.activityRows)} rows
            {ex.populationRows > 0 ? `; ${formatNumber(ex.populationRows)} population rows` : ""}.
            <ul className={s.list}>
              {ex.byReason
                .filter((r) => r.rows > 0)
                .map((r) => (
                  <li key={r.reason}>
                    {r.label}: {formatNumber(r.rows)} rows, {formatNumber(r.count)} activity
                  </li>
                ))}
            </ul>
          </>
        )}
      </div>
      {results.warnings.length > 0 && (
        <div>
          <strong>Warnings</strong>
          <ul className={s.list}>
            {results.warnings.map((w, i) => {
              const source = results.meta.tables.find((t) => t.role === w.table)?.source;
              const row = w.rows?.[0];
              return (
                <li key={i}>
                  {w.message}
                  {source?.sheet && row !== undefined && (
                    <>
                      {" "}
                      <Link
                        as="button"
                        onClick={() => onGoTo(source.sheet!, `${columnLetter(source.firstColumn)}${row}`)}
                      >
                        Go to row {row.toLocaleString("en-GB")}
                      </Link>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <nav aria-label="Output sheets" className={s.links}>
        {plan.sheets.map((sheet) => {
          const name = applied.sheetNames[sheet.key] ?? sheet.name;
          return (
            <Link key={sheet.key} as="button" onClick={() => onOpenSheet(name)}>
              {name}
            </Link>
          );
        })}
      </nav>
      {onDownload && (
        <div>
          <Button appearance="primary" onClick={onDownload}>
            Download workbook
          </Button>
        </div>
      )}
    </section>
  );
}
