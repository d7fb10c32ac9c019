import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SnapshotInstant, SnapshotNaming } from "../../gather/adapters/lock-port.ts";
import { compareCodePoints } from "../../shared/canonical/canonical-json.ts";

export interface HistorySnapshot {
  readonly path: string;
  readonly fileName: string;
  readonly name: SnapshotInstant;
}

/** Microseconds since the epoch: a name without a fraction is a whole second, so the text itself does not sort. */
const instant = (name: SnapshotInstant): number => Math.floor(name.at.getTime() / 1000) * 1_000_000 + name.microsecond;

/**
 * The snapshots in a history directory, oldest first (ties by file name). Only regular files whose names parse
 * as the platform's snapshot names count; anything else in the directory is not a snapshot.
 */
export function listSnapshots(dir: string, naming: SnapshotNaming): HistorySnapshot[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const snapshots: HistorySnapshot[] = [];
  for (const fileName of names) {
    const parsed = naming.parse(fileName);
    const path = join(dir, fileName);
    if (parsed === null) continue;
    try {
      if (!lstatSync(path).isFile()) continue;
    } catch {
      continue;
    }
    snapshots.push({ path, fileName, name: parsed });
  }
  return snapshots.sort((a, b) => instant(a.name) - instant(b.name) || compareCodePoints(a.fileName, b.fileName));
}

/**
 * True when `bytes` are exactly the newest snapshot's: the file's uncommitted state is one an audited writer
 * produced (its `post_` copy) or archived, so nothing unrecorded would be lost by changing it again.
 */
export function matchesNewestSnapshot(dir: string, bytes: Uint8Array, naming: SnapshotNaming): boolean {
  const newest = listSnapshots(dir, naming).at(-1);
  if (!newest) return false;
  try {
    return Buffer.compare(readFileSync(newest.path), Buffer.from(bytes)) === 0;
  } catch {
    return false;
  }
}
