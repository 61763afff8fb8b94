// Where the checkout's files are, for the command line (assets/ ships beside src/).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project root. From src/cli/ under tsx; the bundled CLI (dist-cli/) defines
 * `import.meta.url` as a path inside src/cli/ too (see the build:cli script), so both agree.
 */
export function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** A file under the project root, e.g. projectPath("assets", "data", "x.csv"). */
export function projectPath(...parts: string[]): string {
  return resolve(projectRoot(), ...parts);
}
