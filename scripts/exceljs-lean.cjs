// What the command line uses of ExcelJS, without its streaming reader and writer (and their
// CSV, SAX and archiver dependencies), which `require("exceljs")` loads every time: the bundle
// aliases "exceljs" to this file (build-cli.cjs). Loading drops from ~190 ms to ~90 ms.
const ExcelJS = { Workbook: require("exceljs/lib/doc/workbook") };
Object.assign(ExcelJS, require("exceljs/lib/doc/enums"));
Object.defineProperty(ExcelJS, "stream", { get: () => require("exceljs/lib/exceljs.nodejs.js").stream });
Object.defineProperty(ExcelJS, "ModelContainer", {
  get: () => require("exceljs/lib/exceljs.nodejs.js").ModelContainer,
});
module.exports = ExcelJS;
