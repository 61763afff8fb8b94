#!/usr/bin/env node
// The `stdrates` command. Runs the bundled CLI (dist-cli/, built by `npm install`) when it is newer
// than every source file; otherwise runs the TypeScript directly through tsx, so edits take effect.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bundle = path.join(root, "dist-cli", "stdrates.cjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    return fs.statSync(bundle).mtimeMs >= newestSource(path.join(root, "src"));
  } catch {
    return false;
  }
}

let main;
if (bundleIsFresh()) {
  ({ main } = require(bundle));
} else {
  require("tsx/cjs/api").register();
  ({ main } = require("../src/cli/main.ts"));
}
// Exit once stdout has drained: process.exit() at once cuts a piped `--json -` at 64–128 KiB.
const exitAfterFlush = (code) => process.stdout.write("", () => process.exit(code));
main(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (err) => {
    process.stderr.write(`stdrates: internal error: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  },
);
