import { describe, expect, test } from "vitest";
import { judgeLockEntry, type LockEntryActual, type LockEntryInput } from "./lock-entry-judgement.ts";
import type { Lockfile } from "./lockfile.ts";

const MANIFEST = "1".repeat(64);
const ARTIFACT = "2".repeat(64);
const CONTRACT = "3".repeat(64);
const OTHER = "f".repeat(64);
const ID = "builtin.retrieval.basic";

const extendedLock = (entry: Partial<Lockfile["plugins"][string]> = {}, top: Partial<Lockfile> = {}): Lockfile => ({
  format: "extended_v1",
  version: 1,
  generated_at: "2026-02-20T15:51:36Z",
  kernel_api_version: "0.1.0",
  contract_lock_hash: CONTRACT,
  plugins: { [ID]: { artifact_sha256: ARTIFACT, manifest_sha256: MANIFEST, kernel_api_version: "0.1.0", contract_lock_hash: CONTRACT, ...entry } },
  ...top,
});

const minimalLock: Lockfile = {
  format: "minimal_v1",
  version: 1,
  generated_at: "2026-01-20T10:00:00Z",
  kernel_api_version: null,
  contract_lock_hash: null,
  plugins: { [ID]: { artifact_sha256: ARTIFACT, manifest_sha256: MANIFEST, kernel_api_version: null, contract_lock_hash: null } },
};

const matching: LockEntryActual = { manifest_sha256: MANIFEST, artifact_sha256: ARTIFACT, contract_lock_hash: CONTRACT };
const symlinkFailure = { code: "SYMLINK_IN_PLUGIN_DIR", platform_error: "symlinks are not allowed in hashed directories: plugins/builtin/x/link" } as const;

const cases: Array<[string, LockEntryInput, Record<string, unknown>]> = [
  ["entry missing", { pluginId: "builtin.other", lock: extendedLock(), actual: matching }, { code: "LOCK_ENTRY_MISSING", platform_error: "Plugin builtin.other missing from lockfile", expected: null, actual: null }],
  ["inherited names are not entries", { pluginId: "constructor", lock: extendedLock(), actual: matching }, { code: "LOCK_ENTRY_MISSING" }],
  ["kernel_api_version differs", { pluginId: ID, lock: extendedLock({ kernel_api_version: "0.2.0" }), actual: { ...matching, manifest_sha256: OTHER } }, { code: "KERNEL_API_VERSION_MISMATCH", platform_error: `Plugin ${ID} kernel_api_version mismatch`, expected: "0.2.0", actual: "0.1.0" }],
  ["contract hash differs (entry value)", { pluginId: ID, lock: extendedLock(), actual: { ...matching, contract_lock_hash: OTHER, manifest_sha256: OTHER } }, { code: "CONTRACT_LOCK_HASH_MISMATCH", platform_error: `Plugin ${ID} contract_lock_hash mismatch`, expected: CONTRACT, actual: OTHER }],
  ["contract hash falls back to the top level", { pluginId: ID, lock: extendedLock({ contract_lock_hash: null }, { contract_lock_hash: OTHER }), actual: matching }, { code: "CONTRACT_LOCK_HASH_MISMATCH", expected: OTHER, actual: CONTRACT }],
  ["contracts/lock.json missing", { pluginId: ID, lock: extendedLock(), actual: { ...matching, contract_lock_hash: null } }, { code: "CONTRACT_LOCK_HASH_MISMATCH", expected: CONTRACT, actual: null }],
  ["manifest differs", { pluginId: ID, lock: extendedLock(), actual: { ...matching, manifest_sha256: OTHER, artifact_sha256: OTHER } }, { code: "MANIFEST_HASH_MISMATCH", platform_error: `Plugin ${ID} manifest hash mismatch`, expected: MANIFEST, actual: OTHER }],
  ["artifact differs", { pluginId: ID, lock: extendedLock(), actual: { ...matching, artifact_sha256: OTHER } }, { code: "ARTIFACT_HASH_MISMATCH", platform_error: `Plugin ${ID} artifact hash mismatch`, expected: ARTIFACT, actual: OTHER }],
  ["a symlink beats a manifest mismatch: both digests come before both compares", { pluginId: ID, lock: extendedLock(), actual: { ...matching, manifest_sha256: OTHER, artifact_sha256: symlinkFailure } }, { code: "SYMLINK_IN_PLUGIN_DIR", platform_error: symlinkFailure.platform_error, expected: ARTIFACT, actual: null }],
  ["an unreadable manifest comes first", { pluginId: ID, lock: extendedLock(), actual: { ...matching, manifest_sha256: { code: "HASH_IO_ERROR", platform_error: "[Errno 13] Permission denied" }, artifact_sha256: symlinkFailure } }, { code: "HASH_IO_ERROR", expected: MANIFEST }],
  ["but kernel and contract checks come before hashing failures", { pluginId: ID, lock: extendedLock({ kernel_api_version: "9" }), actual: { ...matching, artifact_sha256: symlinkFailure } }, { code: "KERNEL_API_VERSION_MISMATCH" }],
];

describe("judgeLockEntry", () => {
  test.each(cases)("%s", (_name, input, expected) => {
    expect(judgeLockEntry(input)).toMatchObject({ ok: false, ...expected });
  });

  test("extended entry that matches: nothing skipped", () => {
    expect(judgeLockEntry({ pluginId: ID, lock: extendedLock(), actual: matching })).toEqual({ ok: true, skipped_checks: [] });
  });

  test("minimal entry: kernel and contract checks are skipped, and the result says so", () => {
    const judgement = judgeLockEntry({ pluginId: ID, lock: minimalLock, actual: { ...matching, contract_lock_hash: OTHER } });
    expect(judgement.ok).toBe(true);
    expect(judgement.skipped_checks.map((skip) => skip.check)).toEqual(["kernel_api_version", "contract_lock_hash"]);
  });

  test("minimal entry inside an extended file still gets the top-level contract check", () => {
    const lock = extendedLock({ kernel_api_version: null, contract_lock_hash: null });
    expect(judgeLockEntry({ pluginId: ID, lock, actual: { ...matching, contract_lock_hash: OTHER } })).toMatchObject({
      ok: false,
      code: "CONTRACT_LOCK_HASH_MISMATCH",
      skipped_checks: [{ check: "kernel_api_version" }],
    });
  });

  test("an empty-string kernel_api_version is falsy in Python and skips the check", () => {
    expect(judgeLockEntry({ pluginId: ID, lock: extendedLock({ kernel_api_version: "" }), actual: matching })).toMatchObject({ ok: true, skipped_checks: [{ check: "kernel_api_version" }] });
  });

  test("an unreadable contracts/lock.json is swallowed by the registry: check skipped, not failed", () => {
    const actual = { ...matching, contract_lock_hash: { code: "HASH_IO_ERROR", platform_error: "[Errno 13] Permission denied" } } as const;
    expect(judgeLockEntry({ pluginId: ID, lock: extendedLock(), actual })).toMatchObject({ ok: true, skipped_checks: [{ check: "contract_lock_hash" }] });
  });

  test("the kernel version can be pinned per target commit", () => {
    expect(judgeLockEntry({ pluginId: ID, lock: extendedLock({ kernel_api_version: "0.2.0" }), actual: matching, kernelApiVersion: "0.2.0" }).ok).toBe(true);
  });
});
