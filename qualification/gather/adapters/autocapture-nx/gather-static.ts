import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Fault, ManifestFacts, StaticPluginEvidence, StaticRunEvidence } from "../../../../contracts/evidence.ts";
import type { SourceFile } from "../../../../contracts/plugin-inventory.ts";
import { compareCodePoints, sha256Hex } from "../../../shared/canonical/canonical-json.ts";
import type { InventoryInputs } from "../../../judge/inventory/build-inventory.ts";
import { readJsonObjectFile } from "../../../shared/io/read-json-file.ts";
import { asPythonObject } from "../../../shared/json/python-value.ts";
import { loadEffectiveConfig, type EffectiveConfig } from "./config/effective-config.ts";
import { hashPluginDirectory } from "./hash-plugin.ts";
import { readLockState, type LockState } from "./lock-state.ts";
import { discoverManifestPaths } from "./manifests/discover-manifests.ts";
import { readManifest } from "./manifests/read-manifest.ts";
import {
  ADAPTER_NAME,
  AUTOCAPTURE_PLATFORM_FACTS,
  KERNEL_API_VERSION,
  REQUIRED_NON8000_ENABLED,
  REQUIRES_8000,
} from "./platform-facts.ts";
import {
  DEPRECATED_CAPTURE_PLUGIN_IDS,
  aliasMap,
  cleanIds,
  registryFacts,
  type ManifestView,
  type RegistryFacts,
} from "./registry/effective-enabled.ts";
import { registryEnablement } from "./registry/enablement.ts";
import { listRuleEnabled } from "./registry/list-enabled.ts";

export interface StaticInputs {
  readonly root: string;
  readonly configDir: string;
  /** The platform's data dir (the config's path defaults carry it); see `ConfigInputs.dataDir`. */
  readonly dataDir?: string;
  readonly safeMode: boolean;
  readonly platformEnv: Readonly<Record<string, string>>;
  readonly requireLockSignature: boolean;
  readonly keyringFile: string | null;
  readonly signatureFile: string | null;
}

export interface StaticGather {
  readonly config: EffectiveConfig;
  readonly lock: LockState;
  readonly manifests: ReadonlyMap<string, ManifestFacts>;
  readonly unattributedManifestFaults: readonly Fault[];
  readonly duplicateManifests: ReadonlyArray<{ plugin_id: string; manifests: string[] }>;
  readonly sources: readonly SourceFile[];
  readonly inventoryInputs: Omit<InventoryInputs, "references" | "deprecated" | "serviceBacked" | "sources"> & {
    readonly references: InventoryInputs["references"];
    readonly deprecated: Map<string, string>;
    readonly serviceBacked: Map<string, string>;
  };
  /** Per-plugin static evidence (hashes computed lazily: they are the expensive part). */
  readonly pluginStatic: (id: string) => Promise<StaticPluginEvidence>;
  /** The config facts the registry's rule reads for a plugin (the evidence records only the rule's outcome). */
  readonly registry: (id: string) => RegistryFacts;
  readonly runSection: StaticRunEvidence;
}

/** For each required capability, the plugins whose manifest declares it: where a missing provider could come from. */
function requiredCapabilityProviders(
  required: readonly string[],
  manifests: ReadonlyMap<string, ManifestFacts>,
): Record<string, string[]> {
  const providers: Record<string, string[]> = {};
  for (const cap of [...new Set(required)].sort(compareCodePoints))
    providers[cap] = [...manifests]
      .filter(([, m]) => m.kinds.includes(cap) || m.provides.includes(cap))
      .map(([id]) => id)
      .sort(compareCodePoints);
  return providers;
}

function manifestView(facts: ManifestFacts): ManifestView {
  return {
    kinds: facts.kinds,
    provides: facts.provides,
    enabledDefault: facts.enabled_default,
    dependsOn: facts.depends_on,
    requiredCapabilities: facts.required_capabilities,
    replaces: facts.replaces,
  };
}

export async function gatherStatic(inputs: StaticInputs, commit: string | null): Promise<StaticGather> {
  const config = loadEffectiveConfig({
    root: inputs.root,
    configDir: inputs.configDir,
    ...(inputs.dataDir === undefined ? {} : { dataDir: inputs.dataDir }),
    safeMode: inputs.safeMode,
    env: inputs.platformEnv,
  });
  const schema = readManifestSchema(inputs.root);
  const sources: SourceFile[] = config.sources.map((s) => ({ path: s.path, role: s.role, sha256: sha256Hex(s.bytes) }));
  if (schema.bytes) sources.push({ path: MANIFEST_SCHEMA, role: "manifest_schema", sha256: sha256Hex(schema.bytes) });

  const manifests = new Map<string, ManifestFacts>();
  const paths = new Map<string, string[]>();
  const unattributed: Fault[] = [];
  const discovered = discoverManifestPaths(inputs.root, config.plugins.searchPaths);
  for (const rel of discovered) {
    const read = readManifest(rel, {
      root: inputs.root,
      kernelApiVersion: KERNEL_API_VERSION,
      schemaVersion: config.schemaVersion,
      manifestSchema: schema.value,
      ...(schema.error === null ? {} : { manifestSchemaError: schema.error }),
    });
    if (read.pluginId === null) {
      unattributed.push(
        read.facts.fault ?? { code: "MANIFEST_SCHEMA", detail: `${rel}: no plugin_id`, file: rel, issues: [] },
      );
      continue;
    }
    paths.set(read.pluginId, [...(paths.get(read.pluginId) ?? []), rel]);
    // `manifests_by_id[plugin_id] = …` over the sorted paths: the LAST manifest that validates wins; one that
    // fails is skipped by the platform, so it only stands in while no valid one has been seen.
    // Map order is insertion order, as the platform's dict's is; a skipped (faulty) one never held a place.
    const kept = manifests.get(read.pluginId);
    if (kept?.fault && !read.facts.fault) manifests.delete(read.pluginId);
    if (!kept || !read.facts.fault || kept.fault) manifests.set(read.pluginId, read.facts);
  }
  // The platform raises the schema error for each manifest; the run check must fail on it even with none.
  if (schema.error !== null)
    unattributed.push({
      code: "MANIFEST_SCHEMA",
      detail: `${MANIFEST_SCHEMA}: ${schema.error}; the platform rejects every one of the ${discovered.length} manifest(s)`,
      file: MANIFEST_SCHEMA,
      issues: [],
    });
  const duplicateManifests = [...paths]
    .filter(([, list]) => list.length > 1)
    .map(([plugin_id, list]) => ({ plugin_id, manifests: list }));
  const views = new Map(
    [...manifests].filter(([, f]) => f.fault === null).map(([id, f]) => [id, manifestView(f)] as const),
  );
  const facts = registryFacts(
    config.plugins,
    views,
    config.safeModeRequiredCapabilities.length > 0 ? config.safeModeRequiredCapabilities : config.requiredCapabilities,
  );
  const lock = await readLockState(inputs.root, config.plugins.lockfile, inputs);
  sources.push(...lock.sources);

  const deprecated = new Map<string, string>();
  for (const id of DEPRECATED_CAPTURE_PLUGIN_IDS)
    deprecated.set(id, "hard-disabled deprecated capture plugin (registry DEPRECATED_CAPTURE_PLUGIN_IDS)");
  const serviceBacked = new Map<string, string>();
  for (const id of config.plugins.localhostAllowed)
    serviceBacked.set(id, "plugins.permissions.localhost_allowed_plugin_ids (needs a localhost service)");
  for (const id of REQUIRES_8000)
    if (!serviceBacked.has(id))
      serviceBacked.set(id, "non-8000 contract requires_8000 list (needs the port-8000 VLM service)");

  // The IDs the registry means: stripped, empty ones dropped, then alias-mapped as `_normalize_ids` does — an
  // old ID a manifest `replaces` names that plugin, so it is no unresolved reference (`qualify fidelity`).
  const aliases = aliasMap(views);
  const meant = (ids: readonly string[]): string[] => [...new Set(cleanIds(ids).map((id) => aliases.get(id) ?? id))];
  const references = [
    { source: "allowlist", ids: meant(config.plugins.allowlist) },
    { source: "default_pack", ids: meant(config.plugins.defaultPack) },
    { source: "enabled", ids: meant(Object.keys(config.plugins.enabled)) },
  ];
  const hashes = new Map<string, ReturnType<typeof hashPluginDirectory>>();
  const pluginStatic: StaticGather["pluginStatic"] = async (id) => {
    const manifest = manifests.get(id) ?? null;
    if (manifest && !hashes.has(id))
      hashes.set(
        id,
        hashPluginDirectory(
          inputs.root,
          manifest.dir,
          lock.entries.get(id)?.artifact_sha256 ?? null,
          config.plugins.lockfile,
        ),
      );
    const hashed = manifest
      ? await hashes.get(id)!
      : { manifest_sha256: null, artifact_sha256: null, legacy_artifact_sha256: [], fault: null };
    return {
      plugin_id: id,
      manifest,
      hashes: hashed,
      lock_entry: lock.entries.get(id) ?? null,
      config: { allowlisted: facts(id).allowlisted, enablement: registryEnablement(id, facts(id), manifest) },
    };
  };
  return {
    config,
    lock,
    manifests,
    unattributedManifestFaults: unattributed,
    duplicateManifests,
    sources,
    inventoryInputs: {
      platform: ADAPTER_NAME,
      references,
      manifests: new Map([...manifests].map(([id, f]) => [id, f.path])),
      duplicateManifests,
      deprecated,
      serviceBacked,
      allowlisted: (id) => facts(id).allowlisted,
      enabledRulesDisagree: (id) => {
        const enablement = registryEnablement(id, facts(id), manifests.get(id) ?? null);
        const reason = facts(id).allowlisted ? enablement.code : "NOT_ALLOWLISTED";
        const list = listRuleEnabled(config.plugins, id);
        if ((reason === null) === list) return null;
        return `plugins list would say enabled: ${list}, but the registry rule says ${reason === null ? "enabled" : `not enabled (${reason})`}; qualification follows the registry`;
      },
      platformBucket: (id) =>
        DEPRECATED_CAPTURE_PLUGIN_IDS.has(id)
          ? "capture_deprecated"
          : REQUIRES_8000.has(id)
            ? "requires_8000"
            : REQUIRED_NON8000_ENABLED.has(id)
              ? "required_non8000_enabled"
              : null,
    },
    pluginStatic,
    registry: facts,
    runSection: {
      schema_version: 3,
      adapter: ADAPTER_NAME,
      kernel_api_version: readKernelVersion(inputs.root),
      target: { root: inputs.root, commit },
      sources: [...sources].sort((a, b) => compareCodePoints(a.path, b.path)),
      config: {
        fault: config.fault,
        locks_enforce: config.plugins.locksEnforce,
        lockfile: config.plugins.lockfile,
        user_config: config.userConfig,
        required_capabilities: [...config.requiredCapabilities],
      },
      platform: AUTOCAPTURE_PLATFORM_FACTS,
      manifests: {
        unattributed_faults: unattributed,
        duplicates: duplicateManifests,
        required_capability_providers: requiredCapabilityProviders(config.requiredCapabilities, manifests),
      },
      lockfile: lock.evidence,
    },
  };
}

const MANIFEST_SCHEMA = "contracts/plugin_manifest.schema.json";

/**
 * The manifest schema, or the error the registry's `_validate_manifest` raises for every manifest without it:
 * `Missing plugin manifest schema` when the file is absent, the parse error when it is not a JSON object.
 */
function readManifestSchema(root: string): {
  value: Record<string, unknown> | null;
  error: string | null;
  bytes: Buffer | null;
} {
  const path = join(root, MANIFEST_SCHEMA);
  if (!existsSync(path)) return { value: null, error: "Missing plugin manifest schema", bytes: null };
  const read = readJsonObjectFile(path, MANIFEST_SCHEMA, "MANIFEST_SCHEMA_FILE");
  if (!read.ok) return { value: null, error: read.fault.detail, bytes: read.bytes };
  return { value: asPythonObject(read.bytes, read.value), error: null, bytes: read.bytes };
}

/** `autocapture_nx.__version__` is the kernel API version; read it from source rather than importing Python. */
function readKernelVersion(root: string): string | null {
  try {
    const text = readFileSync(join(root, "autocapture_nx/__init__.py"), "utf8");
    return /__version__\s*=\s*["']([^"']+)["']/.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}
