// Offline structural check of both manifests — the development manifest.xml and the production one
// the build writes for ADDIN_URL (`npm run validate` is the online check): well-formed XML, the
// documented element order, string lengths, one GUID, only ReadWriteDocument, the ExcelApi floor,
// every resource id resolving, every URL served by the build under the manifest's base URL, and
// every icon at the pixel size it claims. Needs dist/ (npm test builds it first).
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const require_ = createRequire(import.meta.url);
const { productionManifest } = require_(join(root, "webpack.config.js")) as {
  productionManifest: (xml: string, base: string) => string;
};
const DEV_BASE = "https://localhost:3000/";
const PROD_BASE = "https://apps.example.nhs.uk/stdrates/";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// The order the task pane schema requires ("How to find the proper order of manifest elements",
// learn.microsoft.com/office/dev/add-ins/develop/manifest-element-ordering): an element out of
// order makes the manifest invalid and the add-in does not load.
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];
const VERSION_OVERRIDES_ORDER = ["Description", "Requirements", "Hosts", "Resources"];
const FORM_FACTOR_ORDER = ["GetStarted", "FunctionFile", "ExtensionPoint"];
// String element: ShortStrings at most 125 characters, LongStrings 250
// (learn.microsoft.com/javascript/api/manifest/string); DisplayName is a short string and
// Description a long one in the OfficeApp schema; URLs at most 2048.
const MAX = { short: 125, long: 250, url: 2048 };

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString("hex"), `${file} is a PNG`).toBe("89504e470d0a1a0a");
  expect(b.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function parse(xml: string): Document {
  const w = new Window();
  return new w.DOMParser().parseFromString(xml, "application/xml") as unknown as Document;
}

const devXml = readFileSync(join(root, "manifest.xml"), "utf8");
const manifests = [
  { kind: "development", base: DEV_BASE, xml: devXml },
  { kind: "production", base: PROD_BASE, xml: productionManifest(devXml, PROD_BASE) },
];

/** Element names of `el`'s children, without namespace prefixes. */
const childNames = (el: Element) => Array.from(el.children).map((c) => c.tagName.replace(/^.*:/, ""));

/** True when `names` follow `order` (each known name at or after the previous one's place). */
function inOrder(names: string[], order: string[]): boolean {
  const at = names.map((n) => order.indexOf(n));
  return at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i >= at[k - 1]!);
}

describe.each(manifests)("$kind manifest", ({ kind, base, xml }) => {
  const doc = parse(xml);
  const all = (tag: string) => Array.from(doc.getElementsByTagName(tag));
  const one = (tag: string) => {
    const list = all(tag);
    expect(list, tag).toHaveLength(1);
    return list[0]!;
  };
  const urls = () =>
    Array.from(doc.getElementsByTagName("*"))
      .map((e) => e.getAttribute("DefaultValue") ?? "")
      .filter((v) => /^https?:/.test(v));

  it("is well-formed XML (and the parser does reject broken XML)", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe("OfficeApp");
    const broken = parse("<OfficeApp><Id></OfficeApp>");
    expect(broken.getElementsByTagName("parsererror").length).toBeGreaterThan(0);
  });

  it("keeps the schema's element order in OfficeApp, VersionOverrides and the form factor", () => {
    expect(
      inOrder(childNames(doc.documentElement), OFFICE_APP_ORDER),
      childNames(doc.documentElement).join(),
    ).toBe(true);
    expect(inOrder(childNames(one("VersionOverrides")), VERSION_OVERRIDES_ORDER)).toBe(true);
    expect(inOrder(childNames(one("DesktopFormFactor")), FORM_FACTOR_ORDER)).toBe(true);
    // The check can fail: Version before Id is out of order.
    expect(inOrder(["Version", "Id"], OFFICE_APP_ORDER)).toBe(false);
  });

  it("keeps strings and URLs within the documented lengths", () => {
    const len = (e: Element) => (e.getAttribute("DefaultValue") ?? "").length;
    const top = (tag: string) => Array.from(doc.documentElement.children).find((c) => c.tagName === tag)!;
    expect(len(top("DisplayName"))).toBeLessThanOrEqual(MAX.short);
    expect(len(top("Description"))).toBeGreaterThan(0);
    expect(len(top("Description"))).toBeLessThanOrEqual(MAX.long);
    const strings = (parent: string) =>
      all(parent).flatMap((p) => Array.from(p.getElementsByTagName("bt:String")));
    expect(strings("bt:ShortStrings").length).toBeGreaterThan(0);
    for (const s of strings("bt:ShortStrings"))
      expect(len(s), s.getAttribute("id")!).toBeLessThanOrEqual(MAX.short);
    for (const s of strings("bt:LongStrings"))
      expect(len(s), s.getAttribute("id")!).toBeLessThanOrEqual(MAX.long);
    for (const u of urls()) expect(u.length).toBeLessThanOrEqual(MAX.url);
  });

  it("is a task pane app for Excel with one GUID id", () => {
    expect(doc.documentElement.getAttribute("xsi:type")).toBe("TaskPaneApp");
    expect(one("Id").textContent!.trim()).toMatch(GUID);
    expect(xml.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)).toHaveLength(1);
    expect(all("Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"))).toEqual([
      "Workbook",
      "Workbook",
    ]);
  });

  it("asks for ReadWriteDocument and nothing more", () => {
    expect(one("Permissions").textContent!.trim()).toBe("ReadWriteDocument");
  });

  it("requires ExcelApi 1.9 (Excel 2021 and later, Microsoft 365, the web), as the pane and README say", () => {
    const sets = all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
    expect(sets).toEqual([["ExcelApi", "1.9"]]);
    const pane = readFileSync(join(root, "src", "taskpane", "index.tsx"), "utf8");
    expect(pane).toContain('const MIN_EXCEL_API = "1.9"');
    expect(readFileSync(join(root, "README.md"), "utf8")).toMatch(/ExcelApi 1\.9/);
  });

  it("puts a button that shows the task pane on the Home tab", () => {
    expect(one("OfficeTab").getAttribute("id")).toBe("TabHome");
    const control = one("Control");
    expect(control.getAttribute("xsi:type")).toBe("Button");
    expect(control.getElementsByTagName("Action")[0]!.getAttribute("xsi:type")).toBe("ShowTaskpane");
  });

  it("resolves every resource id it uses, and defines each id once", () => {
    const ids = [...all("bt:Image"), ...all("bt:Url"), ...all("bt:String")]
      .map((e) => e.getAttribute("id"))
      .filter((x): x is string => Boolean(x));
    expect(new Set(ids).size).toBe(ids.length);
    const used = Array.from(doc.getElementsByTagName("*"))
      .map((e) => e.getAttribute("resid"))
      .filter((r): r is string => Boolean(r));
    expect(used.length).toBeGreaterThan(5);
    for (const r of used) expect(ids.includes(r), `resid ${r}`).toBe(true);
  });

  it(`names only URLs under ${base} that the build serves${kind === "production" ? ", and no localhost" : ""}`, () => {
    const appDomains = all("AppDomain").map((e) => e.textContent!.trim());
    expect(urls().length).toBeGreaterThanOrEqual(8);
    expect(appDomains).toEqual([new URL(base).origin]);
    if (kind === "production") expect(xml).not.toMatch(/localhost/i);
    const dist = join(root, "dist");
    expect(existsSync(dist), "dist/ is missing: run npm run build").toBe(true);
    for (const url of urls()) {
      expect(url.startsWith(base), url).toBe(true);
      const rel = url.slice(base.length);
      expect(existsSync(join(dist, rel)), `${url} → dist/${rel}`).toBe(true);
    }
  });

  it("has every icon in assets/ at the pixel size it claims", () => {
    const claimed = new Map<string, number>();
    // Ribbon images carry their size on the reference (<bt:Image size="16" resid="Icon.16x16"/>).
    for (const ref of all("bt:Image").filter((e) => e.getAttribute("resid"))) {
      const def = all("bt:Image").find((e) => e.getAttribute("id") === ref.getAttribute("resid"))!;
      claimed.set(def.getAttribute("DefaultValue")!, Number(ref.getAttribute("size")));
    }
    claimed.set(one("IconUrl").getAttribute("DefaultValue")!, 32);
    claimed.set(one("HighResolutionIconUrl").getAttribute("DefaultValue")!, 64);
    expect([...new Set(claimed.values())].sort((a, b) => a - b)).toEqual([16, 32, 64, 80]);
    for (const [url, size] of claimed) {
      const rel = url.slice(base.length);
      expect(rel).toMatch(/^assets\/icon-\d+\.png$/);
      expect(pngSize(join(root, rel)), rel).toEqual({ width: size, height: size });
    }
  });
});

describe("productionManifest", () => {
  it("refuses to leave a localhost URL behind", () => {
    expect(() => productionManifest(`${devXml}<!-- http://localhost:8080/x -->`, PROD_BASE)).toThrow(
      /localhost/,
    );
  });
});
