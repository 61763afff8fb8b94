// Builds the task pane and the ribbon function file (as `yo office` lays it out).
//   npm run build            production build into dist/ (no certificates, no network)
//   npm run dev-server       HTTPS dev server on :3000 with the office-addin-dev-certs files
//   ADDIN_URL=https://host/path/ npm run build
//                            the deployable build: dist/manifest.xml names that base URL
//                            everywhere (no localhost) and the pages load office.js from
//                            Microsoft's CDN, as the yo office template's urlDev/urlProd does.
// OFFICE_JS=cdn|local overrides where office.js comes from. Without ADDIN_URL it is local: the
// copy from @microsoft/office-js, so the standalone preview and the tests never touch the network.
const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const ForkTsCheckerWebpackPlugin = require("fork-ts-checker-webpack-plugin");

const CDN_DIR = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const CDN_OFFICE_JS = `${CDN_DIR}office.js`;
/** The base URL manifest.xml names for development (npm start, sideloading). */
const DEV_URL = "https://localhost:3000/";
const LOCAL_OFFICE_DIR = "office-js";
const OFFICE_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/** Where the page loads office.js from, and the script-src the CSP must allow for it. */
function officeJsSource(env, addinUrl) {
  const source = process.env.OFFICE_JS || (env && env.OFFICE_JS) || (addinUrl ? "cdn" : "local");
  if (source !== "cdn" && source !== "local")
    throw new Error(`OFFICE_JS must be "cdn" or "local", not "${source}"`);
  // office.js loads its host files (excel-*.js, strings) from its own folder: allow that folder only.
  return source === "cdn"
    ? { src: CDN_OFFICE_JS, scriptOrigin: ` ${CDN_DIR}` }
    : { src: `${LOCAL_OFFICE_DIR}/office.js`, scriptOrigin: "" };
}

/** ADDIN_URL, checked: an https base URL ending in "/", or undefined for the development build. */
function addinBaseUrl(env) {
  const raw = process.env.ADDIN_URL || (env && env.ADDIN_URL);
  if (!raw) return undefined;
  const url = new URL(raw); // throws on a malformed URL
  if (url.protocol !== "https:")
    throw new Error(`ADDIN_URL must be an https URL (Office requires it), not "${raw}"`);
  if (/^(localhost|127\.)/.test(url.hostname))
    throw new Error("ADDIN_URL must not be localhost: that is the development build");
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** manifest.xml with every development URL replaced by `base` (the AppDomain by its origin). */
function productionManifest(xml, base) {
  const out = xml.split(DEV_URL).join(base).split(DEV_URL.slice(0, -1)).join(new URL(base).origin);
  if (/localhost/i.test(out)) throw new Error("manifest.xml still names localhost after ADDIN_URL");
  return out;
}

/**
 * The page may load scripts from itself (and the office.js CDN when chosen) and connect nowhere
 * but itself. Fluent UI (Griffel) inserts <style> elements, hence style-src 'unsafe-inline'.
 */
function contentSecurityPolicy(scriptOrigin) {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptOrigin}`,
    "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** The dev certificates office-addin-dev-certs installs; read directly (its API throws on Linux). */
function devCertificates() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const read = {};
  for (const [k, f] of Object.entries(files)) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) return undefined;
    read[k] = fs.readFileSync(p);
  }
  return read;
}

/** office.js and what it loads beside itself: the host mapping table, Excel host files, strings. */
function officeJsCopyPatterns() {
  const minimized = { info: { minimized: true } };
  const patterns = [
    { from: path.join(OFFICE_DIST, "office.js"), to: `${LOCAL_OFFICE_DIR}/[name][ext]`, ...minimized },
    {
      from: path.join(OFFICE_DIST, "o15apptofilemappingtable.js"),
      to: `${LOCAL_OFFICE_DIR}/[name][ext]`,
      ...minimized,
    },
    {
      from: "excel*.js",
      context: OFFICE_DIST,
      to: `${LOCAL_OFFICE_DIR}/[name][ext]`,
      globOptions: { ignore: ["**/*.debug.js"] },
      ...minimized,
    },
    {
      from: "*/office_strings.js",
      context: OFFICE_DIST,
      to: `${LOCAL_OFFICE_DIR}/[path][name][ext]`,
      ...minimized,
    },
  ];
  return patterns;
}

/**
 * ExcelJS ships minified (dist/exceljs.min.js, ~0.9 MB): marking its chunk as minimized spares
 * terser a second pass that costs most of the production build's time and saves nothing.
 */
class SkipMinifiedVendors {
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("SkipMinifiedVendors", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "SkipMinifiedVendors", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 },
        (assets) => {
          for (const name of Object.keys(assets))
            if (/^chunks\/exceljs\.[0-9a-f]+\.js$/.test(name))
              compilation.updateAsset(name, (source) => source, { minimized: true });
        },
      );
    });
  }
}

/** Says where the standalone preview is, once, after the dev server's first good build. */
class PrintPreviewUrl {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    let said = false;
    compiler.hooks.done.tap("PrintPreviewUrl", (stats) => {
      if (said || stats.hasErrors()) return;
      said = true;
      setTimeout(
        () =>
          console.log(
            `\n  Standalone preview: ${this.url}\n  (open it in a browser; Ctrl+C stops the server)\n`,
          ),
        0,
      );
    });
  }
}

/**
 * Certificates for the dev server: the installed files, or on Windows/macOS (where Excel needs
 * them and the tool can install them) office-addin-dev-certs' own installer, as `yo office` does.
 */
async function httpsOptions() {
  const found = devCertificates();
  if (found || process.platform === "linux") return found;
  try {
    const o = await require("office-addin-dev-certs").getHttpsServerOptions();
    return { ca: o.ca, cert: o.cert, key: o.key };
  } catch {
    return undefined;
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const addinUrl = addinBaseUrl(env);
  const office = officeJsSource(env, addinUrl);
  const csp = contentSecurityPolicy(office.scriptOrigin);
  const serving = Boolean(env.WEBPACK_SERVE);
  const certs = serving ? await httpsOptions() : undefined;
  if (serving && !certs) {
    console.warn(
      "\n[stdrates] No dev certificates in ~/.office-addin-dev-certs: serving over plain HTTP.\n" +
        "  The standalone preview works at http://localhost:" +
        PORT +
        "/taskpane.html; Excel needs HTTPS:\n" +
        "  run `npx office-addin-dev-certs install` first to sideload into Excel.\n",
    );
  }

  return {
    mode: dev ? "development" : "production",
    // Never an eval-based devtool: the CSP has no 'unsafe-eval', in development either.
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "chunks/[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      alias: {
        // Probes with new Function(), which the CSP forbids; see the shim.
        "@stdlib/assert-has-generator-support$": path.resolve(
          __dirname,
          "src/taskpane/shims/has-generator-support.cjs",
        ),
      },
      // ExcelJS's browser build is used in the preview; these Node built-ins are never reached there.
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new SkipMinifiedVendors(),
      ...(serving
        ? [new PrintPreviewUrl(`${certs ? "https" : "http"}://localhost:${PORT}/taskpane.html`)]
        : []),
      new ForkTsCheckerWebpackPlugin({
        async: dev,
        typescript: { configFile: path.resolve(__dirname, "tsconfig.json") },
        // The build type-checks what it ships; tests are checked by `npm run typecheck`.
        issue: { include: [{ file: "src/**/*" }] },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          // The boundary map's outlines, fetched by the pane only when that view is opened.
          { from: "assets/data/icb_boundaries_apr2023_bsc.geojson", to: "assets/data/[name][ext]" },
          {
            from: "manifest.xml",
            to: "[name][ext]",
            ...(addinUrl ? { transform: (content) => productionManifest(content.toString(), addinUrl) } : {}),
          },
          // ES5, first after office.js: a message instead of a blank pane in old webviews.
          // Marked minimized: terser must not touch it (what it parses is the point).
          { from: "src/taskpane/webview-guard.js", to: "[name][ext]", info: { minimized: true } },
          ...(office.src.startsWith("http") ? [] : officeJsCopyPatterns()),
        ],
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: { officeJs: office.src, csp },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        templateParameters: { officeJs: office.src, csp },
      }),
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/taskpane/help.html",
        chunks: [],
        templateParameters: { csp },
      }),
    ],
    devServer: {
      port: PORT,
      host: "localhost",
      hot: false,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: certs ? { type: "https", options: certs } : { type: "http" },
    },
  };
};

module.exports.productionManifest = productionManifest;
