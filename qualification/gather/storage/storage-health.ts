import type { SqliteHealth } from "../../../contracts/query-run.ts";
import type { MetadataDbPaths } from "./metadata-db-paths.ts";
import { probeSqliteHealth, type MetadataDbFile } from "./sqlite-health.ts";

export interface StorageProbe {
  /**
   * `metadata.db` first, then `metadata.live.db` (the order `tools/run_non_vlm_readiness.py`
   * `_resolve_metadata_db_path` resolves them in).
   */
  readonly health: readonly SqliteHealth[];
  readonly readMs: Readonly<Record<MetadataDbFile, number | null>>;
}

/**
 * Both metadata DBs of a platform data dir (or where the platform's env points). The primary is required; the live
 * replica is optional (absent is fine, present-but-broken is not), because the query path falls back to it when the
 * primary is unreadable.
 */
export function probeStorage(paths: MetadataDbPaths): StorageProbe {
  const primary = probeSqliteHealth(paths["metadata.db"], "metadata.db", { required: true });
  const live = probeSqliteHealth(paths["metadata.live.db"], "metadata.live.db", { required: false });
  return {
    health: [primary.health, live.health],
    readMs: { "metadata.db": primary.readMs, "metadata.live.db": live.readMs },
  };
}

/**
 * Storage is healthy when every DB that is present is healthy and at least one is readable. A query that
 * fails while this is false is attributed to storage I/O (`db_io`), never to a plugin.
 */
export function storageHealthy(health: readonly SqliteHealth[]): boolean {
  const present = health.filter((db) => db.present);
  return present.length > 0 && present.every((db) => db.healthy);
}

/** No metadata DB at all where the platform reads: the run has no corpus (its input), which is not a disk fault. */
export function corpusMissing(health: readonly SqliteHealth[]): boolean {
  return health.length > 0 && health.every((db) => !db.present);
}
