import type { PluginsConfig } from "../config/effective-config.ts";
import { pythonStrip } from "../lock/python-strip.ts";

/** Hard-coded in the registry; config cannot enable these (reference §7.3). */
export const DEPRECATED_CAPTURE_PLUGIN_IDS: ReadonlySet<string> = new Set([
  "builtin.capture.audio.windows",
  "builtin.capture.screenshot.windows",
  "builtin.capture.basic",
  "builtin.capture.windows",
]);

/** Providers of these are never quarantined (reference §7.2 step 7). */
const CORE_CAPABILITIES = new Set(["storage.metadata", "storage.media", "journal.writer", "ledger.writer", "anchor.writer"]);

export interface ManifestView {
  readonly kinds: readonly string[];
  readonly provides: readonly string[];
  readonly enabledDefault: boolean;
  readonly dependsOn: readonly string[];
  readonly requiredCapabilities: readonly string[];
  readonly replaces: readonly string[];
}

/** The per-plugin config facts the registry's rule needs; the rule itself lives in `checks/enabled.ts`. */
export interface RegistryFacts {
  readonly allowlisted: boolean;
  readonly in_default_pack: boolean;
  readonly enabled_map: boolean | null;
  readonly quarantined: boolean;
  readonly deprecated_capture: boolean;
  readonly safe_mode: boolean;
  readonly minimal_closure_member: boolean | null;
}

const provided = (m: ManifestView): string[] => [...m.kinds, ...m.provides];

/** The registry's `_normalize_ids`: each config ID stripped, empty ones dropped (before aliases apply). */
export function cleanIds(ids: readonly string[]): string[] {
  return ids.map(pythonStrip).filter((id) => id !== "");
}

/**
 * Config names an old ID and means the plugin that `replaces` it (reference §7.2 step 5). The registry walks
 * `manifests_by_id` in insertion order, i.e. manifest path order, and the FIRST plugin claiming an old ID keeps
 * it; so `manifests` must iterate in the order the plugins' manifests were discovered.
 */
export function aliasMap(manifests: ReadonlyMap<string, ManifestView>): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const [id, manifest] of manifests) for (const old of cleanIds(manifest.replaces)) if (!aliases.has(old)) aliases.set(old, id);
  return aliases;
}

/** Config IDs alias-mapped, core providers exempted from quarantine, safe-mode-minimal closure computed. */
export function registryFacts(config: PluginsConfig, manifests: ReadonlyMap<string, ManifestView>, safeModeRequired: readonly string[]): (id: string) => RegistryFacts {
  const aliases = aliasMap(manifests);
  const map = (id: string): string => aliases.get(id) ?? id;
  const normalize = (ids: readonly string[]): string[] => cleanIds(ids).map(map);
  const allow = new Set(normalize(config.allowlist));
  const pack = new Set(normalize(config.defaultPack));
  // Later keys win when two name one plugin (`normalized[...] = bool(enabled)` in key order).
  const enabled = new Map(Object.entries(config.enabled).flatMap(([id, value]) => normalize([id]).map((key) => [key, value] as const)));
  const isCore = (id: string): boolean => {
    const m = manifests.get(id);
    return !!m && provided(m).some((cap) => CORE_CAPABILITIES.has(cap));
  };
  const quarantine = new Set(normalize(config.quarantine).filter((id) => !isCore(id)));
  const minimal = config.safeMode && config.safeModeMinimal ? minimalClosure(safeModeRequired, manifests, allow) : null;

  return (id: string): RegistryFacts => ({
    allowlisted: allow.has(id),
    in_default_pack: pack.has(id),
    enabled_map: enabled.has(id) ? enabled.get(id)! : null,
    quarantined: quarantine.has(id),
    deprecated_capture: DEPRECATED_CAPTURE_PLUGIN_IDS.has(id),
    safe_mode: config.safeMode,
    minimal_closure_member: minimal ? minimal.has(id) : null,
  });
}

/** The minimal provider closure: first provider (by ID) of each needed capability, plus depends_on, transitively. */
function minimalClosure(required: readonly string[], manifests: ReadonlyMap<string, ManifestView>, allow: ReadonlySet<string>): Set<string> {
  const ids = [...manifests.keys()].filter((id) => allow.has(id)).sort();
  const providerOf = (cap: string): string | undefined => ids.find((id) => provided(manifests.get(id)!).includes(cap));
  const chosen = new Set<string>();
  const queue: string[] = required.map(providerOf).filter((id): id is string => id !== undefined);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (chosen.has(id)) continue;
    chosen.add(id);
    const m = manifests.get(id)!;
    for (const dep of m.dependsOn) if (allow.has(dep) && manifests.has(dep)) queue.push(dep);
    for (const cap of m.requiredCapabilities) {
      const provider = providerOf(cap);
      if (provider) queue.push(provider);
    }
  }
  return chosen;
}
