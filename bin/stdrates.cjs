#!/usr/bin/env node
// The `stdrates` command: runs the TypeScript CLI through tsx, so a clone needs no build step.
require("tsx/cjs/api").register();
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`stdrates: internal error: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  },
);
