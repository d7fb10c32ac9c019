import { cpSync } from "node:fs";
import { basename } from "node:path";

/** Never copied: version control and caches are no input of any check. */
const SKIPPED = new Set([".git", "__pycache__", "node_modules", ".pytest_cache", ".mypy_cache"]);

/**
 * A private copy of a target to change (fidelity variants, strength mutants): the target itself is only read.
 */
export function copyTarget(target: string, to: string): string {
  cpSync(target, to, { recursive: true, filter: (src) => !SKIPPED.has(basename(src)) });
  return to;
}
