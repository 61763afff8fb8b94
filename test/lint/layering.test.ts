// The layering is enforced by lint (eslint.config.mjs): a wrong-way import fails `npm run lint` with the
// layer's message, a right-way one passes. Runs ESLint itself on code placed virtually in each layer.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ESLint } from "eslint";

const ROOT = join(__dirname, "..", "..");
const eslint = new ESLint({ cwd: ROOT });

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const use = (what: string) => `import { x } from "${what}";\nexport const y = x;\n`;

describe("layering in lint", () => {
  it.each([
    ["src/engine/bad.ts", "../report/plan", /the engine imports nothing of ours but itself/],
    ["src/engine/bad.ts", "../version", /the engine imports nothing of ours but itself/],
    ["src/engine/bad.ts", "node:fs", /the engine is pure TypeScript/],
    ["src/report/bad.ts", "../workbook/office/apply", /the report .* imports no adapter/],
    ["src/report/bad.ts", "../workbook/xlsx/write", /the report .* imports no adapter/],
    ["src/report/bad.ts", "../taskpane/runner", /the report .* imports no adapter/],
    ["src/report/sub/bad.ts", "../../cli/main", /the report .* imports no adapter/],
    ["src/charts/bad.ts", "../report/format", /chart builders import no report/],
    ["src/workbook/office/bad.ts", "../../taskpane/session", /adapters .* import no UI/],
    ["src/workbook/xlsx/bad.ts", "react", /adapters .* import no UI/],
    ["src/workbook/bad.ts", "@fluentui/react-components", /adapters .* import no UI/],
    ["src/app/bad.ts", "../taskpane/runner", /use cases .* import neither the pane/],
  ])("%s importing %s fails", async (file, what, message) => {
    const messages = await restricted(use(what), file);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ["src/engine/good.ts", "./types"],
    ["src/report/good.ts", "../engine/types"],
    ["src/report/good.ts", "../charts/ranked"],
    ["src/charts/good.ts", "../format/numbers"],
    ["src/workbook/xlsx/good.ts", "../address"],
    ["src/workbook/office/good.ts", "../../report/plan"],
    ["src/app/good.ts", "../workbook/port"],
    ["src/taskpane/good.ts", "../workbook/office/apply"],
  ])("%s importing %s passes", async (file, what) => {
    expect(await restricted(use(what), file)).toEqual([]);
  });
});
