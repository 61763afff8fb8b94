// Compile-time only: the fake's scalar properties have the types @types/office-js gives Excel's.
// If the typings change a property the adapter uses, `npx tsc` fails here, not in a test.
import type {
  FakeCfFill,
  FakeCfFont,
  FakeColorScale,
  FakeCellValueCf,
  FakeCfRule,
  FakeNamedItem,
  FakePageLayout,
  FakeRange,
  FakeRangeBorder,
  FakeRangeFill,
  FakeRangeFont,
  FakeRangeFormat,
  FakeShape,
  FakeTable,
  FakeWorksheet,
  FakeChartSeries,
} from "./objects";

type Same<T, K extends keyof T> = { [P in K]: T[P] };
type Check<F extends Same<T, K>, T, K extends keyof T> = F;

export type FakeTypeChecks = [
  Check<
    FakeWorksheet,
    Excel.Worksheet,
    "name" | "id" | "position" | "visibility" | "tabColor" | "showGridlines"
  >,
  Check<
    FakeRange,
    Excel.Range,
    | "address"
    | "rowIndex"
    | "columnIndex"
    | "rowCount"
    | "columnCount"
    | "values"
    | "formulas"
    | "numberFormat"
    | "valueTypes"
    | "text"
    | "left"
    | "top"
    | "width"
    | "height"
  >,
  Check<
    FakeRangeFormat,
    Excel.RangeFormat,
    "columnWidth" | "rowHeight" | "horizontalAlignment" | "verticalAlignment" | "wrapText"
  >,
  Check<FakeRangeFont, Excel.RangeFont, "bold" | "italic" | "underline" | "size" | "color" | "name">,
  Check<FakeRangeFill, Excel.RangeFill, "color">,
  Check<FakeRangeBorder, Excel.RangeBorder, "style" | "weight" | "color">,
  Check<FakeColorScale, Excel.ColorScaleConditionalFormat, "criteria">,
  Check<FakeCfRule, Excel.ConditionalFormatRule, "formula">,
  Check<FakeCellValueCf, Excel.CellValueConditionalFormat, "rule">,
  Check<FakeCfFont, Excel.ConditionalRangeFont, "color" | "bold" | "italic">,
  Check<FakeCfFill, Excel.ConditionalRangeFill, "color">,
  Check<FakeTable, Excel.Table, "name" | "id" | "style" | "showFilterButton">,
  Check<
    FakeNamedItem,
    Excel.NamedItem,
    "name" | "type" | "value" | "formula" | "visible" | "comment" | "scope"
  >,
  Check<
    FakeShape,
    Excel.Shape,
    "name" | "left" | "top" | "width" | "height" | "altTextTitle" | "lockAspectRatio"
  >,
  Check<
    FakeChartSeries,
    Excel.ChartSeries,
    "name" | "chartType" | "markerStyle" | "markerBackgroundColor" | "markerForegroundColor"
  >,
  Check<
    FakePageLayout,
    Excel.PageLayout,
    | "orientation"
    | "paperSize"
    | "zoom"
    | "leftMargin"
    | "rightMargin"
    | "topMargin"
    | "bottomMargin"
    | "headerMargin"
    | "footerMargin"
  >,
];
