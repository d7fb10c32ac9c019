/* Generated from contracts/deprecation_manifest.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface DeprecationManifest {
schema_version: 1
deprecated: {
plugin_id: string
reason: string
replaced_by?: (string | null)
}[]
}
