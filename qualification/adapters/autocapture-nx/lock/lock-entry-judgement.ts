import type { ReasonCode } from "../../../../contracts/reason-codes.ts";
import type { HashingErrorCode } from "../hashing/hashing-error.ts";
import type { Lockfile } from "./lockfile.ts";

/** `autocapture_nx.__version__` at the baseline commit; the registry compares entries against it. */
export const PLATFORM_KERNEL_API_VERSION = "0.1.0";

export type LockEntryCode = Extract<
  ReasonCode,
  "LOCK_ENTRY_MISSING" | "KERNEL_API_VERSION_MISMATCH" | "CONTRACT_LOCK_HASH_MISMATCH" | "MANIFEST_HASH_MISMATCH" | "ARTIFACT_HASH_MISMATCH" | HashingErrorCode
>;

/** A digest the caller could not compute; the platform fails on the same file at the same step. */
export interface HashFailure {
  readonly code: HashingErrorCode;
  readonly platform_error: string;
}

export interface LockEntryActual {
  readonly manifest_sha256: string | HashFailure;
  readonly artifact_sha256: string | HashFailure;
  /** `sha256_file(contracts/lock.json)`; null when the file is absent (the platform compares against None). */
  readonly contract_lock_hash: string | null | HashFailure;
}

export interface LockEntryInput {
  readonly pluginId: string;
  readonly lock: Lockfile;
  readonly actual: LockEntryActual;
  readonly kernelApiVersion?: string;
}

export interface SkippedCheck {
  readonly check: "kernel_api_version" | "contract_lock_hash";
  readonly reason: string;
}

export type LockEntryJudgement =
  | { readonly ok: true; readonly skipped_checks: readonly SkippedCheck[] }
  | {
      readonly ok: false;
      readonly code: LockEntryCode;
      /** The registry's error text for this plugin, verbatim. */
      readonly platform_error: string;
      readonly expected: string | null;
      readonly actual: string | null;
      readonly skipped_checks: readonly SkippedCheck[];
    };

const isFailure = (value: string | null | HashFailure): value is HashFailure => value !== null && typeof value === "object";

/**
 * "Lock-hash valid" exactly as `PluginRegistry._check_lock` decides it, given digests the caller computed.
 *
 * Order and quirks copied from the registry:
 * 1. entry missing;
 * 2. `kernel_api_version`, only when the entry's value is truthy (minimal entries skip it);
 * 3. `contract_lock_hash`, the entry's value else the top-level one, only when truthy; an unreadable
 *    `contracts/lock.json` is swallowed by the registry's `except Exception: pass`, so that check is skipped too;
 * 4. both digests are computed before either is compared, so a hashing failure (symlink, unreadable file) wins
 *    over a manifest mismatch, the manifest's failure first;
 * 5. manifest hash, then artifact hash.
 * The registry skips all of this when `plugins.locks.enforce` is false; that decision is the caller's.
 */
export function judgeLockEntry(input: LockEntryInput): LockEntryJudgement {
  const { pluginId, lock, actual } = input;
  const kernel = input.kernelApiVersion ?? PLATFORM_KERNEL_API_VERSION;
  const skipped: SkippedCheck[] = [];
  const fail = (code: LockEntryCode, platformError: string, expected: string | null, got: string | null): LockEntryJudgement => ({
    ok: false,
    code,
    platform_error: platformError,
    expected,
    actual: got,
    skipped_checks: skipped,
  });

  const entry = Object.hasOwn(lock.plugins, pluginId) ? lock.plugins[pluginId] : undefined;
  if (entry === undefined) return fail("LOCK_ENTRY_MISSING", `Plugin ${pluginId} missing from lockfile`, null, null);

  if (!entry.kernel_api_version) skipped.push({ check: "kernel_api_version", reason: "the lock entry has no kernel_api_version" });
  else if (entry.kernel_api_version !== kernel) {
    return fail("KERNEL_API_VERSION_MISMATCH", `Plugin ${pluginId} kernel_api_version mismatch`, entry.kernel_api_version, kernel);
  }

  const expectedContract = entry.contract_lock_hash || lock.contract_lock_hash;
  if (!expectedContract) {
    skipped.push({ check: "contract_lock_hash", reason: "neither the lock entry nor the lockfile has contract_lock_hash" });
  } else if (isFailure(actual.contract_lock_hash)) {
    skipped.push({ check: "contract_lock_hash", reason: `contracts/lock.json unreadable (${actual.contract_lock_hash.platform_error}); the registry swallows this and skips the check` });
  } else if (expectedContract !== actual.contract_lock_hash) {
    return fail("CONTRACT_LOCK_HASH_MISMATCH", `Plugin ${pluginId} contract_lock_hash mismatch`, expectedContract, actual.contract_lock_hash);
  }

  if (isFailure(actual.manifest_sha256)) return fail(actual.manifest_sha256.code, actual.manifest_sha256.platform_error, entry.manifest_sha256, null);
  if (isFailure(actual.artifact_sha256)) return fail(actual.artifact_sha256.code, actual.artifact_sha256.platform_error, entry.artifact_sha256, null);
  if (actual.manifest_sha256 !== entry.manifest_sha256) {
    return fail("MANIFEST_HASH_MISMATCH", `Plugin ${pluginId} manifest hash mismatch`, entry.manifest_sha256, actual.manifest_sha256);
  }
  if (actual.artifact_sha256 !== entry.artifact_sha256) {
    return fail("ARTIFACT_HASH_MISMATCH", `Plugin ${pluginId} artifact hash mismatch`, entry.artifact_sha256, actual.artifact_sha256);
  }
  return { ok: true, skipped_checks: skipped };
}
