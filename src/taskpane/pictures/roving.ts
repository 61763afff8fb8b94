// The map's ICBs as one tab stop (a roving tabindex): Tab reaches the map once, the arrow keys move
// between ICBs by position on the picture, Home/End go to the first/last, Enter or Space selects
// (the caller's handler). 42 tab stops made the rest of the pane hard to reach from the keyboard.
import { type KeyboardEvent, type RefObject, useEffect } from "react";

const AREA = "[data-area]";

interface Spot {
  el: SVGElement;
  x: number;
  y: number;
}

function spots(box: HTMLElement): Spot[] {
  return [...box.querySelectorAll<SVGElement>(AREA)].map((el) => {
    const r = el.getBoundingClientRect();
    return { el, x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
}

/** The area an arrow key leads to: the nearest one within 45° of its direction. */
export function nextSpot<T extends { x: number; y: number }>(all: T[], from: T, key: string): T | undefined {
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  if (!dir) return undefined;
  let best: T | undefined;
  let bestScore = Infinity;
  for (const s of all) {
    const dx = s.x - from.x;
    const dy = s.y - from.y;
    const along = dx * dir[0] + dy * dir[1];
    const across = Math.abs(dx * dir[1]) + Math.abs(dy * dir[0]);
    // Within 45° of the key's direction: a hex grid's diagonal neighbours (60°) count for Up/Down.
    if (along <= 1 || across > along) continue;
    const score = along + across;
    if (score < bestScore) ((best = s), (bestScore = score));
  }
  return best;
}

function focusOnly(all: Spot[], target: SVGElement) {
  for (const s of all) s.el.setAttribute("tabindex", s.el === target ? "0" : "-1");
  target.focus();
}

/**
 * Makes the areas in `box` one tab stop (re-run when the picture changes) and returns the key
 * handler for arrows, Home and End.
 */
export function useRovingAreas(box: RefObject<HTMLElement | null>, picture: unknown) {
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const areas = [...el.querySelectorAll<SVGElement>(AREA)];
    areas.forEach((a, i) => {
      a.setAttribute("tabindex", i === 0 ? "0" : "-1");
      a.setAttribute("role", "button");
      // The name starts with the hex's visible label ("COR"), then its tooltip (WCAG 2.5.3, label in name).
      const shown = a.querySelector("text")?.textContent?.trim();
      const tip = a.querySelector("title")?.textContent ?? a.getAttribute("data-area") ?? "";
      a.setAttribute("aria-label", shown ? `${shown}: ${tip}` : tip);
    });
    // An SVG with role="img" hides its children from assistive technology, yet these are buttons:
    // the picture becomes a group of them (named by its <title>).
    if (areas.length > 0) {
      el.querySelector("svg")?.setAttribute("role", "group");
      el.setAttribute("role", "group");
      el.setAttribute("aria-label", "Map: arrow keys move between ICBs, Enter selects");
    } else {
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
    }
  }, [box, picture]);

  return (e: KeyboardEvent) => {
    const el = box.current;
    const current = (e.target as Element | null)?.closest?.(AREA);
    if (!el || !current) return;
    const all = spots(el);
    const from = all.find((s) => s.el === current);
    if (!from) return;
    const to = e.key === "Home" ? all[0] : e.key === "End" ? all[all.length - 1] : nextSpot(all, from, e.key);
    if (!to && !e.key.startsWith("Arrow") && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    if (to) focusOnly(all, to.el);
  };
}
