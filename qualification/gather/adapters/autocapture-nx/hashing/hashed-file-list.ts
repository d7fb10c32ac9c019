import { isUtf8 } from "node:buffer";
import { readdirSync, type Dirent } from "node:fs";
import { HashingError, ioError } from "./hashing-error.ts";
import { sortByPythonPathOrder } from "./python-path-order.ts";
import { pythonSuffix } from "./sha256-file.ts";

export interface HashedFile {
  /** Path relative to the hashed root, `/`-separated: the exact string the digest is fed. */
  readonly rel: string;
  readonly path: string;
}

const PYCACHE = "__pycache__";

/**
 * The files `sha256_directory(root)` feeds into its digest, in the platform's order (`(rel.casefold(), rel)`).
 *
 * Mirrors the Python walk (`os.walk(root, followlinks=False)`):
 * - every symlink, to a file or a directory, anywhere (inside `__pycache__` too: Python checks before it
 *   excludes), is an error; all of them are collected so one report names every offender;
 * - other non-regular entries (FIFOs, sockets, devices) are skipped;
 * - a file is excluded when any component of its full path is `__pycache__` (Python tests `file_path.parts`,
 *   which include the root's own components) or when its Python suffix is exactly `.pyc` (so `.PYC` and a
 *   file named just `.pyc` are hashed).
 *
 * Deliberate difference: Python's `os.walk` silently skips a directory it cannot list (and returns the empty
 * digest for a root that is missing or not a directory). Here that is a HASH_IO_ERROR, because a digest over
 * files we could not see would be a claim we cannot back.
 */
export function listHashedFiles(root: string): HashedFile[] {
  // Python's `Path(root)` drops trailing separators; doing the same keeps `path` and error texts tidy.
  const base = root.length > 1 ? root.replace(/\/+$/, "") : root;
  const rootExcluded = base.split("/").includes(PYCACHE);
  const files: HashedFile[] = [];
  const symlinks: string[] = [];
  const pending: Array<{ readonly rel: string; readonly path: string; readonly excluded: boolean }> = [
    { rel: "", path: base, excluded: rootExcluded },
  ];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of readEntries(base, dir.rel, dir.path)) {
      const rel = dir.rel === "" ? entry.name : `${dir.rel}/${entry.name}`;
      const path = `${dir.path}/${entry.name}`;
      if (entry.isSymbolicLink()) symlinks.push(rel);
      else if (entry.isDirectory()) pending.push({ rel, path, excluded: dir.excluded || entry.name === PYCACHE });
      else if (entry.isFile() && !dir.excluded && entry.name !== PYCACHE && pythonSuffix(entry.name) !== ".pyc")
        files.push({ rel, path });
    }
  }
  if (symlinks.length > 0) {
    const rels = sortByPythonPathOrder(symlinks, (rel) => rel);
    const rel = rels[0]!;
    throw new HashingError({
      code: "SYMLINK_IN_PLUGIN_DIR",
      root: base,
      rel,
      rels,
      platformError: `symlinks are not allowed in hashed directories: ${base}/${rel}`,
    });
  }
  return sortByPythonPathOrder(files, (file) => file.rel);
}

function readEntries(root: string, rel: string, dirPath: string): Dirent[] {
  let entries: Dirent[];
  try {
    // readdir itself reports a root that is missing (ENOENT) or a file (ENOTDIR); no separate stat needed.
    entries = readdirSync(dirPath, { withFileTypes: true });
  } catch (error) {
    throw ioError(root, rel, error);
  }
  // Node decodes names lossily (invalid UTF-8 → U+FFFD); Python keeps the bytes as surrogates and then fails
  // to UTF-8-encode `rel`, so the platform cannot hash such a directory at all. Only a U+FFFD hints at it.
  if (entries.some((entry) => entry.name.includes("\ufffd"))) {
    const raw = readdirSync(dirPath, { encoding: "buffer" }).find((name) => !isUtf8(name));
    if (raw !== undefined) {
      const shown = raw
        .toString("latin1")
        .replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
      throw new HashingError({
        code: "HASH_IO_ERROR",
        root,
        rel: rel === "" ? shown : `${rel}/${shown}`,
        errno: "EILSEQ",
        platformError: "UnicodeEncodeError: 'utf-8' codec can't encode character: surrogates not allowed",
      });
    }
  }
  return entries;
}
