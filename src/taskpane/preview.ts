// The standalone preview: the same pane over an in-browser ExcelJS workbook, through the xlsx
// port (the adapter the command line and the tests use). Loaded only outside Office. A workbook
// the user opens is read by the streaming reader first, so its tables are listed in about a
// second; ExcelJS loads it whole (seconds for a DID-sized workbook) only when the pane writes.
import type ExcelJS from "exceljs";
import { keptInBrowser, loadStoredWorkbook } from "./preview-store";
import type { WorkbookSession } from "./session";

/** A session over `file`, else over the workbook kept in this browser, else a new one (preview-store.ts). */
export async function createPreviewSession(file?: {
  data: ArrayBuffer;
  name: string;
}): Promise<WorkbookSession> {
  const stored = file ? undefined : await loadStoredWorkbook();
  return keptInBrowser(await openSession(file ?? stored), { saveNow: Boolean(file) });
}

async function openSession(file?: { data: ArrayBuffer; name: string }): Promise<WorkbookSession> {
  const loadExcelJS = () => import(/* webpackChunkName: "exceljs" */ "exceljs");
  const { createOpenedXlsxPort, createXlsxPort, FAST_ZIP } = await import(
    /* webpackChunkName: "xlsx-port" */ "../workbook/xlsx/port"
  );
  let wb: ExcelJS.Workbook | undefined;
  const common = {
    mode: "preview" as const,
    label: file?.name ?? "New workbook",
    openFile: (data: ArrayBuffer, name: string) => createPreviewSession({ data, name }),
    // Unchanged, the opened file is its own download.
    download: async () =>
      wb
        ? new Uint8Array(await wb.xlsx.writeBuffer(FAST_ZIP))
        : new Uint8Array(file?.data ?? new ArrayBuffer(0)),
  };
  if (!file) {
    wb = new (await loadExcelJS()).Workbook();
    return { ...common, port: createXlsxPort(wb) };
  }
  const { browserInflateRaw, readXlsx } = await import(
    /* webpackChunkName: "xlsx-read" */ "../workbook/xlsx/stream-read"
  );
  const opened = await readXlsx(file.data, { inflateRaw: browserInflateRaw() });
  const load = async () => {
    const book = new (await loadExcelJS()).Workbook();
    await book.xlsx.load(file.data);
    wb = book;
    return book;
  };
  return { ...common, port: createOpenedXlsxPort(opened, load) };
}
