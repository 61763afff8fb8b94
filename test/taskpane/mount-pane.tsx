// The whole pane as Excel shows it: App over a port (by default the office.js adapter on the
// installed fake Excel), with everything lazy loaded as in the built pane.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { lazyLoaders } from "../../src/taskpane/lazy";
import { createOfficePort } from "../../src/workbook/office";
import type { WorkbookPort } from "../../src/workbook/port";

export function mountPane(port: WorkbookPort = createOfficePort()) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App
        sessionPromise={Promise.resolve({ session: { mode: "excel" as const, port }, notices: [] })}
        loaders={lazyLoaders}
      />
    </FluentProvider>,
  );
}
