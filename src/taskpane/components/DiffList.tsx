// A short sortable list of differences (Validate's figures, What if's verdicts) with a "Go to" per
// row: a plain table whose column headings sort it, fitted to a 320 px pane: auto layout so numbers
// keep their full width (never truncated) and names and headings wrap at spaces (full name in a title).
import { useMemo, useState } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useStyles } from "./styles";

export interface DiffColumn<R> {
  label: string;
  /** A shorter heading for a 320 px pane; the label stays its accessible name and tooltip. */
  short?: string;
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
  // Auto layout: numbers size their columns; text columns take what is left and wrap at spaces.
  table: {
    tableLayout: "auto",
    "& th": { overflowWrap: "normal", verticalAlign: "bottom" },
    "& th, & td": { paddingLeft: "2px", paddingRight: "2px" },
  },
  clip: { whiteSpace: "normal", overflowWrap: "normal", wordBreak: "normal" },
  num: { whiteSpace: "nowrap" },
  sort: {
    minWidth: 0,
    padding: 0,
    height: "auto",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    maxWidth: "100%",
    whiteSpace: "normal",
    overflowWrap: "normal",
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
                aria-label={c.label}
                className={c.numeric ? "num" : undefined}
                aria-sort={sort?.col === i ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
              >
                <Button
                  appearance="transparent"
                  size="small"
                  className={l.sort}
                  aria-label={c.label}
                  title={c.label}
                  onClick={() => toggle(i)}
                >
                  {c.short ?? c.label}
                </Button>
              </th>
            ))}
            <th scope="col">
              <span>Cell</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => {
                const text = c.text ? c.text(r) : String(c.value(r));
                return (
                  <td key={c.label} className={c.numeric ? `num ${l.num}` : l.clip} title={text}>
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
