/* Generated from contracts/strict_matrix.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface StrictMatrix {
schema_version: 1
ok: boolean
strict_mode: true
strict_contract: (string | null)
strict_contract_sha256: (string | null)
failure_reasons: string[]
matrix_total: number
matrix_evaluated: number
matrix_passed: number
matrix_failed: number
matrix_skipped: number
strict_failure_causes: {
counts: {
retrieval_miss: number
citation_invalid: number
upstream_unreachable: number
}
by_case: {
id: string
tier: ("non_service_strict" | "service_backed_strict")
cause: ("retrieval_miss" | "citation_invalid" | "upstream_unreachable")
class: ("pass" | "fail" | "infra_error" | "dependency_skipped")
reason: (("answer_wrong" | "citation_invalid" | "retrieval_miss" | "nondeterministic" | "query_timeout" | "dependency_down" | "db_io" | "corpus_missing" | "boot_failed" | "hosting_timeout" | "environment_error" | "output_invalid" | "capability_missing" | "degraded_result") | null)
}[]
}
strict_failure_cause_counts: {
retrieval_miss: number
citation_invalid: number
upstream_unreachable: number
}
}
