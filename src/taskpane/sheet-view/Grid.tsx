// One sheet drawn as an accessible grid (role grid → row → gridcell), laid out as Excel does:
// frozen rows and columns stick, merged cells span, fills and fonts as written, conditional
// formats as evaluated by the HTML adapter. Only the rows in view (and a margin) are rendered,
// so Detail (~600 rows × 20 columns) opens and scrolls without lag.
import { type CSSProperties, type KeyboardEvent, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Rect } from "../../report/plan";
import { BASE_FONT, BORDER_COLOR, RULE_BORDER_COLOR } from "../../report/house-style";
import type { GridCell, SheetGrid } from "../../workbook/html/grid";
import { chartSvg } from "../../workbook/html/chart-svg";
import { type Layout, layoutOf, rowAt } from "./layout";
import type { PlacedPicture } from "./store";

const OVERSCAN = 25;
const GRIDLINE = "#E1E1E1";
const SELECTED = "#107C41";

export interface GridProps {
  grid: SheetGrid;
  target?: Rect;
  /** Bumped on every select: scroll to the target again. */
  seq: number;
  pictures: PlacedPicture[];
  onPick(row: number, col: number, extend: boolean): void;
  /** Called once the grid has painted (the view's open time). */
  onPainted?(): void;
}

const inRect = (r: Rect | undefined, row: number, col: number) =>
  !!r && row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

function cellStyle(cell: GridCell | undefined, hideGridlines: boolean): CSSProperties {
  const font = { ...cell?.font, ...cell?.ruleFont };
  const fill = cell?.ruleFill ?? cell?.fill;
  const v = cell?.value;
  const align =
    cell?.horizontal ?? (typeof v === "number" ? "right" : typeof v === "boolean" ? "center" : "left");
  const edge = (e: "top" | "bottom" | "left" | "right") =>
    cell?.border?.includes(e) ? `1px solid ${BORDER_COLOR}` : undefined;
  return {
    boxSizing: "border-box",
    flex: "none",
    display: "flex",
    alignItems: cell?.vertical === "top" ? "flex-start" : cell?.vertical === "middle" ? "center" : "flex-end",
    justifyContent: align === "right" ? "flex-end" : align === "center" ? "center" : "flex-start",
    textAlign: align,
    padding: "0 3px",
    fontFamily: `${BASE_FONT.name}, "Liberation Sans", sans-serif`,
    fontSize: `${font.size ?? BASE_FONT.size}pt`,
    fontWeight: font.bold ? 700 : 400,
    fontStyle: font.italic ? "italic" : undefined,
    textDecoration: font.underline ? "underline" : undefined,
    color: font.color ?? "#000000",
    background: fill,
    whiteSpace: cell?.wrap ? "pre-wrap" : "pre",
    overflow: "hidden",
    borderRight: edge("right") ?? (hideGridlines ? undefined : `1px solid ${GRIDLINE}`),
    borderBottom: edge("bottom") ?? (hideGridlines ? undefined : `1px solid ${GRIDLINE}`),
    borderTop: edge("top"),
    borderLeft: edge("left"),
    outline: cell?.ruleBorder ? `1px solid ${RULE_BORDER_COLOR}` : undefined,
    outlineOffset: "-1px",
  };
}

/**
 * How many empty cells to the right a text cell runs on over, as in Excel (unless it wraps or is
 * not left-aligned): enough for its text, about 0.6 em a character.
 */
function overflowSpan(g: SheetGrid, lay: Layout, row: number, col: number): number {
  const cell = g.cells[row]?.[col];
  if (typeof cell?.value !== "string" || cell.wrap || (cell.horizontal && cell.horizontal !== "left"))
    return 1;
  const need = cell.text.length * (((cell.font?.size ?? BASE_FONT.size) * 4) / 3) * 0.6 + 6;
  let span = 1;
  let width = lay.colWidths[col]!;
  while (width < need && col + span < lay.colWidths.length) {
    const k = `${row},${col + span}`;
    if (g.cells[row]?.[col + span]?.text || lay.covered.has(k) || lay.mergeAt.has(k)) break;
    width += lay.colWidths[col + span]!;
    span++;
  }
  return span;
}

/** Frozen columns that fit in half the view: a narrow pane keeps room for the columns that scroll. */
function frozenCols(lay: Layout, want: number, viewWidth: number): number {
  let k = Math.min(want, lay.colWidths.length);
  while (k > 0 && lay.colLefts[k]! > viewWidth / 2) k--;
  return k;
}

export function Grid({ grid: g, target, seq, pictures, onPick, onPainted }: GridProps) {
  const lay = useMemo(() => layoutOf(g), [g]);
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600, width: 350 });
  const frame = useRef(0);
  const fr = Math.min(g.freeze.rows, lay.rows);
  const fc = frozenCols(lay, g.freeze.cols, view.width);
  const frozenH = lay.rowTops[fr]!;
  const frozenW = lay.colLefts[Math.min(fc, lay.colWidths.length)]!;
  const totalW = lay.colLefts[lay.colWidths.length]!;
  const totalH = lay.rowTops[lay.rows] ?? 0;

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const el = box.current;
      if (el) setView({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    });
  };

  // Scroll the target into the unfrozen part of the view, then tell the caller it painted.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (target) {
      if (target.row >= fr) el.scrollTop = Math.max(0, lay.rowTops[target.row]! - frozenH - 2 * 20);
      el.scrollLeft = target.col < fc ? 0 : Math.max(0, (lay.colLefts[target.col] ?? 0) - frozenW - 20);
    }
    setView({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    if (onPainted) requestAnimationFrame(() => onPainted());
  }, [seq, g]);

  const first = Math.max(fr, rowAt(lay.rowTops, view.top + frozenH) - OVERSCAN);
  const last = Math.min(lay.rows - 1, rowAt(lay.rowTops, view.top + view.height) + OVERSCAN);

  const row = (r: number, sticky: boolean) => {
    const cells = [];
    let runOn = 0; // cells a text to their left runs on over
    for (let c = 0; c < lay.colWidths.length; c++) {
      if (runOn > 0) {
        runOn--;
        continue;
      }
      const key = `${r},${c}`;
      const merge = lay.mergeAt.get(key);
      if (lay.covered.has(key)) {
        // Covered by a merge: the origin cell draws it. In the origin's row it spans this width.
        const originRow = [...lay.mergeAt.entries()].some(
          ([k, m]) =>
            Number(k.split(",")[0]) === r &&
            Number(k.split(",")[1]) < c &&
            Number(k.split(",")[1]) + m.cols > c,
        );
        if (!originRow) cells.push(<div key={c} style={{ width: lay.colWidths[c], flex: "none" }} />);
        continue;
      }
      const cell = g.cells[r]?.[c];
      const span = merge ? merge.cols : overflowSpan(g, lay, r, c);
      runOn = merge ? 0 : span - 1;
      const width = lay.colLefts[c + span]! - lay.colLefts[c]!;
      const height = merge ? lay.rowTops[r + merge.rows]! - lay.rowTops[r]! : lay.rowHeights[r]!;
      const selected = inRect(target, r, c);
      const style: CSSProperties = { ...cellStyle(cell, g.hideGridlines), width, height };
      if (merge)
        Object.assign(style, { position: "relative", zIndex: 1, background: style.background ?? "#FFFFFF" });
      if (c < fc)
        Object.assign(style, {
          position: "sticky",
          left: lay.colLefts[c],
          zIndex: 2,
          background: style.background ?? "#FFFFFF",
        });
      if (selected) style.boxShadow = `inset 0 0 0 2px ${SELECTED}`;
      cells.push(
        <div
          key={c}
          role="gridcell"
          aria-colindex={c + 1}
          aria-selected={selected || undefined}
          data-cell={key}
          data-selected={selected && target?.row === r && target.col === c ? "" : undefined}
          style={style}
          onClick={(e) => onPick(r, c, e.shiftKey)}
        >
          {cell?.text}
        </div>,
      );
    }
    return (
      <div
        key={r}
        role="row"
        aria-rowindex={r + 1}
        style={{
          display: "flex",
          height: lay.rowHeights[r],
          width: totalW,
          ...(sticky ? { position: "sticky", top: lay.rowTops[r], zIndex: 4, background: "#FFFFFF" } : {}),
        }}
      >
        {cells}
      </div>
    );
  };

  const rows = [];
  for (let r = 0; r < fr; r++) rows.push(row(r, true));
  const gap = (key: string, h: number) =>
    h > 0 ? <div key={key} aria-hidden style={{ height: h }} /> : null;
  rows.push(gap("above", lay.rowTops[first]! - frozenH));
  for (let r = first; r <= last; r++) rows.push(row(r, false));
  rows.push(gap("below", totalH - (lay.rowTops[last + 1] ?? totalH)));

  const pics = [
    ...g.images.map((img) => ({
      key: `plan-${img.anchor.row}-${img.anchor.col}-${img.title}`,
      base64: img.base64,
      title: img.title,
      left: lay.colLefts[img.anchor.col] ?? 0,
      top: lay.rowTops[img.anchor.row] ?? 0,
      width: (lay.colLefts[img.anchor.col + img.anchor.cols] ?? totalW) - (lay.colLefts[img.anchor.col] ?? 0),
      height: (lay.rowTops[img.anchor.row + img.anchor.rows] ?? totalH) - (lay.rowTops[img.anchor.row] ?? 0),
    })),
    ...pictures.map((p, i) => ({
      key: `placed-${i}`,
      base64: p.base64,
      title: p.title,
      left: lay.colLefts[p.col] ?? 0,
      top: lay.rowTops[p.row] ?? 0,
      width: p.width,
      height: p.height,
    })),
  ];

  const move = (e: KeyboardEvent) => {
    const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
    if (!d) return;
    e.preventDefault();
    const at = target ?? { row: 0, col: 0 };
    onPick(
      Math.min(Math.max(0, at.row + d[0]!), Math.max(0, lay.rows - 1)),
      Math.min(Math.max(0, at.col + d[1]!), lay.colWidths.length - 1),
      e.shiftKey,
    );
  };

  return (
    <div
      ref={box}
      role="grid"
      aria-label={g.name}
      aria-rowcount={lay.rows}
      aria-colcount={lay.colWidths.length}
      aria-multiselectable
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={move}
      data-grid={g.name}
      style={{
        overflow: "auto",
        flex: "1 1 auto",
        minHeight: 0,
        position: "relative",
        outlineOffset: "-2px",
      }}
    >
      <div style={{ position: "relative", width: totalW, minHeight: totalH }}>
        {rows}
        {pics.map((p) => (
          <img
            key={p.key}
            alt={p.title}
            src={`data:image/png;base64,${p.base64}`}
            style={{
              position: "absolute",
              left: p.left,
              top: p.top,
              width: p.width,
              height: p.height,
              zIndex: 3,
            }}
          />
        ))}
        {g.charts.map((ch, i) => {
          const left = lay.colLefts[ch.anchor.col] ?? 0;
          const top = lay.rowTops[ch.anchor.row] ?? 0;
          const width = (lay.colLefts[ch.anchor.col + ch.anchor.cols] ?? totalW) - left;
          const height = (lay.rowTops[ch.anchor.row + ch.anchor.rows] ?? totalH) - top;
          // Drawn only near the rows in view: the Charts sheet has dozens.
          if (top > lay.rowTops[last + 1]! || top + height < lay.rowTops[first]!) return null;
          const svg = chartSvg(ch, g, { width, height });
          return (
            <img
              key={`chart-${i}`}
              data-chart=""
              alt={`${ch.title} (a native Excel chart, drawn here from its cells; a picture of this drawing in the downloaded file)`}
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
              style={{
                position: "absolute",
                left,
                top,
                width,
                height,
                zIndex: 3,
                border: `1px solid ${GRIDLINE}`,
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
