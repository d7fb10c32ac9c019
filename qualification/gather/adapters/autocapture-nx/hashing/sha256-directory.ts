import { createHash } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { ioError } from "./hashing-error.ts";
import { listHashedFiles, type HashedFile } from "./hashed-file-list.ts";
import { NewlineNormalizer } from "./newline-normalizer.ts";
import { SMALL_FILE_MAX, feedFdAsync, feedFdSync, normalizesSuffix, type ByteSink } from "./sha256-file.ts";

export interface FileDigest {
  readonly rel: string;
  /** `sha256_file` of this file, so `plugin.json`'s entry is the manifest hash as well. */
  readonly sha256: string;
}

export interface DirectoryDigest {
  readonly sha256: string;
  /** The selected files' digests, in platform order. */
  readonly files: readonly FileDigest[];
}

/**
 * Which files also get their own `sha256_file`. Each costs an extra hash state (about +30% over a directory of
 * plugin-sized files when "all"), so a bulk pass asks for `plugin.json` only (its digest is the manifest hash,
 * saving a second read) and lists all files only for plugins whose artifact hash did not match.
 */
export type FileDigestSelector = "all" | "none" | ((rel: string) => boolean);

export interface DigestOptions {
  /** Default "all". */
  readonly fileDigests?: FileDigestSelector;
}

export interface HashFilesMode {
  /** LF-normalise the listed suffixes (current algorithm) or hash raw bytes (algorithms before 2026-02-09). */
  readonly normalize: boolean;
  readonly fileDigests: FileDigestSelector;
}

const CURRENT = { normalize: true, fileDigests: "none" } as const satisfies HashFilesMode;

const wantsDigest = (selector: FileDigestSelector, rel: string): boolean =>
  selector === "all" ? true : selector === "none" ? false : selector(rel);

let scratch: Buffer | null = null;

/**
 * Small files are read whole with synchronous calls into one reused buffer: on plugin-sized files that measured
 * about twice as fast as the libuv thread pool, and it allocates nothing per file. A file that fills the buffer
 * in one read (over SMALL_FILE_MAX) is streamed on asynchronously when `streamLarge`, so a huge stray file
 * neither sits in memory whole nor stalls the other directories being hashed concurrently.
 */
function feedFile(
  root: string,
  file: HashedFile,
  normalize: boolean,
  sinks: readonly ByteSink[],
  streamLarge: boolean,
): Promise<void> | null {
  let fd: number;
  try {
    fd = openSync(file.path, "r");
  } catch (error) {
    throw ioError(root, file.rel, error);
  }
  let closesLater = false;
  try {
    const normalizer = normalize ? new NewlineNormalizer() : null;
    if (feedFdSync(fd, normalizer, sinks, (scratch ??= Buffer.allocUnsafe(SMALL_FILE_MAX)), streamLarge) === "eof")
      return null;
    closesLater = true;
    const opened = fd;
    return feedFdAsync(opened, normalizer, sinks)
      .catch((error: unknown) => {
        throw ioError(root, file.rel, error);
      })
      .finally(() => closeSync(opened));
  } catch (error) {
    throw ioError(root, file.rel, error);
  } finally {
    if (!closesLater) closeSync(fd);
  }
}

/** The digest loop of `sha256_directory`: for each file in the given order, `rel` as UTF-8, then its content. */
export async function hashFiles(
  root: string,
  files: readonly HashedFile[],
  mode: HashFilesMode,
): Promise<DirectoryDigest> {
  const digest = createHash("sha256");
  const perFile: FileDigest[] = [];
  for (const file of files) {
    digest.update(file.rel, "utf8");
    const fileHash = wantsDigest(mode.fileDigests, file.rel) ? createHash("sha256") : null;
    const pending = feedFile(
      root,
      file,
      mode.normalize && normalizesSuffix(file.rel),
      fileHash ? [digest, fileHash] : [digest],
      true,
    );
    if (pending) await pending;
    if (fileHash) perFile.push({ rel: file.rel, sha256: fileHash.digest("hex") });
  }
  return { sha256: digest.digest("hex"), files: perFile };
}

/** Synchronous `hashFiles`; large files are read in SMALL_FILE_MAX chunks. */
function hashFilesSync(root: string, files: readonly HashedFile[], mode: HashFilesMode): DirectoryDigest {
  const digest = createHash("sha256");
  const perFile: FileDigest[] = [];
  for (const file of files) {
    digest.update(file.rel, "utf8");
    const fileHash = wantsDigest(mode.fileDigests, file.rel) ? createHash("sha256") : null;
    feedFile(root, file, mode.normalize && normalizesSuffix(file.rel), fileHash ? [digest, fileHash] : [digest], false);
    if (fileHash) perFile.push({ rel: file.rel, sha256: fileHash.digest("hex") });
  }
  return { sha256: digest.digest("hex"), files: perFile };
}

/**
 * Python `sha256_directory(root)` (`autocapture_nx/kernel/hashing.py`): lowercase hex. Throws HashingError for a
 * symlink anywhere in the tree (SYMLINK_IN_PLUGIN_DIR) or an unreadable entry (HASH_IO_ERROR); the lock-hash check
 * turns either into a verdict.
 */
export async function sha256Directory(root: string): Promise<string> {
  return (await hashFiles(root, listHashedFiles(root), CURRENT)).sha256;
}

/** `sha256Directory` plus per-file `sha256_file` digests, for reports that name the files that changed. */
export async function digestDirectory(root: string, options: DigestOptions = {}): Promise<DirectoryDigest> {
  return hashFiles(root, listHashedFiles(root), { normalize: true, fileDigests: options.fileDigests ?? "all" });
}

export function sha256DirectorySync(root: string): string {
  return hashFilesSync(root, listHashedFiles(root), CURRENT).sha256;
}

export function digestDirectorySync(root: string, options: DigestOptions = {}): DirectoryDigest {
  return hashFilesSync(root, listHashedFiles(root), { normalize: true, fileDigests: options.fileDigests ?? "all" });
}
