// The small XML parts of an .xlsx package (workbook, relationships, styles, shared strings, a
// sheet's own settings), parsed with saxes, a maintained streaming XML parser. The sheet's cells
// are not here: sheet-data.ts reads them (they are nearly all of the bytes).
import { SaxesParser, type SaxesTagPlain } from "saxes";

/** Local name of a tag ("x:row" → "row"): some writers prefix SpreadsheetML elements. */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** Walks an XML document: element names come without their prefix. */
export function walkXml(xml: string, on: XmlHandlers): void {
  const parser = new SaxesParser();
  if (on.open)
    parser.on("opentag", (t: SaxesTagPlain) =>
      on.open!(localName(t.name), t.attributes as Record<string, string>, t.isSelfClosing),
    );
  if (on.close) parser.on("closetag", (t) => on.close!(localName(t.name)));
  if (on.text) {
    parser.on("text", on.text);
    parser.on("cdata", on.text);
  }
  parser.write(xml).close();
}

export interface SheetEntry {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** Relationship id of the sheet's part. */
  rid: string;
}

export interface WorkbookPart {
  sheets: SheetEntry[];
  /** Dates count from 1904-01-01 (old Mac workbooks) rather than 1899-12-30. */
  date1904: boolean;
  /** Defined names with a single reference ("Sheet1!$A$1:$C$9"), hidden or not. */
  definedNames: { name: string; ref: string; localSheet?: number }[];
}

const truthy = (v: string | undefined) => v === "1" || v === "true";

export function parseWorkbook(xml: string): WorkbookPart {
  const out: WorkbookPart = { sheets: [], date1904: false, definedNames: [] };
  let name: { name: string; localSheet?: number } | undefined;
  let ref = "";
  walkXml(xml, {
    open(tag, a) {
      if (tag === "sheet") {
        const rid = Object.entries(a).find(([k]) => localName(k) === "id")?.[1] ?? "";
        const state = a.state === "hidden" || a.state === "veryHidden" ? a.state : "visible";
        out.sheets.push({ name: a.name ?? "", state, rid });
      } else if (tag === "workbookPr") out.date1904 = truthy(a.date1904);
      else if (tag === "definedName") {
        name = { name: a.name ?? "", ...(a.localSheetId ? { localSheet: Number(a.localSheetId) } : {}) };
        ref = "";
      }
    },
    text(t) {
      if (name) ref += t;
    },
    close(tag) {
      if (tag === "definedName" && name) {
        out.definedNames.push({ ...name, ref });
        name = undefined;
      }
    },
  });
  return out;
}

/** A relationships part: id → target path inside the package (resolved against `base`). */
export function parseRels(xml: string, base: string): Map<string, string> {
  const out = new Map<string, string>();
  walkXml(xml, {
    open(tag, a) {
      if (tag === "Relationship" && a.Id && a.Target && a.TargetMode !== "External")
        out.set(a.Id, resolvePath(base, a.Target));
    },
  });
  return out;
}

/** Targets of a part's relationships to Excel tables (ECMA-376 Part 1, §18.5). */
export function tableTargets(xml: string, base: string): string[] {
  const out: string[] = [];
  walkXml(xml, {
    open(tag, a) {
      if (tag === "Relationship" && a.Target && /\/table$/.test(a.Type ?? ""))
        out.push(resolvePath(base, a.Target));
    },
  });
  return out;
}

/** An Excel table part: its name and A1 range. */
export function parseTable(xml: string): { name: string; address: string } | undefined {
  let found: { name: string; address: string } | undefined;
  walkXml(xml, {
    open(tag, a) {
      if (tag === "table" && !found && a.name && a.ref) found = { name: a.name, address: a.ref };
    },
  });
  return found;
}

/** "xl/" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; "/xl/…" is from the root. */
export function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** Built-in number formats (ECMA-376 Part 1, §18.8.30), as ExcelJS names them. */
const BUILTIN_FORMATS: Record<number, string> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Number format of each cell style (index = the cell's `s`), null for General. */
export function parseStyles(xml: string): (string | null)[] {
  const custom = new Map<number, string>();
  const formats: (string | null)[] = [];
  let inCellXfs = false;
  walkXml(xml, {
    open(tag, a, selfClosing) {
      // Backslash escapes dropped ("d\-mmm" → "d-mmm"), as ExcelJS gives the code.
      if (tag === "numFmt") custom.set(Number(a.numFmtId), (a.formatCode ?? "").replace(/\\(.)/g, "$1"));
      else if (tag === "cellXfs") inCellXfs = !selfClosing;
      else if (tag === "xf" && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        formats.push(id ? (custom.get(id) ?? BUILTIN_FORMATS[id] ?? null) : null);
      }
    },
    close(tag) {
      if (tag === "cellXfs") inCellXfs = false;
    },
  });
  return formats;
}

/** Excel's `_xHHHH_` escape for characters XML cannot hold (ECMA-376 Part 1, §22.9.2.19). */
export function unescapeXstring(s: string): string {
  return s.indexOf("_x") < 0
    ? s
    : s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The shared strings: rich text runs joined, phonetic guides (rPh) left out. */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let text: string[] | undefined;
  let inT = false;
  let phonetic = 0;
  walkXml(xml, {
    open(tag, _a, selfClosing) {
      if (tag === "si") text = [];
      else if (tag === "rPh") phonetic += selfClosing ? 0 : 1;
      else if (tag === "t" && phonetic === 0) inT = !selfClosing;
    },
    text(t) {
      if (inT && text) text.push(t);
    },
    close(tag) {
      if (tag === "t") inT = false;
      else if (tag === "rPh") phonetic--;
      else if (tag === "si" && text) {
        out.push(unescapeXstring(text.join("")));
        text = undefined;
      }
    },
  });
  return out;
}

export interface SheetSettings {
  merges: string[];
  hiddenColumns: number[];
}

/** What a sheet says outside its cells: merged ranges and hidden columns. */
export function parseSheetSettings(xml: string): SheetSettings {
  const out: SheetSettings = { merges: [], hiddenColumns: [] };
  walkXml(xml, {
    open(tag, a) {
      if (tag === "mergeCell" && a.ref) out.merges.push(a.ref);
      else if (tag === "col" && truthy(a.hidden)) {
        for (let c = Number(a.min); c <= Number(a.max) && c <= 16384; c++) out.hiddenColumns.push(c);
      }
    },
  });
  return out;
}
