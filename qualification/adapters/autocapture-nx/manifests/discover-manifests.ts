import { existsSync, lstatSync, readdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * `rglob("plugin.json")` under `plugins/builtin` and each `plugins.search_paths` entry (reference §7.1), sorted.
 * Like pathlib before 3.13, symlinked directories are not descended into; missing roots are skipped.
 * Returns paths relative to the target root with `/` separators.
 */
export function discoverManifestPaths(root: string, searchPaths: readonly string[]): string[] {
  const roots = [join(root, "plugins", "builtin"), ...searchPaths.map((p) => (isAbsolute(p) ? p : resolve(root, p)))];
  const found = new Set<string>();
  for (const start of roots) {
    if (!existsSync(start)) continue;
    walk(start, (file) => found.add(relative(root, file).split(sep).join("/")));
  }
  return [...found].sort();
}

function walk(dir: string, onManifest: (file: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, onManifest);
    else if (entry.name === "plugin.json" && (entry.isFile() || isSymlinkToFile(full))) onManifest(full);
  }
}

function isSymlinkToFile(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
