// The workbook the pane works on: the open Excel workbook (office.js port), or, outside Office,
// an in-browser ExcelJS workbook (the standalone preview) that can open a file and be downloaded.
import type { WorkbookPort } from "../workbook/port";
import type { SheetViewStore } from "./sheet-view/store";

export interface WorkbookSession {
  mode: "excel" | "preview";
  port: WorkbookPort;
  /** What the pane calls the workbook ("New workbook", a file name). */
  label?: string;
  /** Preview only: a new session over an .xlsx file the user opened. */
  openFile?: (data: ArrayBuffer, name: string) => Promise<WorkbookSession>;
  /** Preview only: the workbook, with any output sheets, as .xlsx bytes. */
  download?: () => Promise<Uint8Array>;
  /** Preview only: the sheet view, which shows what the port wrote and selected. */
  view?: SheetViewStore;
}
