import { join, resolve } from "node:path";
import { pythonStrip } from "../../shared/json/python-strip.ts";
import type { MetadataDbFile } from "./sqlite-health.ts";

/** Where the platform's metadata DB and its live replica are, for the health probe and the citation reader. */
export type MetadataDbPaths = Readonly<Record<MetadataDbFile, string>>;

/**
 * The files a query run reads, as the platform finds them: `<data dir>/metadata.db` and its `metadata.live.db`
 * sibling (`tools/run_non_vlm_readiness.py` `_resolve_metadata_db_path`), unless `AUTOCAPTURE_STORAGE_METADATA_PATH`
 * (trimmed) names the primary, which
 * `load_config`'s storage env overrides put into `storage.metadata_path` ahead of everything else; a relative
 * value is taken from the target root, the platform's working directory. The replica stays the data dir's
 * `metadata.live.db`, the storage plugin's fallback, so probe, reader and platform look at the same bytes.
 */
export function metadataDbPaths(
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
  root = dataDir,
): MetadataDbPaths {
  const explicit = pythonStrip(env.AUTOCAPTURE_STORAGE_METADATA_PATH ?? "");
  const primary = explicit !== "" ? resolve(root, explicit) : join(dataDir, "metadata.db");
  return { "metadata.db": primary, "metadata.live.db": join(dataDir, "metadata.live.db") };
}
