// ESLint 9 flat config, run by `office-addin-lint check` (it picks this file up from the project root).
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
// Installed with ESLint (via @eslint/eslintrc); the standard lists of environment globals.
import globals from "globals";

const recommendedPlugins = Object.assign({}, ...officeAddins.configs.recommended.map((c) => c.plugins ?? {}));

/**
 * The layering (docs/DESIGN.md, "Layers"): which folder may import which. One `no-restricted-imports`
 * block per layer; the `files` globs do not overlap, because a later block's options replace an
 * earlier one's for the same rule. Imports are matched as written ("../report/plan"), by regex.
 */
const NODE_OR_UI = "^(node:|react($|-dom|/)|@fluentui/|exceljs$|jszip$)";
const forbid = (regex, message) => ({ regex, message });
const LAYERS = [
  {
    name: "engine",
    files: ["src/engine/**/*.{ts,tsx}"],
    patterns: [
      forbid(
        "^\\.\\./",
        "Layering: the engine imports nothing of ours but itself (src/engine/); pass what it needs in.",
      ),
      forbid(NODE_OR_UI, "Layering: the engine is pure TypeScript: no Node, DOM, UI or file libraries."),
    ],
  },
  {
    name: "format",
    files: ["src/format/**/*.{ts,tsx}"],
    patterns: [forbid("^\\.\\./", "Layering: src/format/ imports nothing of ours but itself.")],
  },
  {
    name: "report",
    files: ["src/report/**/*.{ts,tsx}"],
    patterns: [
      forbid(
        "(^|/)(workbook/(office|xlsx)|taskpane|cli|app)(/|$)",
        "Layering: the report (Results → Plan) imports no adapter, UI or command line.",
      ),
      forbid(NODE_OR_UI, "Layering: the report is pure: no Node, DOM, UI or file libraries."),
    ],
  },
  {
    name: "charts",
    files: ["src/charts/**/*.{ts,tsx}"],
    patterns: [
      forbid(
        "(^|/)(report|workbook|taskpane|cli|app)(/|$)",
        "Layering: the chart builders import no report, adapter, UI or command line.",
      ),
      forbid(
        NODE_OR_UI,
        "Layering: the chart builders are pure SVG text: no Node, DOM, UI or file libraries.",
      ),
    ],
  },
  {
    name: "adapters",
    files: ["src/workbook/**/*.{ts,tsx}"],
    patterns: [
      forbid(
        "(^|/)(taskpane|cli|app)(/|$)",
        "Layering: adapters (src/workbook/) import no UI, command line or use case.",
      ),
      forbid("^(react($|-dom|/)|@fluentui/)", "Layering: adapters (src/workbook/) import no UI."),
    ],
  },
  {
    name: "app",
    files: ["src/app/**/*.{ts,tsx}"],
    patterns: [
      forbid(
        "(^|/)(taskpane|cli)(/|$)",
        "Layering: the use cases (src/app/) import neither the pane nor the command line.",
      ),
      forbid(
        "^(node:|react($|-dom|/)|@fluentui/)",
        "Layering: the use cases (src/app/) run in the pane and in Node alike.",
      ),
    ],
  },
];
const layering = LAYERS.map(({ files, patterns }) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
}));

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-output/**", "stdrates-demo/**"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    // The recommended config registers these plugins for .ts but not .tsx; reuse the same instances
    // (ESLint refuses a second instance of a plugin under one name).
    plugins: recommendedPlugins,
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
      // office.js puts these on the window; TypeScript knows them from @types/office-js.
      globals: { Excel: "readonly", Office: "readonly", OfficeExtension: "readonly" },
    },
    rules: {
      // TypeScript already checks names (and knows DOM/Node globals per file); ESLint's no-undef cannot.
      "no-undef": "off",
      // The office.js rules that catch real bugs: reading before load/sync, and syncing per item.
      "office-addins/load-object-before-read": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      // The base rule misreads parameter names in function types; the TypeScript-aware rule does not.
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  ...layering,
  {
    // Tests that read ExcelJS workbooks: the office-addins rules take any `cell.value` for an office.js
    // proxy that needs load() and sync(); ExcelJS cells are plain objects.
    files: ["test/workbook/xlsx-*.test.ts"],
    rules: {
      "office-addins/load-object-before-read": "off",
      "office-addins/call-sync-before-read": "off",
    },
  },
  {
    // Node scripts (bin/, scripts/, bench/, webpack.config.js): package.json has no "type", so .js and
    // .cjs are CommonJS. The recommended config parses every file as an ES2015 module, which fails on
    // `?.`, `??` and object spread; Node 20 runs the latest syntax, and its globals (require, process,
    // __dirname, console) are defined there.
    files: ["**/*.cjs", "**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs", globals: globals.node },
  },
  {
    // The old-webview guard runs in the browser and must stay ES5: lint parses it as ES5.
    files: ["src/taskpane/webview-guard.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script", globals: globals.browser },
  },
  {
    // This config file itself, and any other .mjs: an ES module run by Node.
    files: ["**/*.mjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: globals.node },
  },
];
