// Messages: errors name the sheet, row and column and offer "Go to cell"; other notes are info.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { CellLocation } from "../../engine/errors";

export interface PaneMessage {
  intent: "error" | "warning" | "success" | "info";
  title?: string;
  text: string;
  /** Where the problem is, for Go to cell. */
  goTo?: { sheet: string; address?: string };
}

export interface NoticeProps {
  message: PaneMessage;
  onGoTo(sheet: string, address?: string): void;
  onDismiss?: () => void;
  /** Move focus to an error when it appears, and scroll it into view: the Run button may be far below. */
  focusErrors?: boolean;
}

export function Notice({ message, onGoTo, onDismiss, focusErrors }: NoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusErrors || message.intent !== "error" || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView?.({ block: "nearest" });
  }, [message, focusErrors]);
  return (
    <MessageBar
      ref={ref}
      tabIndex={-1}
      intent={message.intent}
      layout="multiline"
      role={message.intent === "error" ? "alert" : "status"}
    >
      <MessageBarBody>
        {message.title && <MessageBarTitle>{message.title}</MessageBarTitle>}
        {message.text}
      </MessageBarBody>
      <MessageBarActions>
        {message.goTo && (
          <Button onClick={() => onGoTo(message.goTo!.sheet, message.goTo!.address)}>Go to cell</Button>
        )}
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
