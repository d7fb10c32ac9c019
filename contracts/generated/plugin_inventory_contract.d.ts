/* Generated from contracts/plugin_inventory_contract.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface PluginInventory {
schema_version: 2
platform: string
plugins: {
plugin_id: string
category: ("active_required" | "active_optional_service_backed" | "deprecated_removed")
category_reason: string
referenced_by: string[]
manifest: (string | null)
resolved: boolean
platform_bucket: (string | null)
}[]
unresolved_ids: {
plugin_id: string
referenced_by: string[]
}[]
unreferenced_manifests: {
plugin_id: string
manifest: string
}[]
hygiene: {
code: ("REFERENCED_WITHOUT_MANIFEST" | "NOT_ALLOWLISTED_BUT_REFERENCED" | "MANIFEST_NOT_ALLOWLISTED" | "ENABLED_FLAG_DISAGREES_WITH_LIST" | "DUPLICATE_REFERENCE" | "DUPLICATE_MANIFEST_ID")
plugin_id: string
detail: string
}[]
sources: {
path: string
role: string
sha256: string
}[]
inventory_sha256: string
}
