#!/usr/bin/env node
// `stdrates` as users run it (the esbuild bundle, which `npm run bench` builds first; the
// TypeScript through tsx when there is none), plus one last stderr line with the process's peak
// memory (maxRSS, KB) and CPU time (ms, with its worker threads), for the benchmark (no need for
// /usr/bin/time).
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const bundle = join(__dirname, "..", "dist-cli", "stdrates.cjs");
let main;
if (existsSync(bundle)) ({ main } = require(bundle));
else {
  require("tsx/cjs/api").register();
  ({ main } = require("../src/cli/main.ts"));
}
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
