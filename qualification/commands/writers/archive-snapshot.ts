import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SnapshotNameError, type SnapshotNaming } from "../../gather/adapters/lock-port.ts";
import { WriteRefusal } from "./write-refusal.ts";

/** The writers' only clock: injected so tests (and replays) can pin history names. */
export type WriterClock = () => Date;
export const systemClock: WriterClock = () => new Date();

/** Validates a snapshot reason before anything is written (a `/` would put the copy in another directory). */
export function assertSnapshotReason(reason: string, naming: SnapshotNaming): void {
  try {
    naming.format({ at: new Date(0), reason, tag: "000000000000" });
  } catch (error) {
    if (error instanceof SnapshotNameError)
      throw new WriteRefusal(
        "REASON_INVALID",
        `reason ${JSON.stringify(reason)} cannot be part of a history file name: ${error.message}`,
      );
    throw error;
  }
}

/**
 * Writes a verbatim copy into `dir` under the platform's snapshot name (time, reason, content tag). The tag is
 * taken from the copy on disk, as the platform takes it from the file it archived.
 * The directory is append-only: the copy is written under a temporary name and hard-linked into place, which
 * fails rather than overwrite; a name already taken (two copies in one millisecond) moves the timestamp on by
 * one microsecond.
 */
export function archiveSnapshot(input: {
  readonly dir: string;
  readonly bytes: Uint8Array;
  readonly reason: string;
  readonly clock: WriterClock;
  readonly naming: SnapshotNaming;
}): string {
  mkdirSync(input.dir, { recursive: true });
  const temp = join(input.dir, `.incoming-${randomBytes(6).toString("hex")}.json`);
  writeFileSync(temp, input.bytes, { flag: "wx" });
  try {
    const tag = input.naming.tagOf(temp);
    const start = input.clock();
    let microsecond = start.getUTCMilliseconds() * 1000;
    for (let attempt = 0; attempt < 1000; attempt++, microsecond++) {
      const at = new Date(start.getTime() - start.getUTCMilliseconds() + Math.floor(microsecond / 1000));
      const path = join(
        input.dir,
        input.naming.format({ at, microsecond: microsecond % 1_000_000, reason: input.reason, tag }),
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
