import type { PluginsConfig } from "../config/effective-config.ts";
import { compareCodePoints } from "../hashing/python-path-order.ts";
import { pythonStrip } from "../../../../shared/json/python-strip.ts";
import { getOwn } from "../../../../shared/canonical/set-own.ts";

/**
 * Hard-coded in the registry; config cannot enable these (`autocapture_nx/plugin_system/registry.py` `load_plugins`).
 */
export const DEPRECATED_CAPTURE_PLUGIN_IDS: ReadonlySet<string> = new Set([
  "builtin.capture.audio.windows",
  "builtin.capture.screenshot.windows",
  "builtin.capture.basic",
  "builtin.capture.windows",
]);

/**
 * Plugins listing one of these in `provides` are never quarantined (`registry.py` `load_plugins`, its
 * `_is_core_plugin`).
 */
const CORE_CAPABILITIES = new Set([
  "storage.metadata",
  "storage.media",
  "journal.writer",
  "ledger.writer",
  "anchor.writer",
]);

export interface ManifestView {
  readonly kinds: readonly string[];
  readonly provides: readonly string[];
  readonly enabledDefault: boolean;
  readonly dependsOn: readonly string[];
  readonly requiredCapabilities: readonly string[];
  readonly replaces: readonly string[];
}

/** The per-plugin config facts the registry's rule needs; the rule itself is `enablement.ts`. */
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
 * Config names an old ID and means the plugin that `replaces` it (`registry.py` `_alias_map`). The registry walks
 * `manifests_by_id` in insertion order, i.e. manifest path order, and the FIRST plugin claiming an old ID keeps
 * it; so `manifests` must iterate in the order the plugins' manifests were discovered.
 */
export function aliasMap(manifests: ReadonlyMap<string, ManifestView>): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const [id, manifest] of manifests)
    for (const old of cleanIds(manifest.replaces)) if (!aliases.has(old)) aliases.set(old, id);
  return aliases;
}

/** Config IDs alias-mapped, core providers exempted from quarantine, safe-mode-minimal closure computed. */
export function registryFacts(
  config: PluginsConfig,
  manifests: ReadonlyMap<string, ManifestView>,
  safeModeRequired: readonly string[],
): (id: string) => RegistryFacts {
  const aliases = aliasMap(manifests);
  const map = (id: string): string => aliases.get(id) ?? id;
  const normalize = (ids: readonly string[]): string[] => cleanIds(ids).map(map);
  const allow = new Set(normalize(config.allowlist));
  const pack = new Set(normalize(config.defaultPack));
  // Later keys win when two name one plugin (`normalized[...] = bool(enabled)` in key order).
  const enabled = new Map(
    Object.entries(config.enabled).flatMap(([id, value]) => normalize([id]).map((key) => [key, value] as const)),
  );
  // The registry's `_is_core_plugin` reads the manifest's `provides` list only: a plugin whose core capability is
  // only an entrypoint kind (the builtin ledger/journal/anchor writers) CAN be quarantined.
  const isCore = (id: string): boolean => {
    const m = manifests.get(id);
    return !!m && m.provides.some((cap) => CORE_CAPABILITIES.has(pythonStrip(cap)));
  };
  const quarantine = new Set(normalize(config.quarantine).filter((id) => !isCore(id)));
  const minimal =
    config.safeMode && config.safeModeMinimal
      ? minimalClosure(safeModeRequired, manifests, allow, config.preferredProviders, map)
      : null;

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

/**
 * The registry's `_minimal_safe_mode_set` (details the reference leaves open as the platform's
 * code does them): each needed capability (names stripped) gets its candidates, the allowlisted manifests
 * providing it (kinds ∪ provides) sorted by ID; every candidate the capability policy lists in `preferred` is
 * taken, else the first candidate; then `depends_on` (stripped, alias-mapped, allowlisted) and the required
 * capabilities of each chosen plugin, transitively. An EMPTY closure replaces nothing (`if minimal:`), so the
 * ordinary enabled set stands: null.
 */
function minimalClosure(
  required: readonly string[],
  manifests: ReadonlyMap<string, ManifestView>,
  allow: ReadonlySet<string>,
  preferred: Readonly<Record<string, readonly string[]>>,
  alias: (id: string) => string,
): Set<string> | null {
  const providers = new Map<string, string[]>();
  for (const [id, m] of manifests)
    if (allow.has(id))
      for (const cap of new Set(provided(m).map(pythonStrip).filter(Boolean)))
        providers.set(cap, [...(providers.get(cap) ?? []), id]);
  const chosen = new Set<string>();
  const queue: string[] = [];
  const add = (rawCap: string): void => {
    const cap = pythonStrip(rawCap);
    const candidates = [...new Set(providers.get(cap) ?? [])].sort(compareCodePoints);
    if (candidates.length === 0) return;
    const picked = (getOwn(preferred, cap) ?? []).filter((id) => candidates.includes(id));
    for (const id of picked.length > 0 ? picked : [candidates[0]!])
      if (!chosen.has(id)) (chosen.add(id), queue.push(id));
  };
  required.forEach(add);
  while (queue.length > 0) {
    const m = manifests.get(queue.pop()!);
    if (!m) continue;
    for (const dep of m.dependsOn.map((d) => alias(pythonStrip(d))))
      if (dep !== "" && allow.has(dep) && !chosen.has(dep)) (chosen.add(dep), queue.push(dep));
    m.requiredCapabilities.forEach(add);
  }
  return chosen.size > 0 ? chosen : null;
}
