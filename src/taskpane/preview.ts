// The standalone preview: the same pane over an in-browser ExcelJS workbook, through the xlsx
// port (the adapter the command line and the tests use). Loaded only outside Office.
import type { WorkbookSession } from "./session";

export async function createPreviewSession(file?: {
  data: ArrayBuffer;
  name: string;
}): Promise<WorkbookSession> {
  const [ExcelJS, { createXlsxPort, FAST_ZIP }] = await Promise.all([
    import(/* webpackChunkName: "exceljs" */ "exceljs"),
    import(/* webpackChunkName: "xlsx-port" */ "../workbook/xlsx/port"),
  ]);
  const wb = new ExcelJS.Workbook();
  if (file) await wb.xlsx.load(file.data);
  return {
    mode: "preview",
    label: file?.name ?? "New workbook",
    port: createXlsxPort(wb),
    openFile: (data, name) => createPreviewSession({ data, name }),
    download: async () => new Uint8Array(await wb.xlsx.writeBuffer(FAST_ZIP)),
  };
}
