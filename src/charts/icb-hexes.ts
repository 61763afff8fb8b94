// The 42 ICBs of 2024/25 on Open Innovations' hex map (odd-r layout: odd rows sit half a hex to the
// right; r grows northwards), joined with their ONS codes and short names. Copied from
// assets/data/icb_hexmap_nhs-icb-2022-richardi7.hexjson (hexes keyed by ODS code; q, r and the
// 3-letter label `n`) and assets/data/icb_2024_25_reference.csv (ONS code, short name); sources in
// assets/data/SOURCES.md. A TypeScript table so the pane and the CLI need no file loader for a
// ".hexjson"; test/charts/hex-layout.test.ts checks it against both files.

export interface IcbHex {
  /** ODS code, e.g. QT6: the key of the hexjson and the code DID uses. */
  code: string;
  /** ONS code of 2024, e.g. E54000036 (the boundary file's key). */
  ons: string;
  /** The hexjson's 3-letter label. */
  abbr: string;
  q: number;
  r: number;
  name: string;
}

// [ODS, ONS, label, q, r, short name]
const ROWS: [string, string, string, number, number, string][] = [
  ["QT6", "E54000036", "COR", 1, 1, "NHS Cornwall and the Isles of Scilly ICB"],
  ["QJK", "E54000037", "DEV", 2, 2, "NHS Devon ICB"],
  ["QVV", "E54000041", "DOR", 3, 2, "NHS Dorset ICB"],
  ["QRL", "E54000042", "HAM", 4, 2, "NHS Hampshire and Isle of Wight ICB"],
  ["QNQ", "E54000034", "FRI", 5, 2, "NHS Frimley ICB"],
  ["QXU", "E54000063", "SUR", 6, 2, "NHS Surrey Heartlands ICB"],
  ["QNX", "E54000064", "SUS", 7, 2, "NHS Sussex ICB"],
  ["QKS", "E54000032", "KM", 8, 2, "NHS Kent and Medway ICB"],
  ["QSL", "E54000038", "SOM", 2, 3, "NHS Somerset ICB"],
  ["QUY", "E54000039", "BNSSG", 3, 3, "NHS Bristol, North Somerset and South Gloucestershire ICB"],
  ["QOX", "E54000040", "BNES", 4, 3, "NHS Bath and North East Somerset, Swindon and Wiltshire ICB"],
  ["QU9", "E54000044", "BOB", 5, 3, "NHS Buckinghamshire, Oxfordshire and Berkshire West ICB"],
  ["QWE", "E54000031", "SWL", 6, 3, "NHS South West London ICB"],
  ["QKK", "E54000030", "SEL", 7, 3, "NHS South East London ICB"],
  ["QR1", "E54000043", "GLO", 3, 4, "NHS Gloucestershire ICB"],
  ["QWU", "E54000018", "C&W", 4, 4, "NHS Coventry and Warwickshire ICB"],
  ["QHG", "E54000024", "BLMK", 5, 4, "NHS Bedfordshire, Luton and Milton Keynes ICB"],
  ["QRV", "E54000027", "NWL", 6, 4, "NHS North West London ICB"],
  ["QMJ", "E54000028", "NCL", 7, 4, "NHS North Central London ICB"],
  ["QMF", "E54000029", "NEL", 8, 4, "NHS North East London ICB"],
  ["QGH", "E54000019", "HW", 2, 5, "NHS Herefordshire and Worcestershire ICB"],
  ["QHL", "E54000055", "BSol", 3, 5, "NHS Birmingham and Solihull ICB"],
  ["QPM", "E54000059", "NOR", 4, 5, "NHS Northamptonshire ICB"],
  ["QM7", "E54000025", "HWE", 5, 5, "NHS Hertfordshire and West Essex ICB"],
  ["QUE", "E54000056", "C&P", 6, 5, "NHS Cambridgeshire and Peterborough ICB"],
  ["QH8", "E54000026", "MSE", 7, 5, "NHS Mid and South Essex ICB"],
  ["QJG", "E54000023", "SNEE", 8, 5, "NHS Suffolk and North East Essex ICB"],
  ["QOC", "E54000011", "SHR", 3, 6, "NHS Shropshire, Telford and Wrekin ICB"],
  ["QUA", "E54000062", "BC", 4, 6, "NHS Black Country ICB"],
  ["QK1", "E54000015", "LEI", 5, 6, "NHS Leicester, Leicestershire and Rutland ICB"],
  ["QJ2", "E54000058", "DER", 6, 6, "NHS Derby and Derbyshire ICB"],
  ["QT1", "E54000060", "NOT", 7, 6, "NHS Nottingham and Nottinghamshire ICB"],
  ["QMM", "E54000022", "N&W", 8, 6, "NHS Norfolk and Waveney ICB"],
  ["QYG", "E54000008", "C&M", 3, 7, "NHS Cheshire and Merseyside ICB"],
  ["QNC", "E54000010", "S&S", 4, 7, "NHS Staffordshire and Stoke-on-Trent ICB"],
  ["QF7", "E54000061", "SY", 5, 7, "NHS South Yorkshire ICB"],
  ["QJM", "E54000013", "LIN", 6, 7, "NHS Lincolnshire ICB"],
  ["QOP", "E54000057", "MAN", 4, 8, "NHS Greater Manchester ICB"],
  ["QWO", "E54000054", "WY", 5, 8, "NHS West Yorkshire ICB"],
  ["QOQ", "E54000051", "HNY", 6, 8, "NHS Humber and North Yorkshire ICB"],
  ["QE1", "E54000048", "L&SC", 4, 9, "NHS Lancashire and South Cumbria ICB"],
  ["QHM", "E54000050", "NENC", 5, 9, "NHS North East and North Cumbria ICB"],
];

export const HEX_LAYOUT = "odd-r" as const;

export const ICB_HEXES: IcbHex[] = ROWS.map(([code, ons, abbr, q, r, name]) => ({
  code,
  ons,
  abbr,
  q,
  r,
  name,
}));

/**
 * NHS England regions of 2024/25 (nhser_name) by ODS code, from assets/data/icb_2024_25_reference.csv;
 * test/charts/hex-layout.test.ts checks it against the file. The boundary map's London inset uses it.
 */
export const ICB_REGIONS: Record<string, string[]> = {
  "East of England": ["QH8", "QHG", "QJG", "QM7", "QMM", "QUE"],
  London: ["QKK", "QMF", "QMJ", "QRV", "QWE"],
  Midlands: ["QGH", "QHL", "QJ2", "QJM", "QK1", "QNC", "QOC", "QPM", "QT1", "QUA", "QWU"],
  "North East and Yorkshire": ["QF7", "QHM", "QOQ", "QWO"],
  "North West": ["QE1", "QOP", "QYG"],
  "South East": ["QKS", "QNQ", "QNX", "QRL", "QU9", "QXU"],
  "South West": ["QJK", "QOX", "QR1", "QSL", "QT6", "QUY", "QVV"],
};
