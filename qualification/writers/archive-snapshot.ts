import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sha256FileSync } from "../adapters/autocapture-nx/hashing/index.ts";
import { formatLockHistoryName, LockHistoryNameError } from "../adapters/autocapture-nx/lock/index.ts";
import { WriteRefusal } from "./write-refusal.ts";

/** The writers' only clock: injected so tests (and replays) can pin history names. */
export type WriterClock = () => Date;
export const systemClock: WriterClock = () => new Date();

/** Validates a snapshot reason before anything is written (a `/` would put the copy in another directory). */
export function assertSnapshotReason(reason: string): void {
  try {
    formatLockHistoryName({ at: new Date(0), reason, sha12: "000000000000" });
  } catch (error) {
    if (error instanceof LockHistoryNameError)
      throw new WriteRefusal(
        "REASON_INVALID",
        `reason ${JSON.stringify(reason)} cannot be part of a history file name: ${error.message}`,
      );
    throw error;
  }
}

/**
 * Writes a verbatim copy as `<dir>/<ts>_<reason>_<sha12>.json` (`autocapture_nx/plugin_system/manager.py` `lockfile_snapshot`). `sha12` is `sha256_file` of
 * the copy (LF-normalised: `.json` is a normalised suffix), as the platform takes it from the file on disk.
 * The directory is append-only: the copy is written under a temporary name and hard-linked into place, which
 * fails rather than overwrite; a name already taken (two copies in one millisecond) moves the timestamp on by
 * one microsecond.
 */
export function archiveSnapshot(input: {
  readonly dir: string;
  readonly bytes: Uint8Array;
  readonly reason: string;
  readonly clock: WriterClock;
}): string {
  mkdirSync(input.dir, { recursive: true });
  const temp = join(input.dir, `.incoming-${randomBytes(6).toString("hex")}.json`);
  writeFileSync(temp, input.bytes, { flag: "wx" });
  try {
    const sha12 = sha256FileSync(temp).slice(0, 12);
    const start = input.clock();
    let microsecond = start.getUTCMilliseconds() * 1000;
    for (let attempt = 0; attempt < 1000; attempt++, microsecond++) {
      const at = new Date(start.getTime() - start.getUTCMilliseconds() + Math.floor(microsecond / 1000));
      const path = join(
        input.dir,
        formatLockHistoryName({ at, microsecond: microsecond % 1_000_000, reason: input.reason, sha12 }),
      );
      try {
        linkSync(temp, path);
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    throw new Error(`internal: 1000 history names taken in ${input.dir}`);
  } finally {
    rmSync(temp, { force: true });
  }
}
