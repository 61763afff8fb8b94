// Offline structural check of manifest.xml (`npm run validate` is the online one): well-formed
// XML, GUID ids, only ReadWriteDocument, ExcelApi 1.7, every URL served by the build, and every
// icon present at the pixel size the manifest claims. Needs dist/ (npm test builds it first).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Window } from "happy-dom";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const DEV_ORIGIN = "https://localhost:3000/";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

let doc: Document;
const all = (tag: string) => Array.from(doc.getElementsByTagName(tag));
const one = (tag: string) => {
  const list = all(tag);
  expect(list, tag).toHaveLength(1);
  return list[0];
};

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

beforeAll(() => {
  doc = parse(readFileSync(join(root, "manifest.xml"), "utf8"));
});

describe("manifest.xml", () => {
  it("is well-formed XML (and the parser does reject broken XML)", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe("OfficeApp");
    const broken = parse("<OfficeApp><Id></OfficeApp>");
    expect(broken.getElementsByTagName("parsererror").length).toBeGreaterThan(0);
  });

  it("is a task pane app for Excel with a GUID id", () => {
    expect(doc.documentElement.getAttribute("xsi:type")).toBe("TaskPaneApp");
    expect(one("Id").textContent!.trim()).toMatch(GUID);
    expect(all("Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"))).toEqual([
      "Workbook",
      "Workbook",
    ]);
  });

  it("asks for ReadWriteDocument and nothing more", () => {
    expect(one("Permissions").textContent!.trim()).toBe("ReadWriteDocument");
  });

  it("requires ExcelApi 1.7", () => {
    const sets = all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
    expect(sets).toEqual([["ExcelApi", "1.7"]]);
  });

  it("puts a button that shows the task pane on the Home tab", () => {
    expect(one("OfficeTab").getAttribute("id")).toBe("TabHome");
    const control = one("Control");
    expect(control.getAttribute("xsi:type")).toBe("Button");
    expect(control.getElementsByTagName("Action")[0].getAttribute("xsi:type")).toBe("ShowTaskpane");
  });

  it("resolves every resource id it uses", () => {
    const defined = new Set(
      [...all("bt:Image"), ...all("bt:Url"), ...all("bt:String")]
        .map((e) => e.getAttribute("id"))
        .filter(Boolean),
    );
    const used = Array.from(doc.getElementsByTagName("*"))
      .map((e) => e.getAttribute("resid"))
      .filter((r): r is string => Boolean(r));
    expect(used.length).toBeGreaterThan(5);
    for (const r of used) expect(defined.has(r), `resid ${r}`).toBe(true);
  });

  it("names only URLs that the build serves", () => {
    const urls = Array.from(doc.getElementsByTagName("*"))
      .map((e) => e.getAttribute("DefaultValue") ?? "")
      .filter((v) => /^https?:/.test(v));
    const appDomains = all("AppDomain").map((e) => e.textContent!.trim());
    expect(urls.length).toBeGreaterThanOrEqual(8);
    expect(appDomains).toEqual([DEV_ORIGIN.slice(0, -1)]);
    const dist = join(root, "dist");
    expect(existsSync(dist), "dist/ is missing: run npm run build").toBe(true);
    for (const url of urls) {
      expect(url.startsWith(DEV_ORIGIN), url).toBe(true);
      const file = join(dist, new URL(url).pathname);
      expect(existsSync(file), `${url} → dist${new URL(url).pathname}`).toBe(true);
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
      const rel = new URL(url).pathname.slice(1);
      expect(rel).toMatch(/^assets\/icon-\d+\.png$/);
      expect(pngSize(join(root, rel)), rel).toEqual({ width: size, height: size });
    }
  });
});
