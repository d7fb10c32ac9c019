/* Generated from contracts/final_report.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface FinalReport {
schema_version: 1
ok: boolean
target: {
root: string
commit: (string | null)
}
platform: {
adapter: string
kernel_api_version: (string | null)
}
inventory_sha256: string
unresolved_ids: {
plugin_id: string
referenced_by: string[]
}[]
run_checks: {
[k: string]: {
status: ("pass" | "fail" | "infra_error" | "not_applicable")
reason: (("UNRESOLVED_ID" | "DEPRECATED_REMOVED" | "CONFIG_INVALID" | "DUPLICATE_PLUGIN_ID" | "MANIFEST_INVALID_JSON" | "MANIFEST_NOT_OBJECT" | "MANIFEST_SCHEMA" | "MANIFEST_COMPAT" | "MANIFEST_UNREADABLE" | "MANIFEST_TOO_LARGE" | "ENTRYPOINT_ESCAPES_PLUGIN_DIR" | "NOT_ALLOWLISTED" | "LOCKFILE_MISSING" | "LOCKFILE_INVALID" | "LOCK_ENTRY_MISSING" | "KERNEL_API_VERSION_MISMATCH" | "CONTRACT_LOCK_HASH_MISMATCH" | "CONTRACT_LOCK_FILES_MISMATCH" | "MANIFEST_HASH_MISMATCH" | "ARTIFACT_HASH_MISMATCH" | "ALGORITHM_VERSION_MISMATCH" | "SYMLINK_IN_PLUGIN_DIR" | "HASH_IO_ERROR" | "LOCK_SIGNATURE_INVALID" | "DEPRECATED_CAPTURE_BLOCK" | "NOT_IN_DEFAULT_PACK" | "DISABLED_IN_CONFIG" | "DISABLED_BY_MANIFEST" | "QUARANTINED" | "LOAD_FAILED" | "LOAD_SKIPPED" | "NOT_ATTEMPTED" | "PLATFORM_LOAD_ABORTED" | "CLI_TIMEOUT" | "CLI_FAILED" | "CLI_OUTPUT_INVALID" | "ENVIRONMENT_ERROR" | "LOAD_HUNG" | "LOAD_CRASHED" | "WRITES_TO_STDOUT" | "CAPABILITY_MISSING" | "UPSTREAM_CHECK_FAILED" | "UPSTREAM_INFRA_ERROR" | "SPEC_MISSING" | "SPEC_INVALID" | "PROBE_FAILED" | "PROBE_CRASHED" | "PROBE_TIMEOUT" | "HOSTING_TIMEOUT" | "NONDETERMINISTIC" | "DEPENDENCY_DOWN" | "ENVIRONMENT_UNSUPPORTED" | "MODULE_MISSING" | "PROBE_SETUP_FAILED" | "PLUGIN_LOAD_FAILED" | "RUNNER_FAILED" | "RUNNER_API" | "RUNNER_CRASHED" | "RUNNER_OUTPUT_INVALID" | "INTERPRETER_UNUSABLE" | "PROBE_LOAD_DIVERGED") | null)
detail: string
platform_error?: (string | null)
expected?: unknown
actual?: unknown
locations?: {
file: string
pointer: (string | null)
}[]
command?: (string | null)
remediation?: {
code: ("ADD_TO_ALLOWLIST" | "ENABLE_IN_CONFIG" | "UNQUARANTINE" | "UPDATE_LOCK_ENTRY" | "REGENERATE_LOCKFILE" | "RESTORE_LOCKFILE" | "RESIGN_LOCKFILE" | "UPDATE_CONTRACT_LOCK" | "ADD_DEPRECATION_RECORD" | "REMOVE_STALE_REFERENCE" | "REMOVE_DUPLICATE_MANIFEST" | "REMOVE_SYMLINK" | "FIX_MANIFEST" | "FIX_CONFIG" | "WRITE_PROBE_SPEC" | "FIX_PROBE_SPEC" | "FIX_PLUGIN_CODE" | "RESOLVE_DEPENDENCY" | "SEE_UPSTREAM_CHECK" | "INVESTIGATE_HOSTING" | "START_SERVICE" | "CHECK_STORAGE" | "FIX_PLATFORM_ENVIRONMENT" | "REPORT_SUITE_FAULT")
summary: string
command: (string | null)
changed_files?: (string[] | null)
}
}
}
plugins: {
plugin_id: string
category: ("active_required" | "active_optional_service_backed" | "deprecated_removed")
qualified: boolean
checks: {
[k: string]: {
status: ("pass" | "fail" | "infra_error" | "not_applicable")
reason: (("UNRESOLVED_ID" | "DEPRECATED_REMOVED" | "CONFIG_INVALID" | "DUPLICATE_PLUGIN_ID" | "MANIFEST_INVALID_JSON" | "MANIFEST_NOT_OBJECT" | "MANIFEST_SCHEMA" | "MANIFEST_COMPAT" | "MANIFEST_UNREADABLE" | "MANIFEST_TOO_LARGE" | "ENTRYPOINT_ESCAPES_PLUGIN_DIR" | "NOT_ALLOWLISTED" | "LOCKFILE_MISSING" | "LOCKFILE_INVALID" | "LOCK_ENTRY_MISSING" | "KERNEL_API_VERSION_MISMATCH" | "CONTRACT_LOCK_HASH_MISMATCH" | "CONTRACT_LOCK_FILES_MISMATCH" | "MANIFEST_HASH_MISMATCH" | "ARTIFACT_HASH_MISMATCH" | "ALGORITHM_VERSION_MISMATCH" | "SYMLINK_IN_PLUGIN_DIR" | "HASH_IO_ERROR" | "LOCK_SIGNATURE_INVALID" | "DEPRECATED_CAPTURE_BLOCK" | "NOT_IN_DEFAULT_PACK" | "DISABLED_IN_CONFIG" | "DISABLED_BY_MANIFEST" | "QUARANTINED" | "LOAD_FAILED" | "LOAD_SKIPPED" | "NOT_ATTEMPTED" | "PLATFORM_LOAD_ABORTED" | "CLI_TIMEOUT" | "CLI_FAILED" | "CLI_OUTPUT_INVALID" | "ENVIRONMENT_ERROR" | "LOAD_HUNG" | "LOAD_CRASHED" | "WRITES_TO_STDOUT" | "CAPABILITY_MISSING" | "UPSTREAM_CHECK_FAILED" | "UPSTREAM_INFRA_ERROR" | "SPEC_MISSING" | "SPEC_INVALID" | "PROBE_FAILED" | "PROBE_CRASHED" | "PROBE_TIMEOUT" | "HOSTING_TIMEOUT" | "NONDETERMINISTIC" | "DEPENDENCY_DOWN" | "ENVIRONMENT_UNSUPPORTED" | "MODULE_MISSING" | "PROBE_SETUP_FAILED" | "PLUGIN_LOAD_FAILED" | "RUNNER_FAILED" | "RUNNER_API" | "RUNNER_CRASHED" | "RUNNER_OUTPUT_INVALID" | "INTERPRETER_UNUSABLE" | "PROBE_LOAD_DIVERGED") | null)
detail: string
platform_error?: (string | null)
expected?: unknown
actual?: unknown
locations?: {
file: string
pointer: (string | null)
}[]
command?: (string | null)
remediation?: {
code: ("ADD_TO_ALLOWLIST" | "ENABLE_IN_CONFIG" | "UNQUARANTINE" | "UPDATE_LOCK_ENTRY" | "REGENERATE_LOCKFILE" | "RESTORE_LOCKFILE" | "RESIGN_LOCKFILE" | "UPDATE_CONTRACT_LOCK" | "ADD_DEPRECATION_RECORD" | "REMOVE_STALE_REFERENCE" | "REMOVE_DUPLICATE_MANIFEST" | "REMOVE_SYMLINK" | "FIX_MANIFEST" | "FIX_CONFIG" | "WRITE_PROBE_SPEC" | "FIX_PROBE_SPEC" | "FIX_PLUGIN_CODE" | "RESOLVE_DEPENDENCY" | "SEE_UPSTREAM_CHECK" | "INVESTIGATE_HOSTING" | "START_SERVICE" | "CHECK_STORAGE" | "FIX_PLATFORM_ENVIRONMENT" | "REPORT_SUITE_FAULT")
summary: string
command: (string | null)
changed_files?: (string[] | null)
}
}
}
}[]
queries: ({
ok: boolean
service_mode: (("service_up" | "service_down" | "only_7411_down" | "only_8000_down") | null)
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
root_cause: ({
reason: ("query_timeout" | "dependency_down" | "db_io" | "corpus_missing" | "boot_failed" | "hosting_timeout" | "environment_error" | "output_invalid" | "capability_missing" | "degraded_result")
attribution: ("dependency" | "plugin" | "io" | "hosting" | "environment" | "suite")
detail: string
seen_in: string[]
remedy: string
} | null)
tiers: {
[k: string]: {
total: number
evaluated: number
passed: number
failed: number
infra_error: number
dependency_skipped: number
ok: boolean
}
}
cases: {
case_id: string
tier: ("non_service_strict" | "service_backed_strict")
class: ("pass" | "fail" | "infra_error" | "dependency_skipped")
reason: (("answer_wrong" | "citation_invalid" | "retrieval_miss" | "nondeterministic" | "query_timeout" | "dependency_down" | "db_io" | "corpus_missing" | "boot_failed" | "hosting_timeout" | "environment_error" | "output_invalid" | "capability_missing" | "degraded_result") | null)
attribution: (("dependency" | "plugin" | "io" | "hosting" | "environment" | "suite") | null)
dependencies: ("service_7411" | "service_8000")[]
detail: string
}[]
failing_case_ids: string[]
} | null)
summary: {
plugins_total: number
qualified: number
not_qualified: number
deprecated: number
unresolved: number
tests_emitted: number
checks: {
pass: number
fail: number
infra_error: number
not_applicable: number
}
}
run: {
run_id: string
started_at: string
finished_at: string
host: string
tool_version: string
services?: {
service_7411: string
service_8000: string
}
}
}
