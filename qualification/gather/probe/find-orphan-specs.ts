/**
 * Specs in the catalog whose plugin ID is not a canonical plugin of the target: a renamed or removed plugin
 * left its spec behind, or the spec's file name has a typo. Either way no `functional` verdict ever reads it,
 * so it must be reported at run level instead of silently ignored. Pure; sorted by code point for stable output.
 */
export function findOrphanSpecs(catalogIds: readonly string[], canonicalIds: readonly string[]): string[] {
  const canonical = new Set(canonicalIds);
  return [...new Set(catalogIds)].filter((id) => !canonical.has(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
