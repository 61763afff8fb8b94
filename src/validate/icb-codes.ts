// ONS (E54…) and ODS (Q…) codes of the 42 ICBs of 2024/25, so a publication that uses either code
// matches results computed with the other. From assets/data/icb_2024_25_reference.csv (columns
// icb_ons_code, icb_ods_code; ONS/NHS open data, OGL v3.0, see assets/data/SOURCES.md).
export const ICB_ONS_TO_ODS: Readonly<Record<string, string>> = {
  E54000008: "QYG",
  E54000010: "QNC",
  E54000011: "QOC",
  E54000013: "QJM",
  E54000015: "QK1",
  E54000018: "QWU",
  E54000019: "QGH",
  E54000022: "QMM",
  E54000023: "QJG",
  E54000024: "QHG",
  E54000025: "QM7",
  E54000026: "QH8",
  E54000027: "QRV",
  E54000028: "QMJ",
  E54000029: "QMF",
  E54000030: "QKK",
  E54000031: "QWE",
  E54000032: "QKS",
  E54000034: "QNQ",
  E54000036: "QT6",
  E54000037: "QJK",
  E54000038: "QSL",
  E54000039: "QUY",
  E54000040: "QOX",
  E54000041: "QVV",
  E54000042: "QRL",
  E54000043: "QR1",
  E54000044: "QU9",
  E54000048: "QE1",
  E54000050: "QHM",
  E54000051: "QOQ",
  E54000054: "QWO",
  E54000055: "QHL",
  E54000056: "QUE",
  E54000057: "QOP",
  E54000058: "QJ2",
  E54000059: "QPM",
  E54000060: "QT1",
  E54000061: "QF7",
  E54000062: "QUA",
  E54000063: "QXU",
  E54000064: "QNX",
};

/** Both directions, as ValidateOptions.areaAliases wants them. */
export function icbCodeAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const [ons, ods] of Object.entries(ICB_ONS_TO_ODS)) {
    aliases[ons] = ods;
    aliases[ods] = ons;
  }
  return aliases;
}
