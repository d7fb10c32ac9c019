import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A bundle directory as read from disk: its regular files' bytes, and anything else found there. */
export interface BundleDir {
  readonly dir: string;
  readonly exists: boolean;
  readonly files: ReadonlyMap<string, Buffer>;
  /** Directories, symlinks, sockets…: never part of a bundle, so always rejected as unlisted. */
  readonly others: readonly string[];
}

export function readBundleDir(dir: string): BundleDir {
  if (!existsSync(dir)) return { dir, exists: false, files: new Map(), others: [] };
  const files = new Map<string, Buffer>();
  const others: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) files.set(entry.name, readFileSync(join(dir, entry.name)));
    else others.push(entry.name);
  }
  return { dir, exists: true, files, others: others.sort() };
}
