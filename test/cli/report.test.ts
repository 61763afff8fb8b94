// main()'s exit codes and messages, in process: which failures are bad input (2) and which are
// faults (1), and that a fault shows no stack trace unless asked.
import { afterEach, expect, test } from "vitest";
import { UsageError } from "../../src/cli/args";
import { report } from "../../src/cli/main";
import { InputError } from "../../src/engine/errors";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
}

afterEach(() => {
  delete process.env.STDRATES_DEBUG;
});

test("an InputError is exit 2; the place is added when the message leaves it out", () => {
  const c = capture();
  const source = { file: "act.csv", headerRow: 1, firstColumn: 1 };
  expect(report(new InputError("a count must be a number", { source, row: 7, column: 4 }), c.io)).toBe(2);
  expect(c.err.join("")).toBe("stdrates: act.csv, row 7, column D: a count must be a number\n");
  const d = capture();
  expect(
    report(
      new InputError("act.csv, row 7, column D (Count): bad\nsecond line", { source, row: 7, column: 4 }),
      d.io,
    ),
  ).toBe(2);
  expect(d.err.join("")).toBe("stdrates: act.csv, row 7, column D (Count): bad second line\n");
});

test("a UsageError is exit 2 with its message", () => {
  const c = capture();
  expect(report(new UsageError("Cannot read x.csv: no such file."), c.io)).toBe(2);
  expect(c.err).toEqual(["stdrates: Cannot read x.csv: no such file.\n"]);
});

test("anything else is a fault: exit 1, one line, the stack only with STDRATES_DEBUG=1", () => {
  const c = capture();
  expect(report(new TypeError("x is undefined"), c.io)).toBe(1);
  expect(c.err).toEqual(["stdrates: internal error: x is undefined (set STDRATES_DEBUG=1 for details)\n"]);
  process.env.STDRATES_DEBUG = "1";
  const d = capture();
  expect(report(new TypeError("x is undefined"), d.io)).toBe(1);
  expect(d.err[0]).toBe("stdrates: internal error: x is undefined\n");
  expect(d.err[1]).toMatch(/TypeError: x is undefined\n\s+at /);
});
