#!/usr/bin/env node
// `stdrates` exactly as bin/stdrates.cjs runs it, plus one last stderr line with the process's
// peak memory (maxRSS, KB), for the benchmark where /usr/bin/time is not installed.
require("tsx/cjs/api").register();
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => {
    process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`);
    process.exit(code);
  },
  (err) => {
    process.stderr.write(`stdrates: internal error: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  },
);
