// A throwaway PostgreSQL cluster for the SQL tests: initdb and pg_ctl on a temporary folder, listening
// only on a unix socket there, stopped and removed afterwards. As root (CI), the server runs as the
// `postgres` user that Debian's package creates; otherwise as the current user. psql is the client.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";

/** The server binaries: Debian keeps them under /usr/lib/postgresql/N/bin, off the PATH. */
function binDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, "bin")).find((d) => existsSync(join(d, "initdb")));
  if (found) return found;
  const r = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = r.status === 0 ? r.stdout.trim() : "";
  return dir && existsSync(join(dir, "initdb")) ? dir : undefined;
}

const BIN = binDir();
const hasPsql = spawnSync("sh", ["-c", "command -v psql"]).status === 0;
export const postgresAvailable = BIN !== undefined && hasPsql;
if (!postgresAvailable && process.env.CI)
  throw new Error("CI must have PostgreSQL (initdb, pg_ctl, psql): .ci/run installs it.");

const isRoot = process.getuid?.() === 0;

export interface Cluster {
  /** Runs a psql script; returns the last statement's rows (CSV output, NULL as null). */
  psql: (script: string) => Record<string, string | null>[];
  stop: () => void;
}

export function startCluster(): Cluster {
  const dir = mkdtempSync(join(tmpdir(), "stdrates-pg-"));
  const data = join(dir, "data");
  // The server refuses to run as root: hand the folder to `postgres` and run the server binaries as it.
  const asServer = (cmd: string, args: string[]) =>
    isRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" })
      : execFileSync(cmd, args, { stdio: "pipe" });
  if (isRoot) {
    execFileSync("chown", ["postgres:postgres", dir]);
    chmodSync(dir, 0o755);
  }
  asServer(join(BIN!, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  const opts = `-k ${dir} -c listen_addresses='' -c fsync=off`;
  asServer(join(BIN!, "pg_ctl"), ["-D", data, "-o", opts, "-l", join(dir, "server.log"), "-w", "start"]);
  let n = 0;
  return {
    psql(script) {
      const file = join(dir, `script${n++}.sql`);
      writeFileSync(file, script);
      const out = execFileSync(
        "psql",
        [
          "-h",
          dir,
          "-U",
          "postgres",
          "-d",
          "postgres",
          "-X",
          "-q",
          "--csv",
          "-v",
          "ON_ERROR_STOP=1",
          "-f",
          file,
        ],
        {
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
        },
      );
      // With --csv, NULL is an empty unquoted field; papaparse gives "" for both, so read NULL as null.
      const parsed = Papa.parse<Record<string, string>>(out.trim(), { header: true, skipEmptyLines: true });
      return parsed.data.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === "" ? null : v])),
      );
    },
    stop() {
      try {
        asServer(join(BIN!, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A psql script that (re)creates `table` with the CSV file's columns (TEXT unless typed) and loads it. */
export function loadCsvScript(
  table: string,
  file: string,
  headers: string[],
  types: Record<string, string> = {},
): string {
  const cols = headers.map((h) => `${q(h)} ${types[h] ?? "TEXT"}`).join(", ");
  return `DROP TABLE IF EXISTS ${table};\nCREATE TABLE ${table} (${cols});\n\\copy ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)\n`;
}
