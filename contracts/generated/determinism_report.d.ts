/* Generated from contracts/determinism_report.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface DeterminismReport {
schema_version: 1
runs: number
seeds: number[]
summary: {
stable: number
flaky: number
unstable_evidence: number
}
tests: {
test: string
class: ("stable" | "flaky" | "unstable_evidence")
verdicts: string[]
diffs: {
run: number
pointers: string[]
}[]
}[]
}
