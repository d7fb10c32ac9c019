import { existsSync } from "node:fs";
import { join } from "node:path";
import { compareCodePoints } from "../../../../shared/canonical/canonical-json.ts";
import { setOwn } from "../../../../shared/canonical/set-own.ts";
import type { QualifyOptions } from "../../../../shared/options/resolve-options.ts";
import { autocaptureSettings } from "../autocapture-environment.ts";
import { LockRefusal, type RelockPlan, type RelockRequest, type RelockTarget } from "../../lock-port.ts";
import { gatherStatic, type StaticGather } from "../gather-static.ts";
import { lockLocation } from "./lock-location.ts";
import type { Lockfile, LockfileDocument } from "./lockfile.ts";
import { planLockUpdate, type PluginDigests } from "./plan-lock-update.ts";

async function digestsOf(
  statics: StaticGather,
  ids: readonly string[],
): Promise<{ digests: Map<string, PluginDigests>; drift: Record<string, readonly string[] | null> }> {
  const digests = new Map<string, PluginDigests>();
  const drift: Record<string, readonly string[] | null> = {};
  for (const id of ids) {
    const base = await statics.pluginStatic(id);
    const { hashes } = base;
    if (hashes.fault) {
      const code = hashes.fault.code === "SYMLINK_IN_PLUGIN_DIR" ? "PLUGIN_DIR_SYMLINK" : "PLUGIN_UNREADABLE";
      throw new LockRefusal(code, hashes.fault.detail, base.manifest?.dir ?? null);
    }
    if (hashes.manifest_sha256 === null || hashes.artifact_sha256 === null)
      throw new Error(`internal: ${id} hashed without digests`);
    digests.set(id, { manifest_sha256: hashes.manifest_sha256, artifact_sha256: hashes.artifact_sha256 });
    setOwn(drift, id, hashes.drift_files ?? null);
  }
  return { digests, drift };
}

function selectPlugins(statics: StaticGather, requested: readonly string[] | null): string[] {
  const duplicates = new Map(statics.duplicateManifests.map((d) => [d.plugin_id, d.manifests]));
  if (requested === null && statics.unattributedManifestFaults.length > 0) {
    const fault = statics.unattributedManifestFaults[0]!;
    throw new LockRefusal(
      "MANIFEST_UNREADABLE",
      `a full re-lock needs every manifest's plugin_id: ${fault.detail}`,
      fault.file ?? null,
    );
  }
  const ids = requested === null ? [...statics.manifests.keys()] : [...new Set(requested)];
  for (const id of ids) {
    if (!statics.manifests.has(id))
      throw new LockRefusal("PLUGIN_NOT_FOUND", `no discovered plugin.json declares ${id}`, null);
    const dup = duplicates.get(id);
    if (dup)
      throw new LockRefusal(
        "PLUGIN_DUPLICATE_MANIFEST",
        `${id} is declared by several manifests (${dup.join(", ")}); the lock entry would be ambiguous`,
        dup[0] ?? null,
      );
  }
  return ids.sort(compareCodePoints);
}

/**
 * Re-locks with the platform's algorithms: a plugin with a `requirements.txt` is refused for extended entries
 * (their sbom is not specified), then every plugin is hashed, then the entries are planned in the file's format.
 */
async function relock(statics: StaticGather, root: string, request: RelockRequest): Promise<RelockPlan> {
  const format = request.format as Lockfile["format"];
  const writesExtended = request.toExtended || format === "extended_v1";
  for (const id of request.pluginIds) {
    const dir = statics.manifests.get(id)!.dir;
    if (writesExtended && existsSync(join(root, dir, "requirements.txt")))
      throw new LockRefusal(
        "SBOM_UNSUPPORTED",
        `${dir}/requirements.txt exists; the platform's sbom for it is not specified, so the entry cannot be written exactly`,
        `${dir}/requirements.txt`,
      );
  }
  const { digests, drift } = await digestsOf(statics, request.pluginIds);
  const plan = planLockUpdate({
    // The engine hands back the document and format this adapter's port parsed.
    document: request.document as LockfileDocument,
    format,
    pluginIds: request.all ? null : request.pluginIds,
    digests,
    kernelApiVersion: statics.runSection.kernel_api_version,
    contractLockHash: statics.lock.evidence.contract_lock_sha256,
    toExtended: request.toExtended,
  });
  return { ...plan, changedFiles: drift };
}

/** The target's static facts (config, manifests, lock state; hashes on demand), gathered once for a re-lock. */
export async function openRelock(options: QualifyOptions, configDir: string): Promise<RelockTarget> {
  const statics = await gatherStatic(
    {
      root: options.target,
      configDir,
      safeMode: options.safeMode,
      platformEnv: autocaptureSettings(options).platformEnv,
      requireLockSignature: options.requireLockSignature,
      keyringFile: options.keyringFile,
      signatureFile: options.signatureFile,
    },
    null,
  );
  return {
    location: lockLocation(options.target, statics.config.plugins.lockfile),
    selectPlugins: (requested) => selectPlugins(statics, requested),
    relock: (request) => relock(statics, options.target, request),
  };
}
