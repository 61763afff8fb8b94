// Messages: errors name the sheet, row and column and offer "Go to cell"; other notes are info.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { CellLocation } from "../../engine/errors";

export interface PaneMessage {
  intent: "error" | "warning" | "success" | "info";
  title?: string;
  text: string;
  /** Where the problem is, for Go to cell. */
  goTo?: { sheet: string; address?: string };
}

export function Notice({ message, onGoTo, onDismiss }: { message: PaneMessage; onGoTo(sheet: string, address?: string): void; onDismiss?: () => void }) {
  return (
    <MessageBar intent={message.intent} layout="multiline" role={message.intent === "error" ? "alert" : "status"}>
      <MessageBarBody>
        {message.title && <MessageBarTitle>{message.title}</MessageBarTitle>}
        {message.text}
      </MessageBarBody>
      <MessageBarActions>
        {message.goTo && <Button onClick={() => onGoTo(message.goTo!.sheet, message.goTo!.address)}>Go to cell</Button>}
        {onDismiss && (
          <Button appearance="transparent" onClick={onDismiss}>
            Dismiss
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}

export type { CellLocation };
