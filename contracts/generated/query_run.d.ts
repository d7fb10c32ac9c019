/* Generated from contracts/query_run.schema.json by `pnpm contracts:generate`. Do not edit. */

export type _Schema0 = (null | boolean | number | string | _Schema0[] | {
[k: string]: _Schema0
})
export type _Schema1 = (null | boolean | number | string | _Schema1[] | {
[k: string]: _Schema1
})

export interface QueryRun {
schema_version: 2
expected: ({
source: string
format: ("suite" | "platform")
sha256: string
cases: ({
source: string
sha256: string
} | null)
} | null)
fault: ({
code: ("EXPECTED_UNREADABLE" | "EXPECTED_INVALID" | "EXPECTED_CASES_MISSING" | "EXPECTED_CASES_INVALID" | "EXPECTED_SOURCE_DISALLOWED")
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
corpus: {
mode: ("corpus_copy" | "data_dir" | "empty")
source: (string | null)
sha256: (string | null)
}
hosting: ({
mode: ("subprocess" | "inproc")
inproc_allowlist: string[]
source: string
} | null)
root_cause: ({
reason: ("query_timeout" | "dependency_down" | "db_io" | "corpus_missing" | "boot_failed" | "hosting_timeout" | "environment_error" | "output_invalid" | "capability_missing" | "degraded_result")
attribution: ("dependency" | "plugin" | "io" | "hosting" | "environment" | "suite")
detail: string
seen_in: string[]
remedy: string
} | null)
repeat: number
services: {
mode: ("service_up" | "service_down" | "only_7411_down" | "only_8000_down")
services: {
service: ("service_7411" | "service_8000")
url: string
up: boolean
steps: {
step: string
ok: boolean
detail: string
}[]
error: (string | null)
}[]
}
storage: {
file: ("metadata.db" | "metadata.live.db")
present: boolean
healthy: boolean
error_class: (("io_error" | "busy_locked" | "corrupt" | "not_a_database" | "cannot_open") | null)
error: (string | null)
quick_check: (string | null)
page_count: (number | null)
journal_mode: (string | null)
wal_file: boolean
read_mode: (("direct_ro" | "snapshot") | null)
record_count: (number | null)
}[]
cases: {
case_id: string
tier: ("non_service_strict" | "service_backed_strict")
query: string
route: ("cli" | "popup" | "skipped" | "not_run")
command: (string | null)
hosting: (("subprocess" | "inproc") | null)
replay: string
expect: {
answer_state: (("ok" | "partial" | "no_evidence" | "error" | "indeterminate" | "degraded") | [("ok" | "partial" | "no_evidence" | "error" | "indeterminate" | "degraded"), ...(("ok" | "partial" | "no_evidence" | "error" | "indeterminate" | "degraded"))[]])
contains_all: string[]
json_path_equals: {
pointer: string
value: _Schema0
}[]
required_citations: {
record_id: string
}[]
min_citations: number
}
attempts: {
outcome: ("result" | "timeout" | "transport_error" | "invalid_output")
detail: string
markers: ({
ok: (boolean | null)
error: (string | null)
run_id_prefix: (string | null)
method: (string | null)
answer_state: (string | null)
summary: (string | null)
blocked_reason: (string | null)
popup_blocked_reason: (string | null)
skip_reason: (string | null)
missing_capabilities: string[]
golden_error_code: (string | null)
error_detail: (string | null)
} | null)
finding: ({
reason: ("query_timeout" | "dependency_down" | "db_io" | "corpus_missing" | "boot_failed" | "hosting_timeout" | "environment_error" | "output_invalid" | "capability_missing" | "degraded_result")
attribution: ("dependency" | "plugin" | "io" | "hosting" | "environment" | "suite")
dependencies: ("service_7411" | "service_8000")[]
marker: string
} | null)
answer: ({
state: (string | null)
summary: string
bullets: string[]
fields: {
[k: string]: _Schema1
}
claims: {
text: string
citations: {
record_id: (string | null)
evidence_id: (string | null)
evidence_hash: (string | null)
record_hash: (string | null)
offset_start: (number | null)
offset_end: (number | null)
span_sha256: (string | null)
}[]
}[]
} | null)
signature: (string | null)
}[]
citations: {
record_id: (string | null)
found: boolean
db: (("metadata.db" | "metadata.live.db") | null)
problems: ("missing_record_id" | "record_not_found" | "evidence_hash_mismatch" | "evidence_hash_missing" | "record_hash_mismatch" | "offsets_invalid" | "offsets_out_of_range" | "span_sha256_mismatch" | "db_unreadable")[]
}[]
storage_healthy: boolean
verdict: {
class: ("pass" | "fail" | "infra_error" | "dependency_skipped")
reason: (("answer_wrong" | "citation_invalid" | "retrieval_miss" | "nondeterministic" | "query_timeout" | "dependency_down" | "db_io" | "corpus_missing" | "boot_failed" | "hosting_timeout" | "environment_error" | "output_invalid" | "capability_missing" | "degraded_result") | null)
attribution: (("dependency" | "plugin" | "io" | "hosting" | "environment" | "suite") | null)
dependencies: ("service_7411" | "service_8000")[]
detail: string
expected?: unknown
actual?: unknown
}
}[]
summary: {
[k: string]: {
total: number
evaluated: number
passed: number
failed: number
infra_error: number
dependency_skipped: number
}
}
}
