import { existsSync, lstatSync, readdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { compareCodePoints } from "../hashing/python-path-order.ts";

/**
 * `sorted()` over pathlib `Path`s compares component lists, not strings: `a/b/plugin.json` sorts before
 * `a-b/plugin.json` (component `a` < `a-b`) although the string `a-` < `a/`. Order decides which of two
 * manifests with one `plugin_id` the registry keeps (the last), so it must be the platform's.
 */
export function comparePathComponents(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const cmp = compareCodePoints(left[i]!, right[i]!);
    if (cmp !== 0) return cmp;
  }
  return left.length - right.length;
}

/**
 * `rglob("plugin.json")` under `plugins/builtin` and each `plugins.search_paths` entry
 * (`autocapture_nx/plugin_system/registry.py` `discover_manifest_paths`), sorted as the registry sorts them (absolute
 * `Path`s, component-wise). Like pathlib before 3.13, symlinked directories are not descended into; missing roots are
 * skipped. Returns paths relative to the target root with `/` separators.
 */
export function discoverManifestPaths(root: string, searchPaths: readonly string[]): string[] {
  const roots = [join(root, "plugins", "builtin"), ...searchPaths.map((p) => (isAbsolute(p) ? p : resolve(root, p)))];
  const found = new Set<string>();
  for (const start of roots) {
    if (!existsSync(start)) continue;
    walk(start, (file) => found.add(file.split(sep).join("/")));
  }
  return [...found].sort(comparePathComponents).map((file) => relative(root, file).split(sep).join("/"));
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
