// The Excel object model subset the adapter uses, over the fake's model. Member names, argument
// types and enum strings follow @types/office-js (the `Excel.*` types are referenced directly).
import {
  type Batch,
  CollectionProxy,
  type Core,
  FakeRichApiError,
  type PropSpec,
  ClientProxy,
  scalarAccessors,
} from "./core";
import {
  type Borders,
  type Cell,
  type CellFormat,
  type ConditionalFormatModel,
  type Journal,
  type NameModel,
  type RectModel,
  type Scalar,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
  cellKey,
  editCell,
  formatA1,
  newSheet,
  overlaps,
  parseA1,
  quoteSheet,
  splitSheetAddress,
  typeIn,
} from "./model";

const fail = (code: string, message: string): never => {
  throw new FakeRichApiError(code, message);
};

/** Excel's default column width: 8.43 characters = 64 px = 48 pt. */
export const DEFAULT_COLUMN_POINTS = 48;
export const DEFAULT_ROW_POINTS = 15;
const CELL_LIMIT = 5_000_000;

export interface RangeT {
  sheet: SheetModel;
  rect: RectModel;
}

function forCells(t: RangeT, f: (row: number, col: number, i: number, k: number) => void): void {
  const { row, col, rows, cols } = t.rect;
  if (rows * cols > CELL_LIMIT) fail("InvalidArgument", "fake: range too large to edit cell by cell");
  for (let i = 0; i < rows; i++) for (let k = 0; k < cols; k++) f(row + i, col + k, i, k);
}

function grid<V>(t: RangeT, f: (c: Cell | undefined) => V): V[][] {
  const { row, col, rows, cols } = t.rect;
  const out: V[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const r: V[] = new Array(cols);
    for (let k = 0; k < cols; k++) r[k] = f(t.sheet.cells.get(cellKey(row + i, col + k)));
    out[i] = r;
  }
  return out;
}

/** A 2D input must match the range exactly; null entries leave the cell unchanged (as in Excel). */
function check2D(t: RangeT, v: unknown, what: string): unknown[][] {
  if (
    !Array.isArray(v) ||
    v.length !== t.rect.rows ||
    v.some((r) => !Array.isArray(r) || r.length !== t.rect.cols)
  ) {
    fail(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
    );
  }
  return v as unknown[][];
}

function writeEntered(j: Journal, t: RangeT, v: unknown, what: string): void {
  const rows = check2D(t, v, what);
  forCells(t, (r, c, i, k) => {
    const x = rows[i]![k];
    if (x === null || x === undefined) return;
    if (typeof x === "number" && !Number.isFinite(x))
      fail("InvalidArgument", `Invalid number at ${formatA1({ row: r, col: c, rows: 1, cols: 1 })}`);
    if (typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean")
      fail("InvalidArgument", "Invalid value type");
    if (typeof x === "string" && x.length > 32_767)
      fail("InvalidArgument", "A cell holds at most 32,767 characters.");
    const cell = editCell(j, t.sheet, r, c);
    delete cell.value;
    delete cell.formula;
    delete cell.error;
    delete cell.quotePrefix;
    if (typeof x === "string") Object.assign(cell, typeIn(x));
    else cell.value = x as Scalar;
    if (cell.value === undefined && !cell.formula && !cell.error && Object.keys(cell.format).length === 0) {
      j.mapSet(t.sheet.cells, cellKey(r, c), undefined);
    }
  });
}

function setFormat(j: Journal, t: RangeT, f: (fmt: CellFormat) => void): void {
  forCells(t, (r, c) => f(editCell(j, t.sheet, r, c).format));
}

const valueOf = (c: Cell | undefined): Scalar => (c ? (c.error ?? c.value ?? "") : "");

function validSheetName(name: unknown): string {
  if (
    typeof name !== "string" ||
    name.length === 0 ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    /^'|'$/.test(name) ||
    // Excel reserves "History" (for its change-tracking sheet): "Rename a worksheet", support.microsoft.com.
    name.toLowerCase() === "history"
  ) {
    return fail("InvalidArgument", `Invalid worksheet name: ${String(name)}`);
  }
  return name;
}

/**
 * Excel's rules for defined names and table names ("Names in formulas", "Rename an Excel table",
 * support.microsoft.com): a letter, underscore or backslash first, then letters, digits, periods
 * and underscores; at most 255 characters; never a cell reference in either style (A1, XFD10,
 * R1C1, R, C, RC2).
 */
function validIdentifier(name: unknown): name is string {
  return (
    typeof name === "string" &&
    name.length <= 255 &&
    /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[Rr]\d*([Cc]\d*)?$/.test(name) &&
    !/^[Cc]\d*$/.test(name)
  );
}

function sheetByName(model: WorkbookModel, name: string): SheetModel | null {
  const n = name.toLowerCase();
  return model.sheets.find((s) => s.name.toLowerCase() === n) ?? null;
}

function validName(model: WorkbookModel, name: unknown, scope?: SheetModel): string {
  if (!validIdentifier(name)) return fail("InvalidArgument", `The name '${String(name)}' is not valid.`);
  const n = name.toLowerCase();
  const taken =
    model.names.some((x) => !x.deleted && x.scope === scope && x.name.toLowerCase() === n) ||
    model.sheets.some((s) => !s.deleted && s.tables.some((t) => t.name.toLowerCase() === n));
  if (taken) fail("ItemAlreadyExists", `The name '${name}' already exists.`);
  return name;
}

// ---------------------------------------------------------------------------------------------

export class FakeWorkbook extends ClientProxy<WorkbookModel> {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly application: FakeApplication;
  constructor(batch: Batch) {
    super(batch, () => batch.core.model);
    this.worksheets = new FakeWorksheetCollection(batch);
    this.tables = new FakeTableCollection(batch, () => null);
    this.names = new FakeNamedItemCollection(batch, () => undefined);
    this.application = new FakeApplication(batch);
  }
  getSelectedRange(): FakeRange {
    const model = this._batch.core.model;
    return new FakeRange(
      this._batch,
      () => {
        const s = model.selection ?? (model.activeSheet && { sheet: model.activeSheet, rect: parseA1("A1") });
        // Several areas selected: getSelectedRange fails ("InvalidSelection",
        // OfficeDev/office-js-docs-pr#2477); getSelectedRanges (ExcelApi 1.9) is the way to read them.
        if (s && "areas" in s && (s.areas?.length ?? 0) > 1)
          fail("InvalidSelection", "The current selection is invalid for this operation.");
        return s ? { sheet: s.sheet, rect: s.rect } : fail("ItemNotFound", "No selection");
      },
      true,
    );
  }
  getActiveWorksheet(): FakeWorksheet {
    return this.worksheets.getActiveWorksheet();
  }
}

export class FakeApplication extends ClientProxy<WorkbookModel> {
  constructor(batch: Batch) {
    super(batch, () => batch.core.model);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._requireApi("1.9", "suspendScreenUpdatingUntilNextSync");
    this._op(
      "suspendScreenUpdatingUntilNextSync",
      undefined,
      () => void this._batch.core.stats.suspendScreenUpdating++,
    );
  }
}

export class FakeWorksheetCollection extends CollectionProxy<SheetModel, FakeWorksheet> {
  constructor(batch: Batch) {
    super(
      batch,
      () => batch.core.model.sheets.filter((s) => !s.deleted),
      (s) => new FakeWorksheet(batch, () => s),
    );
  }
  private get model(): WorkbookModel {
    return this._batch.core.model;
  }
  add(name?: string): FakeWorksheet {
    let created: SheetModel | null = null;
    const p = new FakeWorksheet(this._batch, () => created);
    this._op("add", name ?? null, (j) => {
      const m = this.model;
      let n = name;
      if (n === undefined) for (let i = m.sheets.length + 1; !n || sheetByName(m, n); i++) n = `Sheet${i}`;
      validSheetName(n);
      if (sheetByName(m, n)) fail("ItemAlreadyExists", `A worksheet named '${n}' already exists.`);
      created = newSheet(m, n);
      j.push(m.sheets, created);
    });
    return p;
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(
      this._batch,
      () =>
        sheetByName(this.model, key) ??
        this.model.sheets.find((s) => s.id === key) ??
        fail("ItemNotFound", `Worksheet '${key}' not found.`),
      true,
    );
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(
      this._batch,
      () => sheetByName(this.model, key) ?? this.model.sheets.find((s) => s.id === key) ?? null,
      true,
    );
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(
      this._batch,
      () => this.model.activeSheet ?? fail("ItemNotFound", "No active sheet"),
      true,
    );
  }
}

export class FakeWorksheet extends ClientProxy<SheetModel> {
  declare name: string;
  declare readonly id: string;
  declare position: number;
  declare visibility: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden";
  declare tabColor: string;
  declare showGridlines: boolean;

  protected override _props(): Record<string, PropSpec<SheetModel>> {
    const model = this._batch.core.model;
    return {
      name: {
        get: (s) => s.name,
        set: (s, v, j) => {
          const n = validSheetName(v);
          const other = sheetByName(model, n);
          if (other && other !== s) fail("ItemAlreadyExists", `A worksheet named '${n}' already exists.`);
          j.set(s, "name", n);
        },
      },
      id: { get: (s) => s.id },
      position: {
        get: (s) => model.sheets.indexOf(s),
        set: (s, v, j) => {
          const from = model.sheets.indexOf(s);
          const to = Number(v);
          if (!Number.isInteger(to) || to < 0 || to >= model.sheets.length)
            fail("InvalidArgument", "Bad position");
          j.splice(model.sheets, from, 1);
          j.splice(model.sheets, to, 0, s);
        },
      },
      visibility: {
        get: (s) => s.visibility,
        set: (s, v, j) => {
          if (
            v !== "Visible" &&
            model.sheets.filter((x) => x.visibility === "Visible" && x !== s).length === 0
          ) {
            fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
          }
          j.set(s, "visibility", v as SheetModel["visibility"]);
        },
      },
      tabColor: {
        api: "1.7",
        get: (s) => s.tabColor,
        set: (s, v, j) => {
          if (typeof v !== "string" || (v !== "" && !/^#[0-9A-Fa-f]{6}$/.test(v)))
            fail("InvalidArgument", "Bad tab colour");
          j.set(s, "tabColor", (v as string).toUpperCase());
        },
      },
      showGridlines: {
        api: "1.8",
        get: (s) => s.showGridlines,
        set: (s, v, j) => j.set(s, "showGridlines", Boolean(v)),
      },
    };
  }

  get tables(): FakeTableCollection {
    return new FakeTableCollection(this._batch, () => this._need());
  }
  get names(): FakeNamedItemCollection {
    return new FakeNamedItemCollection(this._batch, () => this._need());
  }
  get freezePanes(): FakeWorksheetFreezePanes {
    return new FakeWorksheetFreezePanes(this._batch, () => this._need());
  }
  get onChanged(): FakeEvent {
    return new FakeEvent(this._batch, () => this._need(), "onChanged");
  }
  get charts(): FakeChartCollection {
    return new FakeChartCollection(this._batch, () => this._need());
  }
  get shapes(): FakeShapeCollection {
    return new FakeShapeCollection(this._batch, () => this._need());
  }
  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this._batch, () => this._need());
  }
  get horizontalPageBreaks(): FakePageBreakCollection {
    return new FakePageBreakCollection(this._batch, () => this._need());
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(
      this._batch,
      () => ({
        sheet: this._need(),
        rect: address ? parseA1(splitSheetAddress(address).address) : parseA1("A:XFD"),
      }),
      true,
    );
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(
      this._batch,
      () => {
        if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1)
          fail("InvalidArgument", "Bad range indexes");
        return {
          sheet: this._need(),
          rect: { row: startRow, col: startColumn, rows: rowCount, cols: columnCount },
        };
      },
      true,
    );
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this._batch,
      () => ({ sheet: this._need(), rect: usedRect(this._need(), valuesOnly) ?? parseA1("A1") }),
      true,
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this._requireApi("1.4", "getUsedRangeOrNullObject");
    return new FakeRange(
      this._batch,
      () => {
        const r = usedRect(this._need(), valuesOnly);
        return r ? { sheet: this._need(), rect: r } : null;
      },
      true,
    );
  }
  activate(): void {
    this._op("activate", undefined, (j) => {
      const s = this._need();
      if (s.visibility !== "Visible") fail("InvalidOperation", "Cannot activate a hidden sheet");
      j.set(this._batch.core.model, "activeSheet", s);
    });
  }
  delete(): void {
    this._op("delete", undefined, (j) => {
      const s = this._need();
      const model = this._batch.core.model;
      if (model.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) {
        fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      j.splice(model.sheets, model.sheets.indexOf(s), 1);
      j.set(s, "deleted", true);
      for (const n of model.names) if (n.scope === s) j.set(n, "deleted", true);
      if (model.activeSheet === s)
        j.set(
          model,
          "activeSheet",
          model.sheets.find((x) => x.visibility === "Visible"),
        );
      if (model.selection?.sheet === s) j.set(model, "selection", undefined);
    });
  }
}
scalarAccessors(FakeWorksheet, ["name", "id", "position", "visibility", "tabColor", "showGridlines"]);

function usedRect(s: SheetModel, valuesOnly?: boolean): RectModel | null {
  let r0 = Infinity,
    c0 = Infinity,
    r1 = -1,
    c1 = -1;
  for (const [key, cell] of s.cells) {
    if (valuesOnly && cell.value === undefined && !cell.formula && !cell.error) continue;
    const r = Math.floor(key / 16384),
      c = key % 16384;
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  }
  return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export class FakeWorksheetFreezePanes extends ClientProxy<SheetModel> {
  private freeze(
    f: (s: SheetModel) => { rows: number; cols: number } | undefined,
    what: string,
    arg?: unknown,
  ): void {
    this._requireApi("1.7", "freezePanes");
    this._op(what, arg ?? null, (j) => {
      const s = this._need();
      j.set(s, "freeze", f(s));
    });
  }
  freezeAt(frozenRange: FakeRange | string): void {
    this.freeze((s) => {
      const rect = typeof frozenRange === "string" ? parseA1(frozenRange) : frozenRange._need().rect;
      if (typeof frozenRange !== "string" && frozenRange._need().sheet !== s)
        fail("InvalidArgument", "Range on another sheet");
      return { rows: rect.row + rect.rows, cols: rect.col + rect.cols };
    }, "freezeAt");
  }
  freezeRows(count?: number): void {
    this.freeze(() => ({ rows: count ?? 1, cols: 0 }), "freezeRows", count);
  }
  freezeColumns(count?: number): void {
    this.freeze(() => ({ rows: 0, cols: count ?? 1 }), "freezeColumns", count);
  }
  unfreeze(): void {
    this.freeze(() => undefined, "unfreeze");
  }
}

// ---------------------------------------------------------------------------------------------

export class FakeRange extends ClientProxy<RangeT> {
  declare readonly address: string;
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
  declare readonly rowCount: number;
  declare readonly columnCount: number;
  declare values: Excel.Range["values"];
  declare formulas: Excel.Range["formulas"];
  declare numberFormat: Excel.Range["numberFormat"];
  declare readonly valueTypes: Excel.Range["valueTypes"];
  declare readonly left: number;
  declare readonly top: number;
  declare readonly width: number;
  declare readonly height: number;
  declare readonly text: Excel.Range["text"];

  protected override _props(): Record<string, PropSpec<RangeT>> {
    return {
      address: { get: (t) => `${quoteSheet(t.sheet.name)}!${formatA1(t.rect)}` },
      rowIndex: { get: (t) => t.rect.row },
      columnIndex: { get: (t) => t.rect.col },
      rowCount: { get: (t) => t.rect.rows },
      columnCount: { get: (t) => t.rect.cols },
      values: { get: (t) => grid(t, valueOf), set: (t, v, j) => writeEntered(j, t, v, "values") },
      formulas: {
        get: (t) => grid(t, (c) => c?.formula ?? valueOf(c)),
        set: (t, v, j) => writeEntered(j, t, v, "formulas"),
      },
      numberFormat: {
        get: (t) => grid(t, (c) => c?.format.numberFormat ?? "General"),
        set: (t, v, j) => {
          const rows = check2D(t, v, "numberFormat");
          forCells(t, (r, c, i, k) => {
            const f = rows[i]![k];
            if (f === null || f === undefined) return;
            if (typeof f !== "string") fail("InvalidArgument", "numberFormat must be text");
            editCell(j, t.sheet, r, c).format.numberFormat = f as string;
          });
        },
      },
      valueTypes: {
        get: (t) =>
          grid(t, (c) =>
            !c || (c.value === undefined && !c.error)
              ? "Empty"
              : c.error
                ? "Error"
                : typeof c.value === "number"
                  ? "Double"
                  : typeof c.value === "boolean"
                    ? "Boolean"
                    : "String",
          ),
      },
      text: { get: (t) => grid(t, (c) => String(valueOf(c))) },
      // Geometry in points from column widths and row heights (rows do not autofit in the fake);
      // Range.left/top/width/height are ExcelApi 1.10 (office.js reference, [Api set: ExcelApi 1.10]).
      left: {
        api: "1.10",
        get: (t) => span(t.rect.col, (c) => t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_POINTS),
      },
      top: {
        api: "1.10",
        get: (t) => span(t.rect.row, (r) => t.sheet.rowHeights.get(r) ?? DEFAULT_ROW_POINTS),
      },
      width: {
        api: "1.10",
        get: (t) =>
          span(t.rect.col + t.rect.cols, (c) => t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_POINTS) -
          span(t.rect.col, (c) => t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_POINTS),
      },
      height: {
        api: "1.10",
        get: (t) =>
          span(t.rect.row + t.rect.rows, (r) => t.sheet.rowHeights.get(r) ?? DEFAULT_ROW_POINTS) -
          span(t.rect.row, (r) => t.sheet.rowHeights.get(r) ?? DEFAULT_ROW_POINTS),
      },
    };
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this._batch, () => this._need());
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this._batch, () => this._need());
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this._batch, () => this._need().sheet);
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(
      this._batch,
      () => {
        const t = this._need();
        return {
          sheet: t.sheet,
          rect: { row: t.rect.row + row, col: t.rect.col + column, rows: 1, cols: 1 },
        };
      },
      true,
    );
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    this._requireApi("1.7", "getAbsoluteResizedRange");
    return new FakeRange(
      this._batch,
      () => {
        const t = this._need();
        if (
          numRows < 1 ||
          numColumns < 1 ||
          t.rect.row + numRows > 1_048_576 ||
          t.rect.col + numColumns > 16_384
        ) {
          fail("InvalidArgument", "The resized range would leave the sheet.");
        }
        return {
          sheet: t.sheet,
          rect: { row: t.rect.row, col: t.rect.col, rows: numRows, cols: numColumns },
        };
      },
      true,
    );
  }
  getRow(row: number): FakeRange {
    return new FakeRange(
      this._batch,
      () => {
        const t = this._need();
        if (row < 0 || row >= t.rect.rows) fail("InvalidArgument", "Row outside the range");
        return { sheet: t.sheet, rect: { ...t.rect, row: t.rect.row + row, rows: 1 } };
      },
      true,
    );
  }
  /**
   * The merged areas overlapping this range, as one RangeAreas, or a null object when there are
   * none. office.js reference, Range.getMergedAreasOrNullObject: "Returns a RangeAreas object
   * that represents the merged areas in this range ... If the RangeAreas object doesn't exist,
   * then this method returns an object with its isNullObject property set to true" [Api set:
   * ExcelApi 1.13]; RangeAreas.address is "Sheet1!A1:B4, Sheet1!D1:D4" [Api set: ExcelApi 1.9].
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this._requireApi("1.13", "getMergedAreasOrNullObject");
    return new FakeRangeAreas(
      this._batch,
      () => {
        const t = this._need();
        const rects = t.sheet.merges.filter((m) => overlaps(m, t.rect));
        return rects.length ? { sheet: t.sheet, rects } : null;
      },
      true,
    );
  }
  merge(across?: boolean): void {
    this._op("merge", across ?? false, (j) => {
      const t = this._need();
      const rects = across
        ? Array.from({ length: t.rect.rows }, (_, i) => ({ ...t.rect, row: t.rect.row + i, rows: 1 }))
        : [t.rect];
      for (const rect of rects) {
        if (t.sheet.merges.some((m) => overlaps(m, rect)))
          fail("InvalidOperation", "Cannot merge over a merged area");
        if (t.sheet.tables.some((x) => overlaps(x.rect, rect)))
          fail("InvalidOperation", "Cannot merge cells in a table");
        j.push(t.sheet.merges, { ...rect });
        // Excel keeps the top-left value only.
        forCells({ sheet: t.sheet, rect }, (r, c, i, k) => {
          if (i === 0 && k === 0) return;
          const old = t.sheet.cells.get(cellKey(r, c));
          if (old && (old.value !== undefined || old.formula)) {
            const cell = editCell(j, t.sheet, r, c);
            delete cell.value;
            delete cell.formula;
          }
        });
      }
    });
  }
  select(): void {
    this._op("select", undefined, (j) => {
      const t = this._need();
      const model = this._batch.core.model;
      if (model.activeSheet !== t.sheet) fail("InvalidSelection", "The range is not on the active sheet.");
      j.set(model, "selection", { sheet: t.sheet, rect: { ...t.rect } });
    });
  }
}
scalarAccessors(FakeRange, [
  "address",
  "rowIndex",
  "columnIndex",
  "rowCount",
  "columnCount",
  "values",
  "formulas",
  "numberFormat",
  "valueTypes",
  "text",
  "left",
  "top",
  "width",
  "height",
]);

function span(n: number, size: (i: number) => number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += size(i);
  return total;
}

const HALIGN = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
];
const VALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];

/** Several rectangles of one sheet (Excel.RangeAreas): only its address, which readers need. */
export class FakeRangeAreas extends ClientProxy<{ sheet: SheetModel; rects: RectModel[] }> {
  declare readonly address: string;
  declare readonly areaCount: number;
  protected override _props(): Record<string, PropSpec<{ sheet: SheetModel; rects: RectModel[] }>> {
    return {
      address: { get: (t) => t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${formatA1(r)}`).join(", ") },
      areaCount: { get: (t) => t.rects.length },
    };
  }
}

scalarAccessors(FakeRangeAreas, ["address", "areaCount"]);

export class FakeRangeFormat extends ClientProxy<RangeT> {
  declare columnWidth: number;
  declare rowHeight: number;
  declare horizontalAlignment: Excel.HorizontalAlignment | "General" | "Left" | "Center" | "Right";
  declare verticalAlignment: Excel.VerticalAlignment | "Top" | "Center" | "Bottom";
  declare wrapText: boolean;

  protected override _props(): Record<string, PropSpec<RangeT>> {
    const uniform = <V>(t: RangeT, f: (fmt: CellFormat) => V): V | null => {
      const g = grid(t, (c) => f(c?.format ?? {}));
      const first = g[0]![0]!;
      return g.every((r) => r.every((x) => x === first)) ? first : null;
    };
    return {
      columnWidth: {
        get: (t) => t.sheet.columnWidths.get(t.rect.col) ?? DEFAULT_COLUMN_POINTS,
        set: (t, v, j) => {
          if (typeof v !== "number" || !(v >= 0)) fail("InvalidArgument", "Bad column width");
          for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++)
            j.mapSet(t.sheet.columnWidths, c, v as number);
        },
      },
      rowHeight: {
        get: (t) => t.sheet.rowHeights.get(t.rect.row) ?? DEFAULT_ROW_POINTS,
        set: (t, v, j) => {
          if (typeof v !== "number" || !(v >= 0 && v <= 409)) fail("InvalidArgument", "Bad row height");
          for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++)
            j.mapSet(t.sheet.rowHeights, r, v as number);
        },
      },
      horizontalAlignment: {
        get: (t) => uniform(t, (f) => f.horizontal ?? "General"),
        set: (t, v, j) => {
          if (!HALIGN.includes(v as string)) fail("InvalidArgument", `Bad horizontalAlignment ${String(v)}`);
          setFormat(j, t, (f) => (f.horizontal = v as string));
        },
      },
      verticalAlignment: {
        get: (t) => uniform(t, (f) => f.vertical ?? "Bottom"),
        set: (t, v, j) => {
          if (!VALIGN.includes(v as string)) fail("InvalidArgument", `Bad verticalAlignment ${String(v)}`);
          setFormat(j, t, (f) => (f.vertical = v as string));
        },
      },
      wrapText: {
        get: (t) => uniform(t, (f) => f.wrap ?? false),
        set: (t, v, j) => setFormat(j, t, (f) => (f.wrap = Boolean(v))),
      },
    };
  }
  get font(): FakeRangeFont {
    return new FakeRangeFont(this._batch, () => this._need());
  }
  get fill(): FakeRangeFill {
    return new FakeRangeFill(this._batch, () => this._need());
  }
  get borders(): FakeRangeBorderCollection {
    return new FakeRangeBorderCollection(this._batch, () => this._need());
  }
}
scalarAccessors(FakeRangeFormat, [
  "columnWidth",
  "rowHeight",
  "horizontalAlignment",
  "verticalAlignment",
  "wrapText",
]);

const colour = (v: unknown): string => {
  if (typeof v !== "string" || !/^#[0-9A-Fa-f]{6}$/.test(v))
    return fail("InvalidArgument", `Bad colour ${String(v)}`);
  return v.toUpperCase();
};

export class FakeRangeFont extends ClientProxy<RangeT> {
  declare bold: boolean;
  declare italic: boolean;
  declare underline:
    Excel.RangeUnderlineStyle | "None" | "Single" | "Double" | "SingleAccountant" | "DoubleAccountant";
  declare size: number;
  declare color: string;
  declare name: string;
  protected override _props(): Record<string, PropSpec<RangeT>> {
    const first = (t: RangeT) => t.sheet.cells.get(cellKey(t.rect.row, t.rect.col))?.format ?? {};
    return {
      name: {
        get: (t) => first(t).fontName ?? "Calibri",
        set: (t, v, j) => setFormat(j, t, (f) => (f.fontName = String(v))),
      },
      bold: {
        get: (t) => first(t).bold ?? false,
        set: (t, v, j) => setFormat(j, t, (f) => (f.bold = Boolean(v))),
      },
      italic: {
        get: (t) => first(t).italic ?? false,
        set: (t, v, j) => setFormat(j, t, (f) => (f.italic = Boolean(v))),
      },
      underline: {
        get: (t) => first(t).underline ?? "None",
        set: (t, v, j) => setFormat(j, t, (f) => (f.underline = String(v))),
      },
      size: {
        get: (t) => first(t).size ?? 11,
        set: (t, v, j) => {
          if (typeof v !== "number" || v < 1 || v > 409) fail("InvalidArgument", "Bad font size");
          setFormat(j, t, (f) => (f.size = v as number));
        },
      },
      color: {
        get: (t) => first(t).fontColor ?? "#000000",
        set: (t, v, j) => setFormat(j, t, (f) => (f.fontColor = colour(v))),
      },
    };
  }
}
scalarAccessors(FakeRangeFont, ["bold", "italic", "underline", "size", "color", "name"]);

export class FakeRangeFill extends ClientProxy<RangeT> {
  declare color: string;
  protected override _props(): Record<string, PropSpec<RangeT>> {
    return {
      color: {
        get: (t) => t.sheet.cells.get(cellKey(t.rect.row, t.rect.col))?.format.fill ?? "#FFFFFF",
        set: (t, v, j) => setFormat(j, t, (f) => (f.fill = colour(v))),
      },
    };
  }
  clear(): void {
    this._op("clear", undefined, (j) => setFormat(j, this._need(), (f) => delete f.fill));
  }
}
scalarAccessors(FakeRangeFill, ["color"]);

type Edge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

export class FakeRangeBorderCollection extends ClientProxy<RangeT> {
  getItem(index: Excel.BorderIndex | Edge | "DiagonalDown" | "DiagonalUp"): FakeRangeBorder {
    return new FakeRangeBorder(this._batch, () => this._need(), index as Edge);
  }
}

export class FakeRangeBorder extends ClientProxy<RangeT> {
  declare style: Excel.BorderLineStyle | "None" | "Continuous" | "Dash" | "Double";
  declare weight: Excel.BorderWeight | "Hairline" | "Thin" | "Medium" | "Thick";
  declare color: string;
  constructor(
    batch: Batch,
    resolver: () => RangeT,
    readonly edge: Edge,
  ) {
    super(batch, resolver);
  }
  private cells(t: RangeT, f: (b: Borders, side: keyof Borders) => void, j: Journal): void {
    const { row, col, rows, cols } = t.rect;
    forCells(t, (r, c) => {
      const sides: (keyof Borders)[] = [];
      if (this.edge === "EdgeTop" && r === row) sides.push("top");
      if (this.edge === "EdgeBottom" && r === row + rows - 1) sides.push("bottom");
      if (this.edge === "EdgeLeft" && c === col) sides.push("left");
      if (this.edge === "EdgeRight" && c === col + cols - 1) sides.push("right");
      if (this.edge === "InsideHorizontal") {
        if (r > row) sides.push("top");
        if (r < row + rows - 1) sides.push("bottom");
      }
      if (this.edge === "InsideVertical") {
        if (c > col) sides.push("left");
        if (c < col + cols - 1) sides.push("right");
      }
      if (sides.length === 0) return;
      const cell = editCell(j, t.sheet, r, c);
      const b = (cell.format.borders ??= {});
      for (const s of sides) f(b, s);
    });
  }
  protected override _props(): Record<string, PropSpec<RangeT>> {
    return {
      style: {
        get: (t) => t.sheet.cells.get(cellKey(t.rect.row, t.rect.col))?.format.borders?.top ?? "None",
        set: (t, v, j) => this.cells(t, (b, s) => (v === "None" ? delete b[s] : (b[s] = String(v))), j),
      },
      // Weight and colour are accepted and not modelled: the output only uses thin black lines.
      weight: { get: () => "Thin", set: () => undefined },
      color: { get: () => "#000000", set: (_t, v) => void colour(v) },
    };
  }
}
scalarAccessors(FakeRangeBorder, ["style", "weight", "color"]);

// ---------------------------------------------------------------------------------------------

interface CfT {
  sheet: SheetModel;
  cf: ConditionalFormatModel;
}

export class FakeConditionalFormatCollection extends ClientProxy<RangeT> {
  add(type: Excel.ConditionalFormatType | "ColorScale" | "Custom" | "CellValue"): FakeConditionalFormat {
    this._requireApi("1.6", "conditionalFormats");
    let created: CfT | null = null;
    const p = new FakeConditionalFormat(this._batch, () => created);
    this._op("add", type, (j) => {
      if (!["ColorScale", "Custom", "CellValue"].includes(type))
        fail("InvalidArgument", `fake: unsupported conditional format ${type}`);
      const t = this._need();
      const model = this._batch.core.model;
      const cf: ConditionalFormatModel = { id: model.nextId++, type, rect: { ...t.rect }, format: {} };
      j.push(t.sheet.conditionalFormats, cf);
      created = { sheet: t.sheet, cf };
    });
    return p;
  }
  clearAll(): void {
    this._op("clearAll", undefined, (j) => {
      const t = this._need();
      const list = t.sheet.conditionalFormats;
      for (let i = list.length - 1; i >= 0; i--) if (overlaps(list[i]!.rect, t.rect)) j.splice(list, i, 1);
    });
  }
}

export class FakeConditionalFormat extends ClientProxy<CfT> {
  declare readonly type: string;
  protected override _props(): Record<string, PropSpec<CfT>> {
    return { type: { get: (t) => t.cf.type } };
  }
  get colorScale(): FakeColorScale {
    return new FakeColorScale(this._batch, () => this._need());
  }
  get custom(): FakeCustomCf {
    return new FakeCustomCf(this._batch, () => this._need());
  }
  get cellValue(): FakeCellValueCf {
    return new FakeCellValueCf(this._batch, () => this._need());
  }
  getRange(): FakeRange {
    return new FakeRange(
      this._batch,
      () => ({ sheet: this._need().sheet, rect: this._need().cf.rect }),
      true,
    );
  }
}
scalarAccessors(FakeConditionalFormat, ["type"]);

const needType = (t: CfT, type: string): ConditionalFormatModel =>
  t.cf.type === type
    ? t.cf
    : fail("InvalidOperation", `This conditional format is ${t.cf.type}, not ${type}`);

export class FakeColorScale extends ClientProxy<CfT> {
  declare criteria: Excel.ConditionalColorScaleCriteria;
  protected override _props(): Record<string, PropSpec<CfT>> {
    return {
      criteria: {
        get: (t) => needType(t, "ColorScale").colorScale?.criteria,
        set: (t, v, j) => {
          const c = v as Excel.ConditionalColorScaleCriteria;
          if (!c?.minimum || !c.maximum) fail("InvalidArgument", "A colour scale needs minimum and maximum");
          for (const p of [c.minimum, c.midpoint, c.maximum]) if (p) colour(p.color);
          j.set(needType(t, "ColorScale"), "colorScale", { criteria: JSON.parse(JSON.stringify(c)) });
        },
      },
    };
  }
}
scalarAccessors(FakeColorScale, ["criteria"]);

class FakeCfFormat extends ClientProxy<CfT> {
  get font(): FakeCfFont {
    return new FakeCfFont(this._batch, () => this._need());
  }
  get fill(): FakeCfFill {
    return new FakeCfFill(this._batch, () => this._need());
  }
  get borders(): FakeCfBorders {
    return new FakeCfBorders(this._batch, () => this._need());
  }
}

export class FakeCfFont extends ClientProxy<CfT> {
  declare color: string;
  declare bold: boolean;
  declare italic: boolean;
  protected override _props(): Record<string, PropSpec<CfT>> {
    const f = (t: CfT) => t.cf.format;
    return {
      color: { get: (t) => f(t).fontColor ?? null, set: (t, v, j) => j.set(f(t), "fontColor", colour(v)) },
      bold: { get: (t) => f(t).bold ?? false, set: (t, v, j) => j.set(f(t), "bold", Boolean(v)) },
      italic: { get: (t) => f(t).italic ?? false, set: (t, v, j) => j.set(f(t), "italic", Boolean(v)) },
    };
  }
}
scalarAccessors(FakeCfFont, ["color", "bold", "italic"]);

export class FakeCfFill extends ClientProxy<CfT> {
  declare color: string;
  protected override _props(): Record<string, PropSpec<CfT>> {
    return {
      color: {
        get: (t) => t.cf.format.fill ?? null,
        set: (t, v, j) => j.set(t.cf.format, "fill", colour(v)),
      },
    };
  }
}
scalarAccessors(FakeCfFill, ["color"]);

export class FakeCfBorders extends ClientProxy<CfT> {
  getItem(
    index: Excel.ConditionalRangeBorderIndex | "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight",
  ): FakeCfBorder {
    return new FakeCfBorder(this._batch, () => this._need(), index);
  }
}

export class FakeCfBorder extends ClientProxy<CfT> {
  declare style: Excel.ConditionalRangeBorderLineStyle | "None" | "Continuous";
  declare color: string;
  constructor(
    batch: Batch,
    resolver: () => CfT,
    readonly edge: string,
  ) {
    super(batch, resolver);
  }
  protected override _props(): Record<string, PropSpec<CfT>> {
    const side = ({ EdgeTop: "top", EdgeBottom: "bottom", EdgeLeft: "left", EdgeRight: "right" } as const)[
      this.edge as "EdgeTop"
    ];
    return {
      style: {
        get: (t) => t.cf.format.borders?.[side] ?? "None",
        set: (t, v, j) => j.set(t.cf.format, "borders", { ...t.cf.format.borders, [side]: String(v) }),
      },
      color: { get: () => "#000000", set: (_t, v) => void colour(v) },
    };
  }
}
scalarAccessors(FakeCfBorder, ["style", "color"]);

export class FakeCustomCf extends ClientProxy<CfT> {
  get rule(): FakeCfRule {
    return new FakeCfRule(this._batch, () => {
      needType(this._need(), "Custom");
      return this._need();
    });
  }
  get format(): FakeCfFormat {
    return new FakeCfFormat(this._batch, () => {
      needType(this._need(), "Custom");
      return this._need();
    });
  }
}

export class FakeCfRule extends ClientProxy<CfT> {
  declare formula: string;
  protected override _props(): Record<string, PropSpec<CfT>> {
    return {
      formula: {
        get: (t) => t.cf.rule?.formula ?? null,
        set: (t, v, j) => {
          if (typeof v !== "string" || !v.startsWith("="))
            fail("InvalidArgument", "A custom rule formula starts with '='");
          j.set(t.cf, "rule", { formula: v });
        },
      },
    };
  }
}
scalarAccessors(FakeCfRule, ["formula"]);

const OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqual",
  "LessThanOrEqual",
];

export class FakeCellValueCf extends ClientProxy<CfT> {
  declare rule: Excel.ConditionalCellValueRule;
  protected override _props(): Record<string, PropSpec<CfT>> {
    return {
      rule: {
        get: (t) => needType(t, "CellValue").rule,
        set: (t, v, j) => {
          const r = v as Excel.ConditionalCellValueRule;
          if (!OPERATORS.includes(r?.operator) || typeof r.formula1 !== "string")
            fail("InvalidArgument", "Bad cell value rule");
          if (/Between/.test(r.operator) && typeof r.formula2 !== "string")
            fail("InvalidArgument", "Between needs formula2");
          j.set(needType(t, "CellValue"), "rule", { ...r });
        },
      },
    };
  }
  get format(): FakeCfFormat {
    return new FakeCfFormat(this._batch, () => {
      needType(this._need(), "CellValue");
      return this._need();
    });
  }
}
scalarAccessors(FakeCellValueCf, ["rule"]);

// ---------------------------------------------------------------------------------------------

interface TableT {
  sheet: SheetModel;
  table: TableModel;
}

function allTables(model: WorkbookModel): TableT[] {
  return model.sheets.flatMap((sheet) =>
    sheet.tables.filter((t) => !t.deleted).map((table) => ({ sheet, table })),
  );
}

export class FakeTableCollection extends CollectionProxy<TableT, FakeTable> {
  constructor(
    batch: Batch,
    private readonly sheetOf: () => SheetModel | null,
  ) {
    super(
      batch,
      () => {
        const s = sheetOf();
        return allTables(batch.core.model).filter((t) => !s || t.sheet === s);
      },
      (t) => new FakeTable(batch, () => t),
    );
  }
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: TableT | null = null;
    const p = new FakeTable(this._batch, () => created);
    this._op("add", [typeof address === "string" ? address : "range", hasHeaders], (j) => {
      const model = this._batch.core.model;
      let sheet: SheetModel;
      let rect: RectModel;
      if (typeof address === "string") {
        const parts = splitSheetAddress(address);
        const s = parts.sheet ? sheetByName(model, parts.sheet) : (this.sheetOf() ?? model.activeSheet);
        sheet = s ?? fail("ItemNotFound", `Sheet for ${address} not found`);
        rect = parseA1(parts.address);
      } else {
        ({ sheet, rect } = address._need());
        const own = this.sheetOf();
        if (own && own !== sheet) fail("InvalidArgument", "Range on another sheet");
      }
      if (!hasHeaders) fail("InvalidArgument", "fake: tables without headers are not modelled");
      if (sheet.tables.some((t) => !t.deleted && overlaps(t.rect, rect)))
        fail("InvalidOperation", "A table can't overlap another table.");
      if (sheet.merges.some((m) => overlaps(m, rect)))
        fail("InvalidOperation", "A table can't overlap merged cells.");
      let n = 1;
      while (allTables(model).some((t) => t.table.name === `Table${n}`)) n++;
      const table: TableModel = {
        id: String(model.nextId++),
        name: `Table${n}`,
        rect: { ...rect },
        style: "TableStyleMedium2",
        showFilterButton: true,
      };
      j.push(sheet.tables, table);
      created = { sheet, table };
    });
    return p;
  }
  getItem(key: string): FakeTable {
    return new FakeTable(
      this._batch,
      () => this.find(key) ?? fail("ItemNotFound", `Table '${key}' not found.`),
      true,
    );
  }
  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this._batch, () => this.find(key), true);
  }
  private find(key: string): TableT | null {
    const k = key.toLowerCase();
    return (
      allTables(this._batch.core.model).find((t) => t.table.name.toLowerCase() === k || t.table.id === key) ??
      null
    );
  }
}

export class FakeTable extends ClientProxy<TableT> {
  declare name: string;
  declare readonly id: string;
  declare style: string;
  declare showFilterButton: boolean;
  declare showHeaders: boolean;
  protected override _props(): Record<string, PropSpec<TableT>> {
    const model = this._batch.core.model;
    return {
      name: {
        get: (t) => t.table.name,
        set: (t, v, j) => {
          if (!validIdentifier(v)) fail("InvalidArgument", `Bad table name ${String(v)}`);
          const n = (v as string).toLowerCase();
          if (
            allTables(model).some((x) => x.table !== t.table && x.table.name.toLowerCase() === n) ||
            model.names.some((x) => !x.deleted && x.name.toLowerCase() === n)
          ) {
            fail("ItemAlreadyExists", `The name '${String(v)}' already exists.`);
          }
          j.set(t.table, "name", v as string);
        },
      },
      id: { get: (t) => t.table.id },
      style: { get: (t) => t.table.style, set: (t, v, j) => j.set(t.table, "style", String(v)) },
      showFilterButton: {
        api: "1.3",
        get: (t) => t.table.showFilterButton,
        set: (t, v, j) => j.set(t.table, "showFilterButton", Boolean(v)),
      },
      showHeaders: {
        get: (t) => t.table.showHeaders !== false,
        set: (t, v, j) => j.set(t.table, "showHeaders", Boolean(v)),
      },
    };
  }
  /** The table's cells: without a header row (showHeaders off) its data rows only. */
  private rect(): RectModel {
    const r = this._need().table.rect;
    return this._need().table.showHeaders === false ? { ...r, row: r.row + 1, rows: r.rows - 1 } : r;
  }
  private part(f: (r: RectModel) => RectModel): FakeRange {
    return new FakeRange(
      this._batch,
      () => ({ sheet: this._need().sheet, rect: f(this._need().table.rect) }),
      true,
    );
  }
  getRange(): FakeRange {
    return new FakeRange(this._batch, () => ({ sheet: this._need().sheet, rect: this.rect() }), true);
  }
  /** Fails when the header row is turned off (there is no header row to return). */
  getHeaderRowRange(): FakeRange {
    return this.part((r) =>
      this._need().table.showHeaders === false
        ? fail("InvalidOperation", "The table has no header row (showHeaders is false).")
        : { ...r, rows: 1 },
    );
  }
  getDataBodyRange(): FakeRange {
    return this.part((r) => ({ ...r, row: r.row + 1, rows: Math.max(1, r.rows - 1) }));
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this._batch, () => this._need().sheet);
  }
  get onChanged(): FakeEvent {
    return new FakeEvent(this._batch, () => this._need().table, "onChanged");
  }
  delete(): void {
    this._op("delete", undefined, (j) => j.set(this._need().table, "deleted", true));
  }
}
scalarAccessors(FakeTable, ["name", "id", "style", "showFilterButton", "showHeaders"]);

// ---------------------------------------------------------------------------------------------

function nameValue(n: NameModel): { type: string; value: unknown; formula: string } {
  if (n.ref) {
    if (n.ref.sheet.deleted) return { type: "Error", value: "#REF!", formula: "=#REF!" };
    const at = (r: RectModel) => `${quoteSheet(n.ref!.sheet.name)}!${formatA1(r, true)}`;
    const f = `=${[n.ref.rect, ...(n.ref.more ?? [])].map(at).join(",")}`;
    return { type: "Range", value: f.slice(1), formula: f };
  }
  const f = n.formula ?? "";
  const m = /^="((?:[^"]|"")*)"$/.exec(f);
  if (m) return { type: "String", value: m[1]!.replace(/""/g, '"'), formula: f };
  if (/^=-?\d+(\.\d+)?$/.test(f)) return { type: "Double", value: Number(f.slice(1)), formula: f };
  if (/^=(TRUE|FALSE)$/i.test(f)) return { type: "Boolean", value: /TRUE/i.test(f), formula: f };
  return { type: "Error", value: "#NAME?", formula: f };
}

export class FakeNamedItemCollection extends CollectionProxy<NameModel, FakeNamedItem> {
  constructor(
    batch: Batch,
    private readonly scopeOf: () => SheetModel | undefined,
  ) {
    super(
      batch,
      () => {
        const scope = scopeOf();
        return batch.core.model.names.filter((n) => !n.deleted && n.scope === scope);
      },
      (n) => new FakeNamedItem(batch, () => n),
    );
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    let created: NameModel | null = null;
    const p = new FakeNamedItem(this._batch, () => created);
    this._op("add", [name, typeof reference === "string" ? reference : "range", comment ?? ""], (j) => {
      const model = this._batch.core.model;
      const scope = this.scopeOf();
      validName(model, name, scope);
      const n: NameModel = { name, comment: comment ?? "", visible: true, scope };
      if (typeof reference === "string") {
        // A cell, a range, or whole columns ("=Data!$A:$G").
        const m = /^=?((?:'[^']+'|[^!'"=]+))!(\$?[A-Z]+(?:\$?\d+)?(?::\$?[A-Z]+(?:\$?\d+)?)?)$/.exec(
          reference,
        );
        if (m) {
          const { sheet } = splitSheetAddress(`${m[1]}!A1`);
          const s = sheetByName(model, sheet!) ?? fail("InvalidArgument", `No sheet ${sheet}`);
          n.ref = { sheet: s, rect: parseA1(m[2]!) };
        } else n.formula = reference.startsWith("=") ? reference : `=${reference}`;
      } else {
        const t = reference._need();
        n.ref = { sheet: t.sheet, rect: { ...t.rect } };
      }
      j.push(model.names, n);
      created = n;
    });
    return p;
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(
      this._batch,
      () => this.find(name) ?? fail("ItemNotFound", `Name '${name}' not found.`),
      true,
    );
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this._batch, () => this.find(name), true);
  }
  private find(name: string): NameModel | null {
    const scope = this.scopeOf();
    const n = name.toLowerCase();
    return (
      this._batch.core.model.names.find(
        (x) => !x.deleted && x.scope === scope && x.name.toLowerCase() === n,
      ) ?? null
    );
  }
}

export class FakeNamedItem extends ClientProxy<NameModel> {
  declare readonly name: string;
  declare readonly type: Excel.NamedItem["type"];
  declare readonly value: Excel.NamedItem["value"];
  declare formula: Excel.NamedItem["formula"];
  declare visible: boolean;
  declare comment: string;
  declare readonly scope: Excel.NamedItem["scope"];
  protected override _props(): Record<string, PropSpec<NameModel>> {
    return {
      name: { get: (n) => n.name },
      type: { get: (n) => nameValue(n).type },
      value: { get: (n) => nameValue(n).value },
      formula: { api: "1.7", get: (n) => nameValue(n).formula },
      visible: { get: (n) => n.visible, set: (n, v, j) => j.set(n, "visible", Boolean(v)) },
      comment: { get: (n) => n.comment, set: (n, v, j) => j.set(n, "comment", String(v)) },
      scope: { get: (n) => (n.scope ? "Worksheet" : "Workbook") },
    };
  }
  getRange(): FakeRange {
    return new FakeRange(
      this._batch,
      () => {
        const n = this._need();
        if (!n.ref || n.ref.sheet.deleted) fail("InvalidOperation", `Name '${n.name}' is not a range`);
        // A name over several areas has type "Range" but no single range to return.
        if (n.ref!.more?.length) fail("InvalidOperation", `Name '${n.name}' refers to several areas`);
        return { sheet: n.ref!.sheet, rect: n.ref!.rect };
      },
      true,
    );
  }
  getRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this._batch,
      () => {
        const n = this._need();
        return n.ref && !n.ref.sheet.deleted && !n.ref.more?.length
          ? { sheet: n.ref.sheet, rect: n.ref.rect }
          : null;
      },
      true,
    );
  }
  delete(): void {
    this._op("delete", undefined, (j) => j.set(this._need(), "deleted", true));
  }
}
scalarAccessors(FakeNamedItem, ["name", "type", "value", "formula", "visible", "comment", "scope"]);

// ---------------------------------------------------------------------------------------------

export class FakeEvent extends ClientProxy<object> {
  constructor(
    batch: Batch,
    resolver: () => object,
    readonly event: string,
  ) {
    super(batch, resolver);
  }
  add(handler: (args: never) => Promise<unknown> | unknown): { remove(): void; context: unknown } {
    const core: Core = this._batch.core;
    const entry = {
      target: null as unknown as object,
      event: this.event,
      handler: handler as (a: unknown) => unknown,
    };
    this._op("addHandler", this.event, (j) => {
      entry.target = this._need();
      j.push(core.handlers, entry);
    });
    const batch = this._batch;
    return {
      context: batch.owner,
      remove: () => {
        batch.ops.push({
          id: 0,
          action: "removeHandler",
          run: (j) => j.splice(core.handlers, core.handlers.indexOf(entry), 1),
        });
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------

/** Page layout (ExcelApi 1.9): kept as a plain record in sheet.extras.pageLayout. */
export class FakePageLayout extends ClientProxy<SheetModel> {
  declare orientation: Excel.PageLayout["orientation"];
  declare paperSize: Excel.PageLayout["paperSize"];
  declare zoom: Excel.PageLayoutZoomOptions;
  declare leftMargin: number;
  declare rightMargin: number;
  declare topMargin: number;
  declare bottomMargin: number;
  declare headerMargin: number;
  declare footerMargin: number;
  protected override _props(): Record<string, PropSpec<SheetModel>> {
    const rec = (s: SheetModel, j: Journal): Record<string, unknown> => {
      if (!s.extras.pageLayout) j.set(s.extras, "pageLayout", {});
      return s.extras.pageLayout as Record<string, unknown>;
    };
    const refused = this._batch.core.refusedPageSettings;
    const prop = (name: string, check?: (v: unknown) => void): PropSpec<SheetModel> => ({
      api: "1.9",
      get: (s) => (s.extras.pageLayout as Record<string, unknown> | undefined)?.[name] ?? null,
      set: (s, v, j) => {
        // Hosts differ in the page settings they accept (a printer without A4, a web host).
        if (refused.has(name)) fail("GeneralException", `This host refused the page setting ${name}.`);
        check?.(v);
        j.set(rec(s, j), name, JSON.parse(JSON.stringify(v)));
      },
    });
    const num = (v: unknown) =>
      typeof v === "number" && v >= 0 ? undefined : fail("InvalidArgument", "Bad margin");
    return {
      orientation: prop("orientation", (v) =>
        ["Portrait", "Landscape"].includes(v as string)
          ? undefined
          : fail("InvalidArgument", "Bad orientation"),
      ),
      paperSize: prop("paperSize"),
      zoom: prop("zoom"),
      leftMargin: prop("leftMargin", num),
      rightMargin: prop("rightMargin", num),
      topMargin: prop("topMargin", num),
      bottomMargin: prop("bottomMargin", num),
      headerMargin: prop("headerMargin", num),
      footerMargin: prop("footerMargin", num),
    };
  }
  get headersFooters(): { defaultForAllPages: FakeHeaderFooter } {
    return { defaultForAllPages: new FakeHeaderFooter(this._batch, () => this._need()) };
  }
  /** Rows repeated at the top of each printed page (ExcelApi 1.9), kept as "$2:$2". */
  setPrintTitleRows(rows: FakeRange | string): void {
    this._requireApi("1.9", "setPrintTitleRows");
    this._op("setPrintTitleRows", typeof rows === "string" ? rows : "range", (j) => {
      const s = this._need();
      const rect = typeof rows === "string" ? parseA1(rows.replace(/\$/g, "")) : rows._need().rect;
      if (!s.extras.pageLayout) j.set(s.extras, "pageLayout", {});
      j.set(
        s.extras.pageLayout as Record<string, unknown>,
        "printTitleRows",
        `$${rect.row + 1}:$${rect.row + rect.rows}`,
      );
    });
  }
}
scalarAccessors(FakePageLayout, [
  "orientation",
  "paperSize",
  "zoom",
  "leftMargin",
  "rightMargin",
  "topMargin",
  "bottomMargin",
  "headerMargin",
  "footerMargin",
]);

export class FakeHeaderFooter extends ClientProxy<SheetModel> {
  declare leftFooter: string;
  declare centerFooter: string;
  declare rightFooter: string;
  declare leftHeader: string;
  declare centerHeader: string;
  declare rightHeader: string;
  protected override _props(): Record<string, PropSpec<SheetModel>> {
    const spec = (name: string): PropSpec<SheetModel> => ({
      api: "1.9",
      get: (s) => ((s.extras.headerFooter as Record<string, string> | undefined) ?? {})[name] ?? "",
      set: (s, v, j) => {
        if (!s.extras.headerFooter) j.set(s.extras, "headerFooter", {});
        j.set(s.extras.headerFooter as Record<string, unknown>, name, String(v));
      },
    });
    const names = ["leftFooter", "centerFooter", "rightFooter", "leftHeader", "centerHeader", "rightHeader"];
    return Object.fromEntries(names.map((n) => [n, spec(n)]));
  }
}
scalarAccessors(FakeHeaderFooter, [
  "leftFooter",
  "centerFooter",
  "rightFooter",
  "leftHeader",
  "centerHeader",
  "rightHeader",
]);

// ---------------------------------------------------------------------------------------------

export interface ShapeModel {
  id: string;
  type: "Image";
  /** Bytes of the decoded PNG (the fake keeps no pixels). */
  pngBytes: number;
  name: string;
  left: number;
  top: number;
  width: number;
  height: number;
  altTextTitle: string;
  lockAspectRatio: boolean;
}

interface ShapeT {
  sheet: SheetModel;
  shape: ShapeModel;
}

const shapesOf = (s: SheetModel): ShapeModel[] => (s.extras.shapes as ShapeModel[] | undefined) ?? [];

/** Shapes (ExcelApi 1.9): images only, kept in sheet.extras.shapes. */
/** Manual row page breaks (ExcelApi 1.9), kept as 0-based rows in sheet.extras.rowBreaks. */
export class FakePageBreakCollection extends ClientProxy<SheetModel> {
  /** "Adds a page break before the top-left cell of the range specified." */
  add(pageBreakRange: string): void {
    this._requireApi("1.9", "horizontalPageBreaks.add");
    this._op("add", pageBreakRange, (j) => {
      const sheet = this._need();
      const row = parseA1(pageBreakRange).row;
      if (!sheet.extras.rowBreaks) j.set(sheet.extras, "rowBreaks", []);
      j.push(sheet.extras.rowBreaks as number[], row);
    });
  }
}

export class FakeShapeCollection extends ClientProxy<SheetModel> {
  addImage(base64ImageString: string): FakeShape {
    this._requireApi("1.9", "shapes.addImage");
    let created: ShapeT | null = null;
    const p = new FakeShape(this._batch, () => created);
    this._op("addImage", base64ImageString, (j) => {
      const sheet = this._need();
      const bytes = Buffer.from(base64ImageString, "base64");
      if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47)
        fail("InvalidArgument", "The image is not a PNG.");
      // A PNG's IHDR gives its size in pixels; Excel places it at that size (96 dpi → points).
      const w = bytes.readUInt32BE(16);
      const h = bytes.readUInt32BE(20);
      if (!sheet.extras.shapes) j.set(sheet.extras, "shapes", []);
      const model = this._batch.core.model;
      const shape: ShapeModel = {
        id: `{shape-${model.nextId++}}`,
        type: "Image",
        pngBytes: bytes.length,
        name: `Picture ${shapesOf(sheet).length + 1}`,
        left: 0,
        top: 0,
        width: w * 0.75,
        height: h * 0.75,
        altTextTitle: "",
        lockAspectRatio: true,
      };
      j.push(shapesOf(sheet), shape);
      created = { sheet, shape };
    });
    return p;
  }
}

export class FakeShape extends ClientProxy<ShapeT> {
  declare name: string;
  declare left: number;
  declare top: number;
  declare width: number;
  declare height: number;
  declare altTextTitle: string;
  declare lockAspectRatio: boolean;
  protected override _props(): Record<string, PropSpec<ShapeT>> {
    const num = (key: "left" | "top"): PropSpec<ShapeT> => ({
      get: (t) => t.shape[key],
      set: (t, v, j) =>
        j.set(t.shape, key, typeof v === "number" && v >= 0 ? v : fail("InvalidArgument", `Bad ${key}`)),
    });
    // Resizing one side of a locked shape scales the other, as in Excel.
    const size = (key: "width" | "height", other: "width" | "height"): PropSpec<ShapeT> => ({
      get: (t) => t.shape[key],
      set: (t, v, j) => {
        if (typeof v !== "number" || !(v > 0)) fail("InvalidArgument", `Bad ${key}`);
        if (t.shape.lockAspectRatio) j.set(t.shape, other, (t.shape[other] * (v as number)) / t.shape[key]);
        j.set(t.shape, key, v as number);
      },
    });
    return {
      name: { get: (t) => t.shape.name, set: (t, v, j) => j.set(t.shape, "name", String(v)) },
      left: num("left"),
      top: num("top"),
      width: size("width", "height"),
      height: size("height", "width"),
      altTextTitle: {
        get: (t) => t.shape.altTextTitle,
        set: (t, v, j) => j.set(t.shape, "altTextTitle", String(v)),
      },
      lockAspectRatio: {
        get: (t) => t.shape.lockAspectRatio,
        set: (t, v, j) => j.set(t.shape, "lockAspectRatio", Boolean(v)),
      },
    };
  }
}
scalarAccessors(FakeShape, ["name", "left", "top", "width", "height", "altTextTitle", "lockAspectRatio"]);

// ---------------------------------------------------------------------------------------------

export interface SeriesModel {
  name: string;
  values?: RectModel;
  xValues?: RectModel;
  chartType?: string;
  markerStyle?: string;
  markerColor?: { background?: string; foreground?: string };
  lineColor?: string;
  lineStyle?: string;
  fill?: string;
}

export interface ChartModel {
  id: string;
  type: string;
  title: string;
  /** Top-left and bottom-right cells of setPosition. */
  position?: { start: RectModel; end?: RectModel };
  axisTitles: { category?: string; value?: string };
  series: SeriesModel[];
}

interface ChartT {
  sheet: SheetModel;
  chart: ChartModel;
}

const chartsOf = (s: SheetModel): ChartModel[] => (s.extras.charts as ChartModel[] | undefined) ?? [];
const CHART_TYPES = [
  "ColumnClustered",
  "BarClustered",
  "XYScatter",
  "XYScatterLines",
  "XYScatterLinesNoMarkers",
  "Line",
  "LineMarkers",
];

/** Charts (ExcelApi 1.1; series editing 1.7): kept in sheet.extras.charts. */
export class FakeChartCollection extends ClientProxy<SheetModel> {
  add(
    type: Excel.ChartType | "ColumnClustered" | "BarClustered" | "XYScatter" | "XYScatterLines" | "Line",
    sourceData: FakeRange,
    seriesBy?: "Auto" | "Columns" | "Rows",
  ): FakeChart {
    let created: ChartT | null = null;
    const p = new FakeChart(this._batch, () => created);
    this._op("add", [type, seriesBy ?? "Auto"], (j) => {
      const sheet = this._need();
      if (!CHART_TYPES.includes(type)) fail("InvalidArgument", `fake: chart type ${type} is not modelled`);
      const src = sourceData._need();
      if (src.sheet !== sheet) fail("InvalidArgument", "fake: chart data on another sheet is not modelled");
      if (seriesBy !== "Columns" || src.rect.cols !== 1)
        fail("InvalidArgument", "fake: only one column of values by columns is modelled");
      if (!sheet.extras.charts) j.set(sheet.extras, "charts", []);
      const chart: ChartModel = {
        id: `{chart-${this._batch.core.model.nextId++}}`,
        type,
        title: "",
        axisTitles: {},
        series: [{ name: "Series1", values: { ...src.rect } }],
      };
      j.push(chartsOf(sheet), chart);
      created = { sheet, chart };
    });
    return p;
  }
}

export class FakeChart extends ClientProxy<ChartT> {
  get title(): { text: string } {
    return this.textOf(
      "title",
      (c) => c.title,
      (c, v, j) => j.set(c, "title", v),
    );
  }
  get axes(): { categoryAxis: { title: { text: string } }; valueAxis: { title: { text: string } } } {
    const axis = (k: "category" | "value") => ({
      title: this.textOf(
        `${k}AxisTitle`,
        (c) => c.axisTitles[k] ?? "",
        (c, v, j) => j.set(c.axisTitles, k, v),
      ),
    });
    return { categoryAxis: axis("category"), valueAxis: axis("value") };
  }
  get series(): FakeChartSeriesCollection {
    return new FakeChartSeriesCollection(this._batch, () => this._need());
  }
  setPosition(startCell: FakeRange, endCell?: FakeRange): void {
    this._op("setPosition", null, (j) => {
      const t = this._need();
      j.set(t.chart, "position", {
        start: { ...startCell._need().rect },
        ...(endCell ? { end: { ...endCell._need().rect } } : {}),
      });
    });
  }
  /** A write-only text property (title text), queued like any other. */
  private textOf(
    what: string,
    _get: (c: ChartModel) => string,
    set: (c: ChartModel, v: string, j: Journal) => void,
  ): { text: string } {
    const self = this;
    return {
      get text(): string {
        throw new FakeRichApiError("PropertyNotLoaded", `fake: ${what} is write-only here`);
      },
      set text(v: string) {
        self._op(`set:${what}`, v, (j) => set(self._need().chart, String(v), j));
      },
    };
  }
}

interface SeriesT {
  chart: ChartT;
  series: SeriesModel;
}

export class FakeChartSeriesCollection extends ClientProxy<ChartT> {
  add(name?: string): FakeChartSeries {
    this._requireApi("1.7", "series.add");
    let created: SeriesT | null = null;
    const p = new FakeChartSeries(this._batch, () => created);
    this._op("add", name ?? null, (j) => {
      const t = this._need();
      const series: SeriesModel = { name: name ?? `Series${t.chart.series.length + 1}` };
      j.push(t.chart.series, series);
      created = { chart: t, series };
    });
    return p;
  }
  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(
      this._batch,
      () => {
        const t = this._need();
        return t.chart.series[index]
          ? { chart: t, series: t.chart.series[index]! }
          : fail("ItemNotFound", `No series ${index}`);
      },
      true,
    );
  }
}

export class FakeChartSeries extends ClientProxy<SeriesT> {
  declare name: string;
  declare chartType: Excel.ChartSeries["chartType"];
  declare markerStyle: Excel.ChartSeries["markerStyle"];
  declare markerBackgroundColor: string;
  declare markerForegroundColor: string;
  protected override _props(): Record<string, PropSpec<SeriesT>> {
    return {
      name: { get: (t) => t.series.name, set: (t, v, j) => j.set(t.series, "name", String(v)) },
      chartType: {
        api: "1.7",
        get: (t) => t.series.chartType ?? t.chart.chart.type,
        set: (t, v, j) =>
          CHART_TYPES.includes(String(v))
            ? j.set(t.series, "chartType", String(v))
            : fail("InvalidArgument", `fake: chart type ${String(v)}`),
      },
      markerStyle: {
        api: "1.7",
        get: (t) => t.series.markerStyle ?? "Automatic",
        set: (t, v, j) => j.set(t.series, "markerStyle", String(v)),
      },
      markerBackgroundColor: {
        api: "1.7",
        get: (t) => t.series.markerColor?.background ?? null,
        set: (t, v, j) => j.set(t.series, "markerColor", { ...t.series.markerColor, background: colour(v) }),
      },
      markerForegroundColor: {
        api: "1.7",
        get: (t) => t.series.markerColor?.foreground ?? null,
        set: (t, v, j) => j.set(t.series, "markerColor", { ...t.series.markerColor, foreground: colour(v) }),
      },
    };
  }
  private source(kind: "values" | "xValues", data: FakeRange): void {
    this._requireApi("1.7", kind === "values" ? "setValues" : "setXAxisValues");
    this._op(kind === "values" ? "setValues" : "setXAxisValues", null, (j) => {
      const t = this._need();
      const src = data._need();
      if (src.sheet !== t.chart.sheet)
        fail("InvalidArgument", "fake: series data on another sheet is not modelled");
      j.set(t.series, kind, { ...src.rect });
    });
  }
  setValues(sourceData: FakeRange): void {
    this.source("values", sourceData);
  }
  setXAxisValues(sourceData: FakeRange): void {
    this.source("xValues", sourceData);
  }
  get format(): { line: { color: string; lineStyle: string }; fill: { setSolidColor(color: string): void } } {
    const self = this;
    const setter = (what: "lineColor" | "lineStyle" | "fill", v: string) =>
      self._op(`set:${what}`, v, (j) =>
        j.set(self._need().series, what, what === "lineStyle" ? v : colour(v)),
      );
    return {
      line: {
        get color(): string {
          throw new FakeRichApiError("PropertyNotLoaded", "fake: write-only");
        },
        set color(v: string) {
          setter("lineColor", v);
        },
        get lineStyle(): string {
          throw new FakeRichApiError("PropertyNotLoaded", "fake: write-only");
        },
        set lineStyle(v: string) {
          setter("lineStyle", v);
        },
      },
      fill: { setSolidColor: (c: string) => setter("fill", c) },
    };
  }
}
scalarAccessors(FakeChartSeries, [
  "name",
  "chartType",
  "markerStyle",
  "markerBackgroundColor",
  "markerForegroundColor",
]);
