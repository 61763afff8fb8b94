// Outside Excel: say so, and let the user open an .xlsx into the in-browser workbook.
import { useRef, useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { WorkbookSession } from "../session";

export function PreviewBar({
  session,
  onOpened,
}: {
  session: WorkbookSession;
  onOpened(next: WorkbookSession): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async (file: File) => {
    setError(null);
    try {
      onOpened(await session.openFile!(await file.arrayBuffer(), file.name));
    } catch (e) {
      setError(`Could not open ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  // Forget the workbook kept in this browser and start a new, empty one.
  const clear = async () => {
    setError(null);
    const [{ clearStoredWorkbook }, { createPreviewSession }] = await Promise.all([
      import(/* webpackChunkName: "preview" */ "../preview-store"),
      import(/* webpackChunkName: "preview" */ "../preview"),
    ]);
    await clearStoredWorkbook();
    onOpened(await createPreviewSession());
  };
  return (
    <MessageBar intent={error ? "error" : "info"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Standalone preview</MessageBarTitle>
        {error ??
          `Not connected to Excel: working on ${session.label ?? "an in-browser workbook"}, kept in this browser until you clear it. Nothing leaves this browser.`}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => void clear()}>Clear</Button>
        {session.openFile && (
          <>
            <Button onClick={() => input.current?.click()}>Open .xlsx…</Button>
            <input
              ref={input}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label="Open an .xlsx workbook"
              hidden
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = "";
                if (f) void open(f);
              }}
            />
          </>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
