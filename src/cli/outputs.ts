// SPEC §1b output safety, checked before anything large is read: `--out` and `--json` never name an
// input (by inode, so hard links, symbolic links and `..` count too) nor each other, and the place
// each is written to can be written.
import { accessSync, constants, statSync, type Stats } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { UsageError } from "./args";

export interface OutputFile {
  /** The option that names it, for messages ("--out"). */
  flag: string;
  file: string;
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** Same file: same device and inode when both exist; else the same resolved path. */
function sameFile(a: string, b: string): boolean {
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  return resolve(a) === resolve(b);
}

/** The nearest folder that exists above `file` (the one that will hold it, or its new folders). */
function existingFolder(file: string): { folder: string; stats: Stats | null } {
  let dir = dirname(resolve(file));
  for (;;) {
    const st = statOrNull(dir);
    if (st || dirname(dir) === dir) return { folder: dir, stats: st };
    dir = dirname(dir);
  }
}

/** Throws a UsageError naming the first output that would overwrite an input or another output, or cannot be written. */
export function checkOutputs(outputs: OutputFile[], inputs: (string | undefined)[]): void {
  const ins = inputs.filter((f): f is string => f !== undefined && f !== "-");
  outputs.forEach((o, k) => {
    for (const f of ins) {
      if (sameFile(o.file, f))
        throw new UsageError(
          `${o.flag} ${o.file} is the input file ${f}${resolve(o.file) === resolve(f) ? "" : " (the same file by another path or link)"}: outputs never overwrite inputs. Choose another name.`,
        );
    }
    for (const other of outputs.slice(0, k)) {
      if (sameFile(o.file, other.file))
        throw new UsageError(
          `${other.flag} and ${o.flag} both name ${o.file}: one would replace the other. Give them different names.`,
        );
    }
    const st = statOrNull(o.file);
    if (st?.isDirectory()) throw new UsageError(`${o.flag} ${o.file} is a folder: name a file in it.`);
    const { folder, stats } = existingFolder(o.file);
    if (!stats?.isDirectory())
      throw new UsageError(`Cannot write ${o.flag} ${o.file}: ${folder} is not a folder.`);
    try {
      accessSync(st ? o.file : folder, constants.W_OK);
    } catch {
      throw new UsageError(
        `Cannot write ${o.flag} ${o.file}: ${st ? `the file ${basename(o.file)}` : `the folder ${folder}`} is not writable. Choose another place.`,
      );
    }
  });
}
