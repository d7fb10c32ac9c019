import type { LockDocument, LockPort } from "../../gather/adapters/lock-port.ts";
import { gitFileState } from "../writers/git-file-state.ts";
import { assertArchiveDir, readWritableFile } from "../writers/safe-paths.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import { matchesNewestSnapshot } from "./lock-history.ts";
import type { LockPaths } from "./lock-paths.ts";

export interface LockfileForWrite {
  readonly bytes: Buffer;
  readonly document: LockDocument;
  readonly format: string;
}

/**
 * The lockfile a writer may snapshot and replace: a regular file (not a symlink) that parses in one of the
 * platform's formats, next to a history directory that is real and writable.
 */
export function readLockfileForWrite(lock: LockPort, paths: LockPaths): LockfileForWrite {
  const bytes = readWritableFile(paths.lockfile, paths.lockfileDisplay);
  const parsed = lock.parse(bytes.toString("utf8"), paths.lockfileDisplay);
  if (!parsed.ok)
    throw new WriteRefusal(
      "LOCKFILE_INVALID",
      `${parsed.code}: ${parsed.detail}; restore it first (lock rollback)`,
      paths.lockfileDisplay,
    );
  assertArchiveDir(paths.historyDir, paths.historyDisplay);
  return { bytes, document: parsed.document, format: parsed.format };
}

/**
 * In a git work tree, uncommitted changes to the lockfile itself are refused: they are nobody's reviewed
 * state, and re-locking on top of them would bless them. Two exceptions keep the audited workflow usable:
 * the lockfile's bytes equal the newest history snapshot (the change was made, and archived, by a writer
 * like this one), or the lockfile is ignored by git. Other dirty files are fine: they are what is being locked.
 */
export async function assertLockfileAudited(lock: LockPort, paths: LockPaths, bytes: Uint8Array): Promise<void> {
  const state = await gitFileState(paths.root, paths.lockfile);
  if (state.state === "error")
    throw new WriteRefusal(
      "GIT_STATUS_FAILED",
      `cannot tell whether ${paths.lockfileDisplay} has uncommitted changes: ${state.detail}`,
      paths.lockfileDisplay,
    );
  if (state.state !== "dirty" || matchesNewestSnapshot(paths.historyDir, bytes, lock.snapshots)) return;
  throw new WriteRefusal(
    "LOCKFILE_DIRTY",
    `${paths.lockfileDisplay} has uncommitted changes (${state.status}) that no history snapshot records: commit or revert them first`,
    paths.lockfileDisplay,
  );
}
