// The standalone preview keeps its workbook in this browser (IndexedDB) until the user clears it:
// a reload, or closing the tab, used to lose the opened or edited workbook. One record, the
// workbook's .xlsx bytes and name, saved shortly after each change the pane makes through the port.
// Nothing leaves the browser. Where IndexedDB is missing or refused (a private window), the
// preview works as before, without keeping anything.
import type { WorkbookPort } from "../workbook/port";
import type { WorkbookSession } from "./session";

const DB = "stdrates-preview";
const STORE = "workbook";
const KEY = "current";

export interface StoredWorkbook {
  data: ArrayBuffer;
  name: string;
  /** Date.now() when saved. */
  savedAt: number;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") return reject(new Error("No IndexedDB here."));
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB refused."));
  });
}

/** One request in its own transaction; resolves with the request's result when it commits. */
async function request<T>(mode: IDBTransactionMode, make: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = make(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction failed."));
    });
  } finally {
    db.close();
  }
}

export async function loadStoredWorkbook(): Promise<StoredWorkbook | undefined> {
  try {
    const v = await request("readonly", (s) => s.get(KEY) as IDBRequest<StoredWorkbook | undefined>);
    return v && v.data instanceof ArrayBuffer && typeof v.name === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

export async function saveStoredWorkbook(data: ArrayBuffer, name: string): Promise<void> {
  const record: StoredWorkbook = { data, name, savedAt: Date.now() };
  await request("readwrite", (s) => s.put(record, KEY));
}

/** Each clear starts a new generation: saves still pending from the cleared workbook are dropped. */
let generation = 0;

export async function clearStoredWorkbook(): Promise<void> {
  generation++;
  try {
    await request("readwrite", (s) => s.delete(KEY));
  } catch {
    // Nothing stored, or no IndexedDB: nothing to forget.
  }
}

/** Port methods that change the workbook: a save follows each. */
const CHANGES: (keyof WorkbookPort)[] = ["applyPlan", "insertSheets", "saveSettings", "insertPicture"];

/** Quiet time after the last change before writing the workbook out (writing .xlsx takes a moment). */
const SAVE_DELAY_MS = 800;

/**
 * The session with a port that saves the workbook after every change, and saves an opened file at
 * once (it is its own bytes). Saving is best effort: a failure leaves the pane working.
 */
export function keptInBrowser(session: WorkbookSession, opts: { saveNow: boolean }): WorkbookSession {
  const mine = generation;
  const name = session.label ?? "New workbook";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = async () => {
    if (mine !== generation || !session.download) return;
    const bytes = await session.download();
    if (mine !== generation) return;
    await saveStoredWorkbook(bytes.slice().buffer, name);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => void save().catch((e: unknown) => console.warn("stdrates: not kept", e)),
      SAVE_DELAY_MS,
    );
  };
  if (opts.saveNow) later();
  const port = new Proxy(session.port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function" || !CHANGES.includes(prop as keyof WorkbookPort)) return value;
      return async (...args: unknown[]) => {
        const out: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
        later();
        return out;
      };
    },
  });
  return { ...session, port };
}
