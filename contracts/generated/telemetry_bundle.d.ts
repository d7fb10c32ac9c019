/* Generated from contracts/telemetry_bundle.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface BundleTelemetry {
schema_version: 1
deterministic: true
service_mode: (("service_up" | "service_down" | "only_7411_down" | "only_8000_down") | null)
services_up: {
[k: string]: boolean
}
plugin_load_failures: {
[k: string]: number
}
missing_capabilities: {
[k: string]: number
}
queries: {
case_id: string
tier: ("non_service_strict" | "service_backed_strict")
class: ("pass" | "fail" | "infra_error" | "dependency_skipped")
reason: (("answer_wrong" | "citation_invalid" | "retrieval_miss" | "nondeterministic" | "query_timeout" | "dependency_down" | "db_io" | "corpus_missing" | "boot_failed" | "hosting_timeout" | "environment_error" | "output_invalid" | "capability_missing" | "degraded_result") | null)
attribution: (("dependency" | "plugin" | "io" | "hosting" | "environment" | "suite") | null)
}[]
db: {
[k: string]: {
read_errors: number
write_errors: number
by_class: {
[k: string]: number
}
}
}
failures: {
kind: ("query" | "plugin" | "run")
id: string
check: string
status: string
reason: (string | null)
attribution: ("dependency" | "plugin" | "io" | "hosting" | "environment" | "suite")
}[]
attribution_counts: {
[k: string]: number
}
verdicts: {
ok: boolean
plugins_judged: number
plugins_qualified: number
plugins_retired: number
checks: {
[k: string]: {
[k: string]: number
}
}
run_checks: {
[k: string]: string
}
queries: {
[k: string]: number
}
}
}
