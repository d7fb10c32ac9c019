import { z } from "zod";

/** Closed codes for "what makes this green". Each failing verdict carries exactly one. */
export const REMEDIATION_CODES = [
  "ADD_TO_ALLOWLIST",
  "ENABLE_IN_CONFIG",
  "UNQUARANTINE",
  "UPDATE_LOCK_ENTRY",
  "REGENERATE_LOCKFILE",
  "RESTORE_LOCKFILE",
  "RESIGN_LOCKFILE",
  "UPDATE_CONTRACT_LOCK",
  "ADD_DEPRECATION_RECORD",
  "REMOVE_STALE_REFERENCE",
  "REMOVE_DUPLICATE_MANIFEST",
  "REMOVE_SYMLINK",
  "FIX_MANIFEST",
  "FIX_CONFIG",
  "WRITE_PROBE_SPEC",
  "FIX_PROBE_SPEC",
  "FIX_PLUGIN_CODE",
  "RESOLVE_DEPENDENCY",
  "SEE_UPSTREAM_CHECK",
  "INVESTIGATE_HOSTING",
  "START_SERVICE",
  "CHECK_STORAGE",
  "FIX_PLATFORM_ENVIRONMENT",
  /** The suite's own machinery failed: not for the platform team to fix in their plugins. */
  "REPORT_SUITE_FAULT",
] as const;
export const RemediationCode = z.enum(REMEDIATION_CODES);
export type RemediationCode = z.infer<typeof RemediationCode>;

export const Remediation = z
  .object({
    code: RemediationCode,
    summary: z.string(),
    /** The exact command that applies the fix, when one exists; null means a human edit. */
    command: z.string().nullable(),
    /** For hash drift: the plugin files changed since the lock was written, when that can be told. */
    changed_files: z.array(z.string()).nullable().optional(),
  })
  .strict();
export type Remediation = z.infer<typeof Remediation>;
