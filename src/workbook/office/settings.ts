// Settings saved in the document (Office document settings): the chosen tables, mapping and
// options travel with the workbook, so reopening it and pressing Run gives the same output.

const PREFIX = "stdrates.";

export async function loadSettings<T>(key: string): Promise<T | undefined> {
  const v = Office.context.document.settings.get(PREFIX + key) as T | null | undefined;
  return v === null || v === undefined ? undefined : v;
}

export function saveSettings<T>(key: string, value: T): Promise<void> {
  const settings = Office.context.document.settings;
  settings.set(PREFIX + key, value);
  return new Promise((resolve, reject) =>
    settings.saveAsync((r) =>
      r.status === Office.AsyncResultStatus.Failed
        ? reject(new Error(r.error?.message ?? "Could not save settings"))
        : resolve(),
    ),
  );
}
