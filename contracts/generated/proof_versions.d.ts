/* Generated from contracts/proof_versions.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface BundleVersions {
schema_version: 1
tool_version: string
node_version: string
platform: {
adapter: string
kernel_api_version: (string | null)
}
target: {
root: string
commit: (string | null)
}
}
