import { z } from "zod";
import { SourceFile } from "./plugin-inventory.ts";

/** Adapter-neutral facts gathered once per run. Checks are pure functions of this; replay re-judges it. */

export const Issue = z.object({ pointer: z.string(), message: z.string() }).strict();
export type Issue = z.infer<typeof Issue>;

export const Fault = z
  .object({ code: z.string(), detail: z.string(), file: z.string().nullable(), issues: z.array(Issue) })
  .strict();
export type Fault = z.infer<typeof Fault>;

export const CommandEvidence = z
  .object({
    command: z.string(),
    exit_code: z.number().int().nullable(),
    timed_out: z.boolean(),
    stderr_excerpt: z.string(),
    /** Parsed stdout when it was JSON; null otherwise. */
    json: z.unknown().nullable(),
    fault: Fault.nullable(),
  })
  .strict();
export type CommandEvidence = z.infer<typeof CommandEvidence>;

export const ManifestFacts = z
  .object({
    path: z.string(),
    dir: z.string(),
    version: z.string().nullable(),
    enabled_default: z.boolean(),
    kinds: z.array(z.string()),
    provides: z.array(z.string()),
    required_capabilities: z.array(z.string()),
    depends_on: z.array(z.string()),
    replaces: z.array(z.string()),
    network: z.boolean(),
    fault: Fault.nullable(),
  })
  .strict();
export type ManifestFacts = z.infer<typeof ManifestFacts>;

export const LockEntryFacts = z
  .object({
    artifact_sha256: z.string(),
    manifest_sha256: z.string(),
    kernel_api_version: z.string().nullable(),
    contract_lock_hash: z.string().nullable(),
  })
  .strict();

export const PluginEvidence = z
  .object({
    plugin_id: z.string(),
    manifest: ManifestFacts.nullable(),
    hashes: z
      .object({
        manifest_sha256: z.string().nullable(),
        artifact_sha256: z.string().nullable(),
        legacy_artifact_sha256: z.array(z.string()),
        /** Plugin files changed since the lockfile was last committed (git), when the artifact hash drifted. */
        drift_files: z.array(z.string()).nullable().optional(),
        fault: Fault.nullable(),
      })
      .strict(),
    lock_entry: LockEntryFacts.nullable(),
    config: z
      .object({
        allowlisted: z.boolean(),
        in_default_pack: z.boolean(),
        enabled_map: z.boolean().nullable(),
        quarantined: z.boolean(),
        deprecated_capture: z.boolean(),
        safe_mode: z.boolean(),
        /** Safe-mode-minimal replaces the enabled set; null when that mode is off. */
        minimal_closure_member: z.boolean().nullable(),
      })
      .strict(),
    platform_list_row: z
      .object({ allowlisted: z.boolean(), enabled: z.boolean(), hash_ok: z.boolean(), kinds: z.array(z.string()), provides: z.array(z.string()) })
      .strict()
      .nullable(),
    platform_load: z
      .object({
        status: z.enum(["loaded", "failed", "skipped", "absent"]),
        errors: z.array(z.object({ phase: z.string(), error: z.string(), entrypoint: z.string() }).strict()),
      })
      .strict(),
    runtime_capabilities: z.array(z.string()).nullable(),
    runtime_fault: Fault.nullable(),
    probe: z.unknown().nullable(),
  })
  .strict();
export type PluginEvidence = z.infer<typeof PluginEvidence>;

export const RunEvidence = z
  .object({
    schema_version: z.literal(1),
    adapter: z.string(),
    kernel_api_version: z.string().nullable(),
    target: z.object({ root: z.string(), commit: z.string().nullable() }).strict(),
    sources: z.array(SourceFile),
    config: z
      .object({
        fault: Fault.nullable(),
        safe_mode: z.boolean(),
        safe_mode_minimal: z.boolean(),
        locks_enforce: z.boolean(),
        lockfile: z.string(),
        user_config: z.string().nullable(),
        required_capabilities: z.array(z.string()),
      })
      .strict(),
    lockfile: z
      .object({
        sha256: z.string().nullable(),
        format: z.string().nullable(),
        fault: Fault.nullable(),
        contract_lock_sha256: z.string().nullable(),
        contract_files: z.array(z.object({ rel: z.string(), expected: z.string(), actual: z.string().nullable() }).strict()),
        signature: z.object({ checked: z.boolean(), required: z.boolean(), result: z.string() }).strict(),
      })
      .strict(),
    commands: z.object({ plugins_list: CommandEvidence, load_report: CommandEvidence }).strict(),
    load_report: z
      .object({ ok: z.boolean(), error: z.string().nullable(), capabilities: z.array(z.string()) })
      .strict()
      .nullable(),
    plugins: z.array(PluginEvidence),
  })
  .strict();
export type RunEvidence = z.infer<typeof RunEvidence>;
