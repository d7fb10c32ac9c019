import { z } from "zod";

/** The six per-plugin checks, in the order a plugin must pass them. */
export const CHECK_IDS = ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present", "functional"] as const;
export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

/** Run-level checks: facts about the whole target that no single plugin owns (`run › <check>`). */
export const RUN_CHECK_IDS = [
  "config_valid",
  "lockfile_valid",
  "contract_lock_files",
  "manifests_valid",
  "platform_cli",
  "required_capabilities",
  "inventory_resolved",
  "probe_catalog",
] as const;
export const RunCheckId = z.enum(RUN_CHECK_IDS);
export type RunCheckId = z.infer<typeof RunCheckId>;

export const CheckStatus = z.enum(["pass", "fail", "infra_error", "not_applicable"]);
export type CheckStatus = z.infer<typeof CheckStatus>;

/**
 * Closed reason codes. Tests and machines key off these, never off the prose in `detail`.
 * Grouped by the check that emits them; run-level codes are shared.
 */
/** Why a manifest could not be used (`MANIFEST_TOO_LARGE`: over the size the suite reads, refused unparsed). */
export const MANIFEST_REASONS = [
  "MANIFEST_INVALID_JSON",
  "MANIFEST_NOT_OBJECT",
  "MANIFEST_SCHEMA",
  "MANIFEST_COMPAT",
  "MANIFEST_UNREADABLE",
  "MANIFEST_TOO_LARGE",
  "ENTRYPOINT_ESCAPES_PLUGIN_DIR",
] as const;

/**
 * Why the platform's own rule leaves an allowlisted plugin disabled: the adapter records one of these as the
 * plugin's enablement (contracts/evidence.ts `Enablement`), and the `enabled` check reports it as is.
 */
export const NOT_ENABLED_REASONS = [
  "DEPRECATED_CAPTURE_BLOCK",
  "NOT_IN_DEFAULT_PACK",
  "DISABLED_IN_CONFIG",
  "DISABLED_BY_MANIFEST",
  "QUARANTINED",
] as const;

export const REASON_CODES = [
  // inventory / run level
  "UNRESOLVED_ID",
  "DEPRECATED_REMOVED",
  "CONFIG_INVALID",
  "DUPLICATE_PLUGIN_ID",
  ...MANIFEST_REASONS,
  // allowlisted
  "NOT_ALLOWLISTED",
  // hash_ok
  "LOCKFILE_MISSING",
  "LOCKFILE_INVALID",
  "LOCK_ENTRY_MISSING",
  "KERNEL_API_VERSION_MISMATCH",
  "CONTRACT_LOCK_HASH_MISMATCH",
  "CONTRACT_LOCK_FILES_MISMATCH",
  "MANIFEST_HASH_MISMATCH",
  "ARTIFACT_HASH_MISMATCH",
  "ALGORITHM_VERSION_MISMATCH",
  "SYMLINK_IN_PLUGIN_DIR",
  "HASH_IO_ERROR",
  "LOCK_SIGNATURE_INVALID",
  // enabled
  ...NOT_ENABLED_REASONS,
  // loaded
  "LOAD_FAILED",
  "LOAD_SKIPPED",
  "NOT_ATTEMPTED",
  "PLATFORM_LOAD_ABORTED",
  "CLI_TIMEOUT",
  "CLI_FAILED",
  "CLI_OUTPUT_INVALID",
  "ENVIRONMENT_ERROR",
  /** Importing or creating the plugin did not finish within the per-plugin load limit (the stack is the evidence). */
  "LOAD_HUNG",
  /** Importing or creating the plugin ended the interpreter: the platform's whole load died with it. */
  "LOAD_CRASHED",
  /** The plugin writes to stdout while it loads, where the platform's commands print their JSON. */
  "WRITES_TO_STDOUT",
  // capability_present
  "CAPABILITY_MISSING",
  "UPSTREAM_CHECK_FAILED",
  /** An upstream check is infra_error: nothing about this plugin is known, so this one is infra_error too. */
  "UPSTREAM_INFRA_ERROR",
  // functional
  "SPEC_MISSING",
  "SPEC_INVALID",
  "PROBE_FAILED",
  "PROBE_CRASHED",
  "PROBE_TIMEOUT",
  "HOSTING_TIMEOUT",
  "NONDETERMINISTIC",
  "DEPENDENCY_DOWN",
  /** The spec's `requires_environment` is not met here (OS, Python module, GPU): the environment's lack, named. */
  "ENVIRONMENT_UNSUPPORTED",
  /** A step raised ModuleNotFoundError for a module the spec does not declare: the plugin needs what is not here. */
  "MODULE_MISSING",
  /** A spec's setup call did not return: fail when it called the plugin itself, infra_error when another plugin. */
  "PROBE_SETUP_FAILED",
  "PLUGIN_LOAD_FAILED",
  "RUNNER_FAILED",
  // the suite's own probe machinery (infra_error, never a plugin's verdict)
  "RUNNER_API",
  "RUNNER_CRASHED",
  "RUNNER_OUTPUT_INVALID",
  "INTERPRETER_UNUSABLE",
  /** The platform's own load-report loaded the plugin, but the probe runner's (inproc) load of it did not. */
  "PROBE_LOAD_DIVERGED",
] as const;
export const ReasonCode = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCode>;
