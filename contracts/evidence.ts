import { z } from "zod";
import { COMMAND_FAULT_CODES, FaultCode, HASH_FAULT_CODES, MACHINERY_FAULT_CODES } from "./fault-codes.ts";
import { SourceFile } from "./plugin-inventory.ts";
import { NOT_ENABLED_REASONS } from "./reason-codes.ts";

/** Adapter-neutral facts gathered once per run. Checks are pure functions of this; replay re-judges it. */

export const Issue = z.object({ pointer: z.string(), message: z.string() }).strict();
export type Issue = z.infer<typeof Issue>;

export const Fault = z
  .object({ code: FaultCode, detail: z.string(), file: z.string().nullable(), issues: z.array(Issue) })
  .strict();
export type Fault = z.infer<typeof Fault>;

/** A fault whose code is one of a narrower closed set, where the evidence field allows no other. */
const FaultOf = <const C extends readonly [string, ...string[]]>(codes: C) => Fault.extend({ code: z.enum(codes) });
export const CommandFault = FaultOf(COMMAND_FAULT_CODES);
export const HashFault = FaultOf(HASH_FAULT_CODES);
export const MachineryFault = FaultOf(MACHINERY_FAULT_CODES);
export type MachineryFault = z.infer<typeof MachineryFault>;
export type CommandFault = z.infer<typeof CommandFault>;

export const CommandEvidence = z
  .object({
    command: z.string(),
    exit_code: z.number().int().nullable(),
    timed_out: z.boolean(),
    stderr_excerpt: z.string(),
    /** Parsed stdout when it was JSON; null otherwise. */
    json: z.unknown().nullable(),
    fault: CommandFault.nullable(),
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

/**
 * A plugin that kept the platform's whole load from finishing when the suite loaded it (the probe host's watched
 * load): it hung while being imported or created (past the per-plugin limit; the stack where it hung), or ended
 * the interpreter (its exit status). The suite loaded the platform again without it.
 */
export const LoadCulprit = z
  .object({
    kind: z.enum(["hang", "crash"]),
    detail: z.string(),
    stack: z.string().nullable(),
    exit_status: z.number().int().nullable(),
  })
  .strict();
export type LoadCulprit = z.infer<typeof LoadCulprit>;

/**
 * The plugin in the suite's own load of the platform (the probe host's: the platform's loader, inproc, watched
 * plugin by plugin, culprits left out): how it fared, whether it was the culprit, and what it printed to stdout
 * while it loaded. Recorded when the runtime capability listing was asked for it.
 */
export const IsolatedLoad = z
  .object({
    status: z.enum(["loaded", "failed", "skipped", "absent", "excluded"]),
    errors: z.array(z.object({ phase: z.string(), error: z.string() }).strict()),
    culprit: LoadCulprit.nullable(),
    /** Every plugin the suite's load had to leave out (this one included, if it was one). */
    culprits: z.array(z.string()),
    printed: z.object({ bytes: z.number().int().nonnegative(), head: z.string() }).strict().nullable(),
  })
  .strict();
export type IsolatedLoad = z.infer<typeof IsolatedLoad>;

/** Where a config setting a verdict points at lives: the file and the JSON pointer, as the platform lays it out. */
export const ConfigLocation = z.object({ file: z.string(), pointer: z.string() }).strict();
export type ConfigLocation = z.infer<typeof ConfigLocation>;

/**
 * Whether the platform's own rule enables the plugin, apart from the allowlist (`config.allowlisted`): the adapter
 * evaluates its platform's rule and records the outcome, so the `enabled` check reports it and knows no rule.
 * `detail` says what decided, in the platform's terms; `locations` are the settings to change (none when no
 * setting can). Enabled carries no code; not enabled carries the closed reason.
 */
const outcome = { detail: z.string(), locations: z.array(ConfigLocation) };
export const Enablement = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(true), code: z.null(), ...outcome }).strict(),
  z.object({ enabled: z.literal(false), code: z.enum(NOT_ENABLED_REASONS), ...outcome }).strict(),
]);
export type Enablement = z.infer<typeof Enablement>;

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
        fault: HashFault.nullable(),
      })
      .strict(),
    lock_entry: LockEntryFacts.nullable(),
    config: z.object({ allowlisted: z.boolean(), enablement: Enablement }).strict(),
    platform_list_row: z
      .object({
        allowlisted: z.boolean(),
        enabled: z.boolean(),
        hash_ok: z.boolean(),
        kinds: z.array(z.string()),
        provides: z.array(z.string()),
      })
      .strict()
      .nullable(),
    platform_load: z
      .object({
        status: z.enum(["loaded", "failed", "skipped", "absent"]),
        errors: z.array(z.object({ phase: z.string(), error: z.string(), entrypoint: z.string() }).strict()),
      })
      .strict(),
    runtime_capabilities: z.array(z.string()).nullable(),
    runtime_fault: MachineryFault.nullable(),
    /**
     * The names the platform's registry registered FROM this plugin when it loaded the platform as
     * `plugins load-report` does (configured hosting; `probe_runner.py --registrations`): a subprocess-hosted
     * plugin started lazily registers what its manifest names, not what its code returns. Null when the
     * platform did not load the plugin or the question was not asked; `registration_fault` says why it failed.
     */
    registered_capabilities: z.array(z.string()).nullable(),
    registration_fault: MachineryFault.nullable(),
    isolated_load: IsolatedLoad.nullable(),
    probe: z.unknown().nullable(),
  })
  .strict();
export type PluginEvidence = z.infer<typeof PluginEvidence>;

/**
 * What the adapter knows about the platform itself rather than gathers from it: the names it supplies without any
 * plugin, and where the settings the checks cite live in its config (the enablement rule's own settings travel
 * with each plugin's `config.enablement`). Recorded so every judge reads data, never an adapter's constant, and a
 * second platform brings its own.
 */
export const PlatformFacts = z
  .object({
    /** Capability names the kernel or the registry supplies itself: never a missing plugin provider. */
    provided_capabilities: z.array(z.string()),
    config_locations: z.object({ allowlist: ConfigLocation }).strict(),
  })
  .strict();
export type PlatformFacts = z.infer<typeof PlatformFacts>;

/** The discovered manifests as a whole: what no single plugin's evidence carries. */
export const ManifestsEvidence = z
  .object({
    /** Manifests that name no plugin (unreadable, no plugin_id), and a manifest schema the platform cannot use. */
    unattributed_faults: z.array(Fault),
    /** A plugin_id several manifests declare, with every one of them. */
    duplicates: z.array(z.object({ plugin_id: z.string(), manifests: z.array(z.string()) }).strict()),
    /**
     * For each of `config.required_capabilities`, the plugins whose manifest declares it (kinds or provides), sorted.
     */
    required_capability_providers: z.record(z.string(), z.array(z.string())),
  })
  .strict();
export type ManifestsEvidence = z.infer<typeof ManifestsEvidence>;

/** The probe catalog the run used (or why none applies), and the plugin IDs it has a spec for. */
export const ProbeCatalogEvidence = z
  .object({
    source: z.enum(["env", "target", "suite", "none"]),
    display: z.string(),
    name: z.string().nullable(),
    version: z.string().nullable(),
    why: z.string(),
    spec_ids: z.array(z.string()),
  })
  .strict();
export type ProbeCatalogEvidence = z.infer<typeof ProbeCatalogEvidence>;

export const RunEvidence = z
  .object({
    /**
     * 2: the run checks' facts recorded (input faults, platform facts, manifests, probe catalog). 3: each plugin's
     * enablement recorded as the platform's decision (`config.enablement`), not as the inputs of its rule.
     */
    schema_version: z.literal(3),
    adapter: z.string(),
    kernel_api_version: z.string().nullable(),
    target: z.object({ root: z.string(), commit: z.string().nullable() }).strict(),
    sources: z.array(SourceFile),
    config: z
      .object({
        fault: Fault.nullable(),
        locks_enforce: z.boolean(),
        lockfile: z.string(),
        user_config: z.string().nullable(),
        required_capabilities: z.array(z.string()),
      })
      .strict(),
    /** Faults of the run's other inputs: the required-plugin contracts and the deprecation manifest. */
    input_faults: z.array(Fault),
    platform: PlatformFacts,
    manifests: ManifestsEvidence,
    probe_catalog: ProbeCatalogEvidence,
    lockfile: z
      .object({
        sha256: z.string().nullable(),
        format: z.string().nullable(),
        fault: Fault.nullable(),
        contract_lock_sha256: z.string().nullable(),
        contract_files: z.array(
          z.object({ rel: z.string(), expected: z.string(), actual: z.string().nullable() }).strict(),
        ),
        signature: z.object({ checked: z.boolean(), required: z.boolean(), result: z.string() }).strict(),
      })
      .strict(),
    commands: z.object({ plugins_list: CommandEvidence, load_report: CommandEvidence }).strict(),
    /**
     * When the platform's own load-report is unusable: the plugins the suite's watched load had to leave out to
     * finish (the likely reason the platform's load did not), by ID. Null when the load-report was usable.
     */
    load_culprits: z.array(z.string()).nullable(),
    load_report: z
      .object({ ok: z.boolean(), error: z.string().nullable(), capabilities: z.array(z.string()) })
      .strict()
      .nullable(),
    plugins: z.array(PluginEvidence),
  })
  .strict();
export type RunEvidence = z.infer<typeof RunEvidence>;

/**
 * What a plugin's evidence holds before the platform runs: manifest, hashes, lock entry, config (the static checks'
 * input).
 */
export type StaticPluginEvidence = Pick<PluginEvidence, "plugin_id" | "manifest" | "hashes" | "lock_entry" | "config">;
/**
 * The run evidence an adapter gathers: all of it but the session's own inputs (required lists, deprecations, probe
 * catalog).
 */
export type AdapterRunEvidence = Omit<RunEvidence, "input_faults" | "probe_catalog">;
/** The run evidence known before the platform runs: everything but its commands' answers and the plugins'. */
export type StaticRunEvidence = Omit<AdapterRunEvidence, "commands" | "load_report" | "load_culprits" | "plugins">;
