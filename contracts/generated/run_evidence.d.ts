/* Generated from contracts/run_evidence.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface RunEvidence {
schema_version: 2
adapter: string
kernel_api_version: (string | null)
target: {
root: string
commit: (string | null)
}
sources: {
path: string
role: string
sha256: string
}[]
config: {
fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
safe_mode: boolean
safe_mode_minimal: boolean
locks_enforce: boolean
lockfile: string
user_config: (string | null)
required_capabilities: string[]
}
input_faults: {
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
}[]
platform: {
provided_capabilities: string[]
config_locations: {
allowlist: {
file: string
pointer: string
}
enabled: {
file: string
pointer: string
}
default_pack: {
file: string
pointer: string
}
quarantine: {
file: string
pointer: string
}
safe_mode_required_capabilities: {
file: string
pointer: string
}
}
}
manifests: {
unattributed_faults: {
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
}[]
duplicates: {
plugin_id: string
manifests: string[]
}[]
required_capability_providers: {
[k: string]: string[]
}
}
probe_catalog: {
source: ("env" | "target" | "suite" | "none")
display: string
name: (string | null)
version: (string | null)
why: string
spec_ids: string[]
}
lockfile: {
sha256: (string | null)
format: (string | null)
fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
contract_lock_sha256: (string | null)
contract_files: {
rel: string
expected: string
actual: (string | null)
}[]
signature: {
checked: boolean
required: boolean
result: string
}
}
commands: {
plugins_list: {
command: string
exit_code: (number | null)
timed_out: boolean
stderr_excerpt: string
json: unknown
fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
}
load_report: {
command: string
exit_code: (number | null)
timed_out: boolean
stderr_excerpt: string
json: unknown
fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
}
}
load_culprits: (string[] | null)
load_report: ({
ok: boolean
error: (string | null)
capabilities: string[]
} | null)
plugins: {
plugin_id: string
manifest: ({
path: string
dir: string
version: (string | null)
enabled_default: boolean
kinds: string[]
provides: string[]
required_capabilities: string[]
depends_on: string[]
replaces: string[]
network: boolean
fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
} | null)
hashes: {
manifest_sha256: (string | null)
artifact_sha256: (string | null)
legacy_artifact_sha256: string[]
drift_files?: (string[] | null)
fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
}
lock_entry: ({
artifact_sha256: string
manifest_sha256: string
kernel_api_version: (string | null)
contract_lock_hash: (string | null)
} | null)
config: {
allowlisted: boolean
in_default_pack: boolean
enabled_map: (boolean | null)
quarantined: boolean
deprecated_capture: boolean
safe_mode: boolean
minimal_closure_member: (boolean | null)
}
platform_list_row: ({
allowlisted: boolean
enabled: boolean
hash_ok: boolean
kinds: string[]
provides: string[]
} | null)
platform_load: {
status: ("loaded" | "failed" | "skipped" | "absent")
errors: {
phase: string
error: string
entrypoint: string
}[]
}
runtime_capabilities: (string[] | null)
runtime_fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
registered_capabilities: (string[] | null)
registration_fault: ({
code: string
detail: string
file: (string | null)
issues: {
pointer: string
message: string
}[]
} | null)
isolated_load: ({
status: ("loaded" | "failed" | "skipped" | "absent" | "excluded")
errors: {
phase: string
error: string
}[]
culprit: ({
kind: ("hang" | "crash")
detail: string
stack: (string | null)
exit_status: (number | null)
} | null)
culprits: string[]
printed: ({
bytes: number
head: string
} | null)
} | null)
probe: unknown
}[]
}
