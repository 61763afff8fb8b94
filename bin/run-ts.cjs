#!/usr/bin/env node
// Runs a TypeScript script (scripts/, bench/) with tsx: `node bin/run-ts.cjs FILE.ts [args]`.
require("tsx/cjs/api").register();
const file = require("path").resolve(process.argv[2]);
process.argv.splice(1, 2, file);
require(file);
