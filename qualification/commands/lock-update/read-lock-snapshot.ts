import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { LockDocument, LockPort } from "../../gather/adapters/lock-port.ts";
import { readOptionalFile } from "../writers/safe-paths.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import { listSnapshots } from "./lock-history.ts";
import { displayPath, type LockPaths } from "./lock-paths.ts";

export interface LockSnapshot {
  readonly path: string;
  readonly display: string;
  readonly bytes: Buffer;
  readonly document: LockDocument;
  readonly format: string;
}

/** A path as given (relative to the working directory), else a file name inside the lock history directory. */
export function locateSnapshot(paths: LockPaths, given: string, cwd: string): string {
  const direct = resolve(cwd, given);
  if (existsSync(direct)) return direct;
  const inHistory = join(paths.historyDir, given);
  if (!given.includes("/") && existsSync(inHistory)) return inHistory;
  throw new WriteRefusal(
    "SNAPSHOT_NOT_FOUND",
    `${given} exists neither as a path nor in ${paths.historyDisplay}`,
    given,
  );
}

/** A lockfile or snapshot that must parse in one of the platform's formats (a regular file, never a symlink). */
export function readLockSnapshot(lock: LockPort, paths: LockPaths, path: string): LockSnapshot {
  const display = displayPath(paths.root, path);
  let bytes: Buffer | null;
  try {
    bytes = readOptionalFile(path, display, "TARGET_FILE_SYMLINK");
  } catch (error) {
    if (error instanceof WriteRefusal) throw new WriteRefusal("SNAPSHOT_INVALID", error.detail, display);
    throw error;
  }
  if (bytes === null) throw new WriteRefusal("SNAPSHOT_NOT_FOUND", `${display} does not exist`, display);
  const parsed = lock.parse(bytes.toString("utf8"), display);
  if (!parsed.ok) throw new WriteRefusal("SNAPSHOT_INVALID", `${parsed.code}: ${parsed.detail}`, display);
  return { path, display, bytes, document: parsed.document, format: parsed.format };
}

/**
 * The newest snapshot in the history that is a valid lockfile (`lock rollback --latest`, the way back from a
 * missing or broken lockfile). Invalid snapshots are passed over and counted, never silently.
 */
export function latestValidSnapshot(
  lock: LockPort,
  paths: LockPaths,
): { snapshot: LockSnapshot; skipped: readonly string[] } {
  const skipped: string[] = [];
  for (const candidate of listSnapshots(paths.historyDir, lock.snapshots).reverse()) {
    try {
      return { snapshot: readLockSnapshot(lock, paths, candidate.path), skipped };
    } catch (error) {
      if (!(error instanceof WriteRefusal)) throw error;
      skipped.push(candidate.fileName);
    }
  }
  throw new WriteRefusal(
    "SNAPSHOT_NOT_FOUND",
    `${paths.historyDisplay} holds no valid lockfile snapshot${skipped.length > 0 ? ` (${skipped.length} invalid)` : ""}`,
    paths.historyDisplay,
  );
}
