/* Generated from contracts/fidelity_report.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface FidelityReport {
schema_version: 1
adapter: string
target: string
seeds: number[]
variants: {
seed: number
mutations: {
kind: string
plugin_id: (string | null)
file: string
detail: string
}[]
compared: {
[k: string]: number
}
disagreements: {
plugin_id: (string | null)
check: ("allowlisted" | "hash_ok" | "enabled" | "loaded" | "capability_present" | "config_valid" | "unresolved" | "inventory")
suite: string
suite_detail: string
platform: string
platform_detail: string
}[]
error: (string | null)
}[]
summary: {
variants: number
comparisons: number
disagreements: number
variants_in_error: number
by_check: {
[k: string]: {
compared: number
disagreements: number
}
}
}
run: {
started_at: string
host: string
duration_ms: number
ms_per_variant: number
}
}
