// Mounts the preview's sheet view in its own root beside the pane (a lazy chunk: Excel never loads it).
import { createRoot } from "react-dom/client";
import { SheetView } from "./SheetView";
import type { SheetViewStore } from "./store";

export function mountSheetView(store: SheetViewStore): void {
  const host = document.createElement("div");
  host.id = "sheet-view";
  document.body.appendChild(host);
  // In a narrow pane the view covers the lower half: leave room to scroll the pane's end above it.
  store.subscribe(() => {
    const open = store.getState().open && !window.matchMedia?.("(min-width: 1100px)").matches;
    document.body.style.paddingBottom = open ? "50vh" : "";
  });
  createRoot(host).render(<SheetView store={store} />);
}
