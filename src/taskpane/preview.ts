// The standalone preview: the same pane over an in-browser ExcelJS workbook, through the xlsx
// port (the adapter the command line and the tests use). Loaded only outside Office. A workbook
// the user opens is read by the streaming reader first, so its tables are listed in about a
// second; ExcelJS loads it whole (seconds for a DID-sized workbook) only when the pane writes.
import type ExcelJS from "exceljs";
import { keptInBrowser, loadStoredWorkbook } from "./preview-store";
import type { WorkbookSession } from "./session";
import type { XlsxPort } from "../workbook/xlsx/port";
import { createSheetViewStore } from "./sheet-view/store";

/** One sheet view for every workbook the preview opens; each new session attaches its port. */
const view = createSheetViewStore();
const withView = (port: XlsxPort) => {
  view.attach({
    sheetNames: () => port.sheetNames!(),
    readGrid: (sheet) => port.readGrid!(sheet),
    select: (sheet, address) => port.select(sheet, address),
  });
  return { port, view };
};

/** Native charts go into the downloaded file as pictures of the view's drawing (ExcelJS cannot write charts). */
async function chartPictures(wb: ExcelJS.Workbook): Promise<void> {
  const [{ addChartPictures }, { rasteriseInBrowser }] = await Promise.all([
    import(/* webpackChunkName: "sheet-view" */ "./sheet-view/chart-pictures"),
    import(/* webpackChunkName: "pictures" */ "./pictures/png"),
  ]);
  await addChartPictures(wb, view.written(), rasteriseInBrowser);
}

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
    download: async () => {
      if (!wb) return new Uint8Array(file?.data ?? new ArrayBuffer(0));
      await chartPictures(wb);
      return new Uint8Array(await wb.xlsx.writeBuffer(FAST_ZIP));
    },
  };
  if (!file) {
    wb = new (await loadExcelJS()).Workbook();
    return { ...common, ...withView(createXlsxPort(wb, view)) };
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
  return { ...common, ...withView(createOpenedXlsxPort(opened, load, view)) };
}
