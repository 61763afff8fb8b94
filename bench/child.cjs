#!/usr/bin/env node
// `stdrates` exactly as bin/stdrates.cjs runs it, plus one last stderr line with the process's
// peak memory (maxRSS, KB) and CPU time (ms), for the benchmark (no need for /usr/bin/time).
require("tsx/cjs/api").register();
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => {
    const u = process.resourceUsage();
    process.stderr.write(`maxrss=${u.maxRSS} cpu=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
    process.exit(code);
  },
  (err) => {
    process.stderr.write(`stdrates: internal error: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  },
);
