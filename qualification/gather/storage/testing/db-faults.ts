import { chmodSync, copyFileSync, mkdirSync, openSync, closeSync, truncateSync, writeSync } from "node:fs";
import { join } from "node:path";
import { SUITE_ROOT } from "../../../shared/options/resolve-options.ts";
import { startBackground, type BackgroundProcess } from "../../../shared/process/background-process.ts";

/** The committed example corpus: every fault below is made on a private copy of it, never on the original. */
export const EXAMPLE_CORPUS_DB = join(SUITE_ROOT, "fixtures/example-platform/corpus/metadata.db");
const HOLD_LOCK = join(SUITE_ROOT, "qualification/gather/storage/testing/hold_lock.py");

/** Copies the example corpus to `<dir>/<name>` and returns the path. */
export function seedDb(dir: string, name = "metadata.db"): string {
  const path = join(dir, name);
  copyFileSync(EXAMPLE_CORPUS_DB, path);
  return path;
}

/** Cuts the file at `bytes`: pages the header promises are gone (SQLite: "database disk image is malformed"). */
export function truncateDb(path: string, bytes = 20_000): void {
  truncateSync(path, bytes);
}

/** Overwrites the 16-byte magic string "SQLite format 3\0" (SQLite: "file is not a database"). */
export function corruptHeader(path: string): void {
  const fd = openSync(path, "r+");
  try {
    writeSync(fd, Buffer.from("NOT-A-SQLITE-DB!"), 0, 16, 0);
  } finally {
    closeSync(fd);
  }
}

/** A directory where the DB file should be (SQLite reads it as SQLITE_IOERR_READ, "disk I/O error"). */
export function directoryInPlace(dir: string, name = "metadata.db"): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}

/** Mode 000. Only blocks a non-root reader: root bypasses file permissions (see the storage tests). */
export function makeUnreadable(path: string): void {
  chmodSync(path, 0o000);
}

/** Another process holding `BEGIN EXCLUSIVE` on the DB until `stop()`: readers get SQLITE_BUSY. */
export function holdExclusiveLock(path: string, python = "python3"): Promise<BackgroundProcess> {
  return startBackground({
    file: python,
    args: ["-B", HOLD_LOCK, path, "exclusive"],
    cwd: SUITE_ROOT,
    ready: /^locked$/,
    readyTimeoutMs: 10_000,
  });
}
