import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Fault, Issue } from "../../../../contracts/evidence.ts";
import { readJsonObjectFile } from "../../../io/read-json-file.ts";
import { deepMerge, isPlainObject } from "./deep-merge.ts";
import { validateSchemaLite } from "../../../json/schema-lite.ts";

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
  readonly hostingMode: string;
  readonly inprocAllowlist: readonly string[];
  readonly inprocAllowAll: boolean;
}

export interface EffectiveConfig {
  readonly plugins: PluginsConfig;
  readonly requiredCapabilities: readonly string[];
  readonly safeModeRequiredCapabilities: readonly string[];
  readonly schemaVersion: number;
  readonly sources: readonly ConfigSource[];
  readonly userConfig: string | null;
  readonly fault: Fault | null;
}

export interface ConfigInputs {
  readonly root: string;
  readonly configDir: string;
  readonly safeMode: boolean;
  readonly env: Readonly<Record<string, string>>;
}

const flag = (raw: string | undefined): boolean | null =>
  raw === undefined ? null : ["1", "true", "yes"].includes(raw.toLowerCase()) ? true : ["0", "false", "no"].includes(raw.toLowerCase()) ? false : null;

/** Reads typed fields, collecting a JSON-pointer issue for each wrong type instead of stopping at the first. */
class FieldReader {
  readonly issues: Issue[] = [];
  constructor(private readonly root: Record<string, unknown>) {}
  private at(pointer: string): unknown {
    return pointer
      .split("/")
      .slice(1)
      .reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), this.root);
  }
  strings(pointer: string): string[] {
    const value = this.at(pointer);
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
    this.issues.push({ pointer, message: `${pointer}: expected an array of plugin ID strings` });
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  }
  bool(pointer: string, fallback: boolean): boolean {
    const value = this.at(pointer);
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    this.issues.push({ pointer, message: `${pointer}: expected a boolean` });
    return fallback;
  }
  string(pointer: string, fallback: string): string {
    const value = this.at(pointer);
    if (value === undefined) return fallback;
    if (typeof value === "string") return value;
    this.issues.push({ pointer, message: `${pointer}: expected a string` });
    return fallback;
  }
  boolMap(pointer: string): Record<string, boolean> {
    const value = this.at(pointer);
    if (value === undefined) return {};
    if (!isPlainObject(value)) {
      this.issues.push({ pointer, message: `${pointer}: expected an object of {plugin_id: bool}` });
      return {};
    }
    const out: Record<string, boolean> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "boolean") out[key] = item;
      else this.issues.push({ pointer: `${pointer}/${key}`, message: `${pointer}/${key}: expected a boolean` });
    }
    return out;
  }
  /** `plugins.quarantine` may be an object keyed by ID or an array of IDs (reference §7.3). */
  idsOfObjectOrArray(pointer: string): string[] {
    const value = this.at(pointer);
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return this.strings(pointer);
    if (isPlainObject(value)) return Object.keys(value);
    this.issues.push({ pointer, message: `${pointer}: expected an object or an array of IDs` });
    return [];
  }
}

/** `load_config` of reference §1.2: defaults + user.json (arrays replace), then env effects, then validation. */
export function loadEffectiveConfig(inputs: ConfigInputs): EffectiveConfig {
  const sources: ConfigSource[] = [];
  const defaultRead = readJsonObjectFile(join(inputs.root, "config/default.json"), "config/default.json", "CONFIG");
  if (defaultRead.bytes) sources.push({ path: "config/default.json", role: "config_default", bytes: defaultRead.bytes });
  let merged: Record<string, unknown> = defaultRead.ok ? defaultRead.value : {};
  let fault: Fault | null = defaultRead.ok ? null : defaultRead.fault;
  let userConfig: string | null = null;
  const userPath = join(inputs.configDir, "user.json");
  if (!inputs.safeMode && existsSync(userPath)) {
    userConfig = userPath;
    const userRead = readJsonObjectFile(userPath, userPath, "CONFIG");
    if (userRead.bytes) sources.push({ path: userPath, role: "config_user", bytes: userRead.bytes });
    if (userRead.ok) merged = deepMerge(merged, userRead.value) as Record<string, unknown>;
    else fault ??= userRead.fault;
  }
  const reader = new FieldReader(merged);
  const metadataOnly = flag(inputs.env.AUTOCAPTURE_QUERY_METADATA_ONLY) === true && flag(inputs.env.AUTOCAPTURE_QUERY_MINIMAL_PLUGINS) !== false;
  const safeMode = inputs.safeMode || metadataOnly || reader.bool("/plugins/safe_mode", false);
  const minimalEnv = flag(inputs.env.AUTOCAPTURE_SAFE_MODE_MINIMAL);
  const safeModeMinimal = metadataOnly || (minimalEnv ?? reader.bool("/plugins/safe_mode_minimal", false));
  const plugins: PluginsConfig = {
    allowlist: reader.strings("/plugins/allowlist"),
    defaultPack: reader.strings("/plugins/default_pack"),
    enabled: reader.boolMap("/plugins/enabled"),
    safeMode,
    safeModeMinimal,
    locksEnforce: reader.bool("/plugins/locks/enforce", true),
    lockfile: reader.string("/plugins/locks/lockfile", "config/plugin_locks.json"),
    searchPaths: reader.strings("/plugins/search_paths"),
    networkAllowed: reader.strings("/plugins/permissions/network_allowed_plugin_ids"),
    localhostAllowed: reader.strings("/plugins/permissions/localhost_allowed_plugin_ids"),
    quarantine: reader.idsOfObjectOrArray("/plugins/quarantine"),
    hostingMode: inputs.env.AUTOCAPTURE_PLUGINS_HOSTING_MODE || reader.string("/plugins/hosting/mode", "subprocess"),
    inprocAllowlist: reader.strings("/plugins/hosting/inproc_allowlist"),
    inprocAllowAll: reader.bool("/plugins/hosting/inproc_allow_all", false),
  };
  const requiredCapabilities = reader.strings("/kernel/required_capabilities");
  const safeModeRequiredCapabilities = metadataOnly
    ? ["storage.keyring", "storage.metadata", "storage.media", "ledger.writer", "journal.writer", "anchor.writer", "time.intent_parser", "retrieval.strategy", "answer.builder", "citation.validator"]
    : reader.strings("/kernel/safe_mode_required_capabilities");
  const schemaVersionRaw = (merged.kernel as Record<string, unknown> | undefined)?.schema_version;
  const schemaIssues = validateAgainstPlatformSchema(inputs.root, merged, sources);
  const issues = [...reader.issues, ...schemaIssues];
  if (!fault && issues.length > 0) {
    fault = { code: "CONFIG_INVALID", detail: `effective config has ${issues.length} problem(s): ${issues.map((i) => i.message).join("; ")}`, file: userConfig ?? "config/default.json", issues };
  }
  return {
    plugins,
    requiredCapabilities,
    safeModeRequiredCapabilities,
    schemaVersion: typeof schemaVersionRaw === "number" ? schemaVersionRaw : 1,
    sources,
    userConfig,
    fault,
  };
}

function validateAgainstPlatformSchema(root: string, merged: Record<string, unknown>, sources: ConfigSource[]): Issue[] {
  const schemaPath = join(root, "contracts/config_schema.json");
  if (!existsSync(schemaPath)) return [];
  const schemaRead = readJsonObjectFile(schemaPath, "contracts/config_schema.json", "CONFIG");
  if (schemaRead.bytes) sources.push({ path: "contracts/config_schema.json", role: "config_schema", bytes: schemaRead.bytes });
  if (!schemaRead.ok) return [{ pointer: "", message: schemaRead.fault.detail }];
  return validateSchemaLite(schemaRead.value, merged);
}
