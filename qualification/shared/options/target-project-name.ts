import { readFileSync } from "node:fs";
import { join } from "node:path";

/** PEP 503: names compare lower-cased with every run of `-`, `_`, `.` as one `-`. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/**
 * The target's Python project name (`[project] name` of its pyproject.toml), normalised, or null. Only the
 * `[project]` table's own `name = "…"` line is read: a full TOML parser would be a dependency for one string.
 */
export function targetProjectName(root: string): string | null {
  let text: string;
  try {
    text = readFileSync(join(root, "pyproject.toml"), "utf8");
  } catch {
    return null;
  }
  let inProject = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inProject = /^\[\s*project\s*\]$/.test(line);
      continue;
    }
    const match = inProject ? /^name\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(line) : null;
    if (match) return normalizeProjectName(match[1] ?? match[2] ?? "");
  }
  return null;
}
