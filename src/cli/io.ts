// Where a command writes its text: stdout and stderr, or a test's buffers. A module of its own so the
// subcommands (sql.ts) need not import main.ts, which imports them.
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}
