import { createHash } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { compareCodePoints } from "../canonical/canonical-json.ts";

export interface TreeDigestOptions {
  /** Entry names skipped at the top level only (e.g. `.git`: the platform never reads it). */
  readonly skipTopLevel?: readonly string[];
  /** Stop reading past this many file bytes: the digest is then null (too costly to be worth taking). */
  readonly maxBytes?: number;
}

/**
 * One SHA-256 over a directory tree's content: every path (sorted by code point), its kind, and its bytes (a
 * file) or link text (a symlink, never followed). Deliberately content-based, not stat-based: a file rewritten
 * with the same size and its mtime restored must still change the digest, since the digest decides whether an
 * earlier answer about this tree may be reused.
 */
export function digestTree(root: string, options: TreeDigestOptions = {}): string | null {
  const hash = createHash("sha256");
  const budget = options.maxBytes ?? Number.POSITIVE_INFINITY;
  let read = 0;
  const skip = new Set(options.skipTopLevel ?? []);
  const walk = (dir: string, rel: string): boolean => {
    // Dirent types come from the directory listing itself: no lstat per entry (Node falls back to one where
    // the filesystem does not report types).
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareCodePoints(a.name, b.name));
    for (const entry of entries) {
      if (rel === "" && skip.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
      // NUL separates fields: it cannot occur in a path, so no two trees share an encoding.
      if (entry.isSymbolicLink()) hash.update(`L\0${relPath}\0${readlinkSync(path)}\0`);
      else if (entry.isDirectory()) {
        hash.update(`D\0${relPath}\0`);
        if (!walk(path, relPath)) return false;
      } else if (entry.isFile()) {
        // Sized before it is read: one huge file must end the digest, not exhaust memory first.
        read += statSync(path).size;
        if (read > budget) return false;
        const bytes = readFileSync(path);
        hash.update(`F\0${relPath}\0${bytes.length}\0`);
        hash.update(bytes);
      } else hash.update(`O\0${relPath}\0`);
    }
    return true;
  };
  return walk(root, "") ? hash.digest("hex") : null;
}
