import { join } from "node:path";
import type { PluginEvidence } from "../../../../contracts/evidence.ts";
import { driftFiles } from "./drift-files.ts";
import { isHashingError } from "./hashing/hashing-error.ts";
import { legacyDirectoryDigests } from "./hashing/legacy-directory-digests.ts";
import { digestDirectory } from "./hashing/sha256-directory.ts";
import { sha256File } from "./hashing/sha256-file.ts";

/**
 * The two digests the lock entry is compared against. The legacy digests (the algorithms that wrote lockfiles
 * before 2026-02-09) are computed only when the current one disagrees with the lock, to tell an old-algorithm
 * lock from tampering at no extra cost for the common case.
 */
export async function hashPluginDirectory(
  root: string,
  dir: string,
  lockedArtifact: string | null,
  lockfileRel: string,
): Promise<PluginEvidence["hashes"]> {
  const pluginDir = join(root, dir);
  try {
    // One pass: plugin.json's per-file digest is exactly sha256_file(plugin.json), the manifest hash.
    const artifact = await digestDirectory(pluginDir, { fileDigests: (rel) => rel === "plugin.json" });
    const manifest =
      artifact.files.find((f) => f.rel === "plugin.json")?.sha256 ?? (await sha256File(join(pluginDir, "plugin.json")));
    let legacy: string[] = [];
    let drift: string[] | null = null;
    if (lockedArtifact !== null && lockedArtifact !== artifact.sha256) {
      const old = await legacyDirectoryDigests(pluginDir);
      legacy = [...new Set([old.legacy_walk_raw, old.legacy_rglob_raw])].sort();
      drift = await driftFiles(root, dir, lockfileRel);
    }
    return {
      manifest_sha256: manifest,
      artifact_sha256: artifact.sha256,
      legacy_artifact_sha256: legacy,
      drift_files: drift,
      fault: null,
    };
  } catch (error) {
    if (!isHashingError(error)) throw error;
    const rels = error.rels.length > 0 ? error.rels.join(", ") : dir;
    const detail =
      error.code === "SYMLINK_IN_PLUGIN_DIR"
        ? `${dir} contains a symlink (${rels}); the platform refuses to hash it: ${error.platformError}`
        : `${dir}: cannot read ${rels} (${error.errno ?? "EIO"}): ${error.platformError}`;
    return {
      manifest_sha256: null,
      artifact_sha256: null,
      legacy_artifact_sha256: [],
      fault: { code: error.code, detail, file: dir, issues: [] },
    };
  }
}
