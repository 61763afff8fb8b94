// The task pane's one bootstrap. Inside Excel the pane talks to the open workbook through the
// office.js port; outside Office (Office.onReady gives host null, or office.js did not load)
// the same pane runs as the standalone preview over an in-browser workbook.
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { lazyLoaders } from "./lazy";
import type { WorkbookSession } from "./session";

// The manifest's floor (Excel 2021, Microsoft 365, Excel on the web); newer API sets the
// adapter uses when present are checked with isSetSupported at run time.
const MIN_EXCEL_API = "1.9";

async function openSession(host: unknown): Promise<{ session: WorkbookSession; notices: string[] }> {
  // Office.HostType is a numeric enum in the types but a string at run time.
  if (String(host) === "Excel") {
    const notices: string[] = [];
    if (!Office.context.requirements.isSetSupported("ExcelApi", MIN_EXCEL_API))
      notices.push(
        `This version of Excel lacks ExcelApi ${MIN_EXCEL_API}: use Excel 2021 or later, Microsoft 365 or Excel on the web.`,
      );
    const { createOfficePort } = await import(/* webpackChunkName: "office-port" */ "../workbook/office");
    return { session: { mode: "excel", port: createOfficePort() }, notices };
  }
  const { createPreviewSession } = await import(/* webpackChunkName: "preview" */ "./preview");
  return { session: await createPreviewSession(), notices: [] };
}

/** The host office.js reports (null outside Office), or null when office.js did not load at all. */
function officeHost(): Promise<unknown> {
  if (typeof Office === "undefined") return Promise.resolve(null);
  return new Promise((resolve) => Office.onReady((info) => resolve(info.host)));
}

// Paint the pane at once; the workbook session follows when Office is ready. The engine chunk
// (needed to recognise the tables) starts loading in parallel.
// In an old webview (Internet Explorer, Edge Legacy) webview-guard.js has shown why the pane
// cannot run; the bundle would not parse there, so it must not start where it does (tests).
if (!(window as { stdratesUnsupported?: string }).stdratesUnsupported) {
  void lazyLoaders.engine().catch(() => undefined);
  const opened = officeHost().then(openSession);
  // The preview's sheet view, in a root of its own beside the pane (never loaded inside Excel).
  opened
    .then(async ({ session }) => {
      if (!session.view) return;
      const { mountSheetView } = await import(/* webpackChunkName: "sheet-view" */ "./sheet-view");
      mountSheetView(session.view);
    })
    .catch(() => undefined);
  createRoot(document.getElementById("container")!).render(
    <FluentProvider theme={webLightTheme}>
      <App sessionPromise={opened} loaders={lazyLoaders} />
    </FluentProvider>,
  );
}
