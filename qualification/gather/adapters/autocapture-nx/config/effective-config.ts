import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Fault, Issue } from "../../../../../contracts/evidence.ts";
import { readJsonObjectFile, type JsonRead } from "../../../../shared/io/read-json-file.ts";
import { asPythonObject } from "../../../../shared/json/python-value.ts";
import { validateSchemaLite } from "../../../../shared/json/schema-lite.ts";
import { deepMerge, isPlainObject } from "../../../../shared/json/deep-merge.ts";
import { envSwitchedOn } from "./env-flag.ts";
import { FieldReader } from "./field-reader.ts";
import { applyLoadSteps } from "./load-steps.ts";

export interface ConfigSource {
  readonly path: string;
  readonly role: string;
  readonly bytes: Buffer;
}

export interface PluginsConfig {
  readonly allowlist: readonly string[];
  readonly defaultPack: readonly string[];
  readonly enabled: Readonly<Record<string, boolean>>;
  /** Key order of `enabled` as written, with duplicates impossible in JSON objects but kept for hygiene. */
  readonly safeMode: boolean;
  readonly safeModeMinimal: boolean;
  readonly locksEnforce: boolean;
  readonly lockfile: string;
  readonly searchPaths: readonly string[];
  readonly networkAllowed: readonly string[];
  readonly localhostAllowed: readonly string[];
  readonly quarantine: readonly string[];
  /**
   * `plugins.capabilities.<cap>.preferred`: the providers the safe-mode-minimal closure takes first (`registry.py`
   * `_minimal_safe_mode_set`).
   */
  readonly preferredProviders: Readonly<Record<string, readonly string[]>>;
  /** `plugins.hosting` as the registry reads it (`str(mode).lower()`, lists as given); its schema judges the shape. */
  readonly hosting: {
    readonly mode: string;
    readonly inprocAllowlist: readonly string[];
    readonly wslForceInproc: boolean;
  };
}

export interface EffectiveConfig {
  readonly plugins: PluginsConfig;
  readonly requiredCapabilities: readonly string[];
  readonly safeModeRequiredCapabilities: readonly string[];
  /** What the compat check compares `requires_schema_versions` against, as written (any JSON value). */
  readonly schemaVersion: unknown;
  readonly sources: readonly ConfigSource[];
  readonly userConfig: string | null;
  readonly fault: Fault | null;
}

export interface ConfigInputs {
  readonly root: string;
  readonly configDir: string;
  /** The platform's data dir; absent, `AUTOCAPTURE_DATA_DIR` or a placeholder (validation only needs a string). */
  readonly dataDir?: string;
  readonly safeMode: boolean;
  readonly env: Readonly<Record<string, string>>;
}

/** The document as Python's `json.load` gives it (float lexemes kept). */
const pythonView = (read: Extract<JsonRead, { ok: true }>): Record<string, unknown> =>
  asPythonObject(read.bytes, read.value);

/**
 * `compat.requires_schema_versions` is checked against top-level `schema_version` (the registry's
 * `self.config.get("schema_version", 1)` in `_check_compat`, and where the real default.json keeps it); some
 * descriptions of the platform place it at `kernel.schema_version`, so that is the fallback, then 1.
 */
function schemaVersionOf(config: Record<string, unknown>): unknown {
  if (Object.hasOwn(config, "schema_version")) return config.schema_version;
  const kernel = config.kernel;
  if (isPlainObject(kernel) && Object.hasOwn(kernel, "schema_version")) return kernel.schema_version;
  return 1;
}

/**
 * `autocapture_nx/kernel/config.py` `load_config`: defaults + user.json (arrays replace; `--safe-mode` ignores
 * user.json and sets `plugins.safe_mode`), then the load steps (capture preset … path defaults), then validation
 * of that result.
 * Every fact below is read from the same result, as the registry reads it.
 */
export function loadEffectiveConfig(inputs: ConfigInputs): EffectiveConfig {
  const sources: ConfigSource[] = [];
  const defaultRead = readJsonObjectFile(join(inputs.root, "config/default.json"), "config/default.json", "CONFIG");
  if (defaultRead.bytes)
    sources.push({ path: "config/default.json", role: "config_default", bytes: defaultRead.bytes });
  let merged: Record<string, unknown> = defaultRead.ok ? pythonView(defaultRead) : {};
  let fault: Fault | null = defaultRead.ok ? null : defaultRead.fault;
  let userConfig: string | null = null;
  const userPath = join(inputs.configDir, "user.json");
  if (inputs.safeMode)
    merged = { ...merged, plugins: { ...(isPlainObject(merged.plugins) ? merged.plugins : {}), safe_mode: true } };
  else if (existsSync(userPath)) {
    userConfig = userPath;
    const userRead = readJsonObjectFile(userPath, userPath, "CONFIG");
    if (userRead.bytes) sources.push({ path: userPath, role: "config_user", bytes: userRead.bytes });
    if (userRead.ok) merged = deepMerge(merged, pythonView(userRead)) as Record<string, unknown>;
    else fault ??= userRead.fault;
  }
  const dataDir = inputs.dataDir ?? inputs.env.AUTOCAPTURE_DATA_DIR ?? "<platform data dir>";
  const loaded = applyLoadSteps(merged, {
    safeMode: inputs.safeMode,
    env: inputs.env,
    configDir: inputs.configDir,
    dataDir,
  });
  const reader = new FieldReader(loaded);
  const plugins: PluginsConfig = {
    allowlist: reader.strings("/plugins/allowlist"),
    defaultPack: reader.strings("/plugins/default_pack"),
    enabled: reader.boolMap("/plugins/enabled"),
    safeMode: reader.bool("/plugins/safe_mode", false),
    // The registry, not load_config, reads this variable, and it can only switch the mode on.
    safeModeMinimal:
      reader.bool("/plugins/safe_mode_minimal", false) || envSwitchedOn(inputs.env.AUTOCAPTURE_SAFE_MODE_MINIMAL),
    locksEnforce: reader.bool("/plugins/locks/enforce", true),
    lockfile: reader.string("/plugins/locks/lockfile", "config/plugin_locks.json"),
    searchPaths: reader.strings("/plugins/search_paths"),
    networkAllowed: reader.strings("/plugins/permissions/network_allowed_plugin_ids"),
    localhostAllowed: reader.strings("/plugins/permissions/localhost_allowed_plugin_ids"),
    quarantine: reader.idsOfObjectOrArray("/plugins/quarantine"),
    preferredProviders: reader.preferredProviders("/plugins/capabilities"),
    hosting: hostingOf(new FieldReader(loaded)),
  };
  const requiredCapabilities = reader.strings("/kernel/required_capabilities");
  const safeModeRequiredCapabilities = reader.strings("/kernel/safe_mode_required_capabilities");
  const schemaIssues = validateAgainstPlatformSchema(inputs.root, loaded, sources);
  const issues = [...reader.issues, ...schemaIssues];
  if (!fault && issues.length > 0) {
    fault = {
      code: "CONFIG_INVALID",
      detail: `effective config has ${issues.length} problem(s): ${issues.map((i) => i.message).join("; ")}`,
      file: userConfig ?? "config/default.json",
      issues,
    };
  }
  return {
    plugins,
    requiredCapabilities,
    safeModeRequiredCapabilities,
    schemaVersion: schemaVersionOf(loaded),
    sources,
    userConfig,
    fault,
  };
}

/** Read leniently, in a reader of its own: the platform's config schema, not this, reports a wrong type here. */
function hostingOf(lenient: FieldReader): PluginsConfig["hosting"] {
  return {
    mode: lenient.string("/plugins/hosting/mode", "subprocess").toLowerCase(),
    inprocAllowlist: lenient.strings("/plugins/hosting/inproc_allowlist"),
    wslForceInproc: lenient.bool("/plugins/hosting/wsl_force_inproc", true),
  };
}

function validateAgainstPlatformSchema(
  root: string,
  merged: Record<string, unknown>,
  sources: ConfigSource[],
): Issue[] {
  const schemaPath = join(root, "contracts/config_schema.json");
  if (!existsSync(schemaPath)) return [];
  const schemaRead = readJsonObjectFile(schemaPath, "contracts/config_schema.json", "CONFIG");
  if (schemaRead.bytes)
    sources.push({ path: "contracts/config_schema.json", role: "config_schema", bytes: schemaRead.bytes });
  if (!schemaRead.ok) return [{ pointer: "", message: schemaRead.fault.detail }];
  return validateSchemaLite(pythonView(schemaRead), merged);
}
