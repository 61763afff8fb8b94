// The WorkbookPort over the open Excel workbook (office.js). This folder is the only code that
// calls Excel.run and context.sync; the task pane talks to the port only.
import type { WorkbookPort } from "../port";
import { applyPlan } from "./apply";
import { readGrid, sheetNames } from "./grid";
import { insertPicture } from "./picture";
import { listTables, selectionRef } from "./list";
import { readTable } from "./read";
import { loadSettings, saveSettings } from "./settings";
import { insertSheets, select } from "./sheets";

export function createOfficePort(): WorkbookPort {
  return {
    listTables,
    selectionRef,
    readTable: (ref, onProgress) => readTable(ref, onProgress),
    applyPlan,
    select,
    insertSheets,
    loadSettings,
    saveSettings,
    sheetNames,
    readGrid,
    insertPicture,
  };
}

export { readRows, type ReadStats } from "./read";
export { widthToPoints } from "./apply";
