// The first screen's JavaScript budget: the taskpane entry chunk (everything else is lazy) must
// stay at or under 350 KB gzip. Reads the production build in dist/ (npm test builds it first).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "acorn";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";

function page(file: string): Document {
  return new new Window().DOMParser().parseFromString(
    readFileSync(file, "utf8"),
    "text/html",
  ) as unknown as Document;
}

const dist = join(__dirname, "..", "..", "dist");
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe("bundle", () => {
  it("keeps the initial task pane JavaScript within 350 KB gzip, and loads the heavy parts lazily", () => {
    expect(existsSync(join(dist, "taskpane.js")), "dist/ is missing: run npm run build").toBe(true);
    const entry = gz(join(dist, "taskpane.js"));
    const chunks = readdirSync(join(dist, "chunks")).filter((f) => f.endsWith(".js"));
    const sizes = Object.fromEntries(
      chunks.map((f) => [f.replace(/\.[0-9a-f]{8}\.js$/, ""), gz(join(dist, "chunks", f))]),
    );
    console.log(
      `[bundle] taskpane.js ${kb(entry)} gzip (initial); office.js ${kb(gz(join(dist, "office-js", "office.js")))}; lazy: ` +
        Object.entries(sizes)
          .map(([k, v]) => `${k} ${kb(v)}`)
          .join(", "),
    );
    expect(entry).toBeLessThanOrEqual(350 * 1024);
    // The named lazy chunks exist, so engine, report, sample and ExcelJS are not in the entry.
    for (const name of ["engine", "report", "sample", "exceljs"]) expect(Object.keys(sizes)).toContain(name);
    const doc = page(join(dist, "taskpane.html"));
    expect(Array.from(doc.querySelectorAll("script[src]")).map((s) => s.getAttribute("src"))).toEqual([
      "office-js/office.js",
      "webview-guard.js",
      "taskpane.js",
    ]);
    expect(
      Array.from(page(join(dist, "commands.html")).querySelectorAll("script[src]")).map((s) =>
        s.getAttribute("src"),
      ),
    ).toEqual(["office-js/office.js", "webview-guard.js", "commands.js"]);
  });

  it("serves office.js with what it loads beside it, and a CSP with no outside connections", () => {
    for (const f of [
      "office.js",
      "o15apptofilemappingtable.js",
      "excel-web-16.00.js",
      "excel-win32-16.01.js",
      "en-gb/office_strings.js",
    ])
      expect(existsSync(join(dist, "office-js", f)), f).toBe(true);
    const csp = page(join(dist, "taskpane.html"))
      .querySelector('meta[http-equiv="Content-Security-Policy"]')!
      .getAttribute("content")!;
    const directives = Object.fromEntries(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-eval/);
  });

  // README: the pane's JavaScript is ES2022 (WebView2, Safari, Chromium); the guard is ES5, so
  // Internet Explorer and Edge Legacy parse it and show their message (e2e/old-webviews.test.ts).
  it("emits every chunk as ES2022 (and not ES2021), and the webview guard as ES5", () => {
    const chunks = [
      "taskpane.js",
      "commands.js",
      ...readdirSync(join(dist, "chunks"))
        .filter((f) => f.endsWith(".js"))
        .map((f) => join("chunks", f)),
    ];
    const parses = (file: string, ecmaVersion: 5 | 2021 | 2022) => {
      try {
        parse(readFileSync(join(dist, file), "utf8"), { ecmaVersion, sourceType: "script" });
        return true;
      } catch {
        return false;
      }
    };
    expect(chunks.length).toBeGreaterThan(10);
    for (const f of chunks) expect(parses(f, 2022), `${f} parses as ES2022`).toBe(true);
    // The level is a real claim: the entry does use ES2022 syntax, which ES5 engines cannot parse.
    expect(parses("taskpane.js", 2021)).toBe(false);
    expect(parses("webview-guard.js", 5)).toBe(true);
    expect(readFileSync(join(dist, "webview-guard.js"), "utf8")).toContain("Trident/");
  });
});
