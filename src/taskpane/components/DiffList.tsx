// A short sortable list of differences (Validate's figures, What if's verdicts) with a "Go to" per
// row: a plain table whose column headings sort it, fitted to a 320 px pane (names truncate, the
// full name in a title).
import { useMemo, useState } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useStyles } from "./styles";

export interface DiffColumn<R> {
  label: string;
  /** The sort key. */
  value(r: R): string | number;
  /** What the cell shows (default: the value). */
  text?(r: R): string;
  numeric?: boolean;
  /** Wrap rather than truncate (text whose end matters, such as "Similar → Lower"). */
  wrap?: boolean;
}

export interface DiffListProps<R> {
  caption: string;
  rows: R[];
  columns: DiffColumn<R>[];
  /** Words naming a row, for its Go to button ("QJM, X-ray"). */
  rowName(r: R): string;
  onGoTo(r: R): void;
  /** At most this many rows are listed; the rest are counted (the sheet lists them all). */
  limit?: number;
}

const useListStyles = makeStyles({
  // Fixed layout: columns share the pane's width instead of growing to their longest text.
  table: { tableLayout: "fixed", "& th": { overflowWrap: "anywhere", verticalAlign: "bottom" } },
  clip: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  sort: {
    minWidth: 0,
    padding: 0,
    height: "auto",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    maxWidth: "100%",
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    textAlign: "inherit",
  },
  go: { minWidth: 0, padding: 0, height: "auto", whiteSpace: "nowrap" },
});

export function DiffList<R>({ caption, rows, columns, rowName, onGoTo, limit = 20 }: DiffListProps<R>) {
  const s = useStyles();
  const l = useListStyles();
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const key = columns[sort.col]!.value;
    return [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return c * sort.dir;
    });
  }, [rows, columns, sort]);
  const shown = sorted.slice(0, limit);
  const toggle = (col: number) =>
    setSort((cur) => (cur?.col === col ? { col, dir: cur.dir === 1 ? -1 : 1 } : { col, dir: 1 }));
  return (
    <div>
      <table className={`${s.table} ${l.table}`} aria-label={caption}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th
                key={c.label}
                scope="col"
                className={c.numeric ? "num" : undefined}
                aria-sort={sort?.col === i ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
              >
                <Button appearance="transparent" size="small" className={l.sort} onClick={() => toggle(i)}>
                  {c.label}
                </Button>
              </th>
            ))}
            <th scope="col" style={{ width: "3.6em" }}>
              <span className={l.clip}>Cell</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => {
                const text = c.text ? c.text(r) : String(c.value(r));
                return (
                  <td
                    key={c.label}
                    className={`${c.numeric ? "num" : ""} ${c.wrap ? "" : l.clip}`}
                    title={text}
                  >
                    {text}
                  </td>
                );
              })}
              <td>
                <Button
                  appearance="transparent"
                  size="small"
                  className={l.go}
                  aria-label={`Go to ${rowName(r)}`}
                  onClick={() => onGoTo(r)}
                >
                  Go to
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > shown.length && (
        <Caption1>
          and {(sorted.length - shown.length).toLocaleString("en-GB")} more, listed on the sheet.
        </Caption1>
      )}
    </div>
  );
}
