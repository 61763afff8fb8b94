#!/usr/bin/env node
// The DuckDB peer as a process, like `stdrates run`: node bench/peers/duckdb-job.cjs POP ACT OUT.json
// runs job.sql in embedded DuckDB (@duckdb/node-api) and writes [area, measure, observed, expected, rate] rows.
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { DuckDBInstance } = require("@duckdb/node-api");

async function main([population, activity, out]) {
  const sql = readFileSync(join(__dirname, "job.sql"), "utf8")
    .replaceAll("{{population}}", population.replace(/'/g, "''"))
    .replaceAll("{{activity}}", activity.replace(/'/g, "''"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowsJS().map((r) => r.map((v) => (typeof v === "bigint" ? Number(v) : v)));
  writeFileSync(out, JSON.stringify(rows));
  const u = process.resourceUsage();
  process.stderr.write(`maxrss=${u.maxRSS} cpu=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
