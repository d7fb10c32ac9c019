import type { PluginEvidence, RunEvidence } from "../../../contracts/evidence.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { fail, pass } from "./verdicts.ts";

/**
 * "Lock-hash valid" judged like the registry (`autocapture_nx/plugin_system/registry.py` `PluginRegistry._check_lock`),
 * in its order: lockfile usable → entry present → kernel_api_version → contract_lock_hash → manifest hash → artifact
 * hash. Never `plugins list.hash_ok`.
 */
export function judgeHashOk(
  plugin: Pick<PluginEvidence, "plugin_id" | "manifest" | "hashes" | "lock_entry">,
  run: Pick<RunEvidence, "lockfile" | "config" | "kernel_api_version">,
): Verdict {
  const id = plugin.plugin_id;
  const lockfile = run.config.lockfile;
  const at = (pointer: string | null, file = lockfile) => ({ locations: [{ file, pointer }] });
  if (run.lockfile.fault) {
    const code = run.lockfile.fault.code === "LOCKFILE_MISSING" ? "LOCKFILE_MISSING" : "LOCKFILE_INVALID";
    const platform = code === "LOCKFILE_MISSING" ? { platform_error: `Missing plugin lockfile: ${lockfile}` } : {};
    return fail(code, run.lockfile.fault.detail, {
      ...platform,
      locations: [{ file: lockfile, pointer: run.lockfile.fault.issues[0]?.pointer ?? null }],
    });
  }
  const signature = run.lockfile.signature;
  if (signature.checked && signature.result !== "ok")
    return fail(
      "LOCK_SIGNATURE_INVALID",
      `lock signature verification: ${signature.result}${signature.required ? " (signature required)" : ""}`,
      {
        platform_error: `PluginError: plugin_locks signature invalid: ${signature.result}`,
      },
    );
  if (plugin.hashes.fault) {
    return fail(plugin.hashes.fault.code, plugin.hashes.fault.detail, at(null, plugin.manifest?.dir ?? lockfile));
  }
  const entry = plugin.lock_entry;
  if (!entry)
    return fail("LOCK_ENTRY_MISSING", `${lockfile} has no entry for ${id}`, {
      platform_error: `Plugin ${id} missing from lockfile`,
      ...at(`/plugins/${id}`),
    });
  const skipped: string[] = [];
  // Python truthiness, as the registry tests it: an empty string is skipped like an absent value.
  if (!entry.kernel_api_version) skipped.push("kernel_api_version");
  else if (entry.kernel_api_version !== run.kernel_api_version)
    return fail(
      "KERNEL_API_VERSION_MISMATCH",
      `lock entry kernel_api_version is ${JSON.stringify(entry.kernel_api_version)}, kernel is ${run.kernel_api_version ?? "of unknown version (none recorded)"}`,
      {
        platform_error: `Plugin ${id} kernel_api_version mismatch`,
        expected: run.kernel_api_version,
        actual: entry.kernel_api_version,
        ...at(`/plugins/${id}/kernel_api_version`),
      },
    );
  const contractHash = entry.contract_lock_hash;
  if (!contractHash) skipped.push("contract_lock_hash");
  else if (contractHash !== run.lockfile.contract_lock_sha256)
    return fail(
      "CONTRACT_LOCK_HASH_MISMATCH",
      `lock entry contract_lock_hash differs from sha256_file(contracts/lock.json)`,
      {
        platform_error: `Plugin ${id} contract_lock_hash mismatch`,
        expected: contractHash,
        actual: run.lockfile.contract_lock_sha256,
        ...at(`/plugins/${id}/contract_lock_hash`),
      },
    );
  if (entry.manifest_sha256 !== plugin.hashes.manifest_sha256)
    return fail(
      "MANIFEST_HASH_MISMATCH",
      `sha256_file(${plugin.manifest?.path ?? "plugin.json"}) differs from the lock entry`,
      {
        platform_error: `Plugin ${id} manifest hash mismatch`,
        expected: entry.manifest_sha256,
        actual: plugin.hashes.manifest_sha256,
        ...at(`/plugins/${id}/manifest_sha256`),
      },
    );
  if (entry.artifact_sha256 !== plugin.hashes.artifact_sha256) {
    const legacy = plugin.hashes.legacy_artifact_sha256.includes(entry.artifact_sha256);
    return fail(
      legacy ? "ALGORITHM_VERSION_MISMATCH" : "ARTIFACT_HASH_MISMATCH",
      legacy
        ? `the lock entry matches an older sha256_directory algorithm (one the platform used before its current autocapture_nx/kernel/hashing.py): regenerate the lock with the current algorithm; this is not tampering`
        : `sha256_directory(${plugin.manifest?.dir ?? id}) differs from the lock entry: a file in the plugin directory changed, was added or was removed`,
      {
        platform_error: `Plugin ${id} artifact hash mismatch`,
        expected: entry.artifact_sha256,
        actual: plugin.hashes.artifact_sha256,
        ...at(`/plugins/${id}/artifact_sha256`),
      },
    );
  }
  const note = skipped.length > 0 ? `; minimal-v1 entry: ${skipped.join(", ")} not recorded, not checked` : "";
  const enforce = run.config.locks_enforce
    ? ""
    : " (note: plugins.locks.enforce is false, so the platform itself skips this check)";
  const signed = signature.checked
    ? `; lock signature: ${signature.result}`
    : "; lock signature: not present, not required";
  return pass(`manifest and artifact hashes match the lock entry${note}${signed}${enforce}`);
}
