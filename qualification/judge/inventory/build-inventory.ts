import type {
  HygieneFinding,
  InventoryCategory,
  InventoryPlugin,
  PluginInventory,
  SourceFile,
} from "../../../contracts/plugin-inventory.ts";
import { canonicalJson, compareCodePoints, sha256Hex } from "../../shared/canonical/canonical-json.ts";

/**
 * Adapter-neutral inputs: which IDs are referenced where, which have manifests, which are retired or service-backed.
 */
export interface InventoryInputs {
  readonly platform: string;
  /** Each reference list in source order, duplicates kept (they are a hygiene finding, not an error). */
  readonly references: ReadonlyArray<{ readonly source: string; readonly ids: readonly string[] }>;
  readonly manifests: ReadonlyMap<string, string>;
  readonly duplicateManifests: ReadonlyArray<{ readonly plugin_id: string; readonly manifests: readonly string[] }>;
  readonly deprecated: ReadonlyMap<string, string>;
  readonly serviceBacked: ReadonlyMap<string, string>;
  readonly allowlisted: (id: string) => boolean;
  readonly platformBucket: (id: string) => InventoryPlugin["platform_bucket"];
  /** Where the platform's listing rule and its registry rule disagree about "enabled" (a detail), else null. */
  readonly enabledRulesDisagree?: (id: string) => string | null;
  readonly sources: readonly SourceFile[];
}

const byId = <T extends { plugin_id: string }>(a: T, b: T): number => compareCodePoints(a.plugin_id, b.plugin_id);
const sortedUnique = (items: Iterable<string>): string[] => [...new Set(items)].sort(compareCodePoints);

/**
 * The canonical inventory: the union of every referenced ID, each labelled once. Built only from sets and
 * sorted output, so reordering any config list cannot change a byte (a fast-check property holds us to it).
 */
export function buildInventory(inputs: InventoryInputs): PluginInventory {
  const referencedBy = new Map<string, Set<string>>();
  const hygiene: HygieneFinding[] = [];
  for (const { source, ids } of inputs.references) {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id) && !source.startsWith("deprecations:"))
        hygiene.push({
          code: "DUPLICATE_REFERENCE",
          plugin_id: id,
          detail: `${id} appears more than once in ${source}`,
        });
      seen.add(id);
      if (!referencedBy.has(id)) referencedBy.set(id, new Set());
      referencedBy.get(id)!.add(source);
    }
  }
  const plugins: InventoryPlugin[] = [];
  for (const [id, sources] of referencedBy) {
    const manifest = inputs.manifests.get(id) ?? null;
    const { category, reason } = categorise(id, inputs);
    plugins.push({
      plugin_id: id,
      category,
      category_reason: reason,
      referenced_by: sortedUnique(sources),
      manifest,
      resolved: manifest !== null,
      platform_bucket: inputs.platformBucket(id),
    });
    const nonAllowlistSources = [...sources].filter((s) => s === "default_pack" || s === "enabled");
    if (!inputs.allowlisted(id) && nonAllowlistSources.length > 0 && category !== "deprecated_removed")
      hygiene.push({
        code: "NOT_ALLOWLISTED_BUT_REFERENCED",
        plugin_id: id,
        detail: `${id} is in ${nonAllowlistSources.join(" and ")} but not allowlisted, so it can never load`,
      });
    const disagreement = manifest ? (inputs.enabledRulesDisagree?.(id) ?? null) : null;
    if (disagreement !== null)
      hygiene.push({ code: "ENABLED_FLAG_DISAGREES_WITH_LIST", plugin_id: id, detail: disagreement });
    if (!manifest && category !== "deprecated_removed")
      hygiene.push({
        code: "REFERENCED_WITHOUT_MANIFEST",
        plugin_id: id,
        detail: `${id} is referenced by ${sortedUnique(sources).join(", ")} but no plugin.json declares it`,
      });
  }
  const unreferenced = [...inputs.manifests]
    .filter(([id]) => !referencedBy.has(id))
    .map(([plugin_id, manifest]) => ({ plugin_id, manifest }))
    .sort(byId);
  for (const item of unreferenced)
    hygiene.push({
      code: "MANIFEST_NOT_ALLOWLISTED",
      plugin_id: item.plugin_id,
      detail: `${item.manifest} is not referenced by any allowlist, pack, enabled map or contract`,
    });
  for (const dup of inputs.duplicateManifests)
    hygiene.push({
      code: "DUPLICATE_MANIFEST_ID",
      plugin_id: dup.plugin_id,
      detail: `${dup.plugin_id} is declared by ${dup.manifests.length} manifests: ${[...dup.manifests].sort().join(", ")}`,
    });
  const unresolved = plugins
    .filter((p) => !p.resolved && p.category !== "deprecated_removed")
    .map((p) => ({ plugin_id: p.plugin_id, referenced_by: p.referenced_by }));
  const body = {
    schema_version: 2 as const,
    platform: inputs.platform,
    plugins: plugins.sort(byId),
    unresolved_ids: unresolved.sort(byId),
    unreferenced_manifests: unreferenced,
    hygiene: dedupe(hygiene),
    sources: [...inputs.sources].sort((a, b) => compareCodePoints(a.path, b.path) || compareCodePoints(a.role, b.role)),
  };
  return { ...body, inventory_sha256: sha256Hex(canonicalJson(body)) };
}

function categorise(id: string, inputs: InventoryInputs): { category: InventoryCategory; reason: string } {
  const retired = inputs.deprecated.get(id);
  if (retired !== undefined) return { category: "deprecated_removed", reason: retired };
  const service = inputs.serviceBacked.get(id);
  if (service !== undefined) return { category: "active_optional_service_backed", reason: service };
  return { category: "active_required", reason: "referenced and not retired" };
}

function dedupe(findings: HygieneFinding[]): HygieneFinding[] {
  const seen = new Map<string, HygieneFinding>();
  for (const f of findings) seen.set(canonicalJson(f), f);
  return [...seen.values()].sort(
    (a, b) =>
      compareCodePoints(a.plugin_id, b.plugin_id) ||
      compareCodePoints(a.code, b.code) ||
      compareCodePoints(a.detail, b.detail),
  );
}
