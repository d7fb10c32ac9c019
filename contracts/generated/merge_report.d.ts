/* Generated from contracts/merge_report.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface MergeReport {
schema_version: 1
ok: boolean
code: ("OK" | "PARTIAL_INVALID" | "NOT_PARTIAL" | "FOREIGN_INVENTORY" | "FOREIGN_TARGET" | "FOREIGN_TOOL" | "SHARD_COUNT_MISMATCH" | "RUN_EVIDENCE_MISMATCH" | "SHARD_MISSING" | "SHARD_DUPLICATE" | "RESULT_MISSING" | "RESULT_DUPLICATE" | "RESULT_EXTRA" | "EVIDENCE_MISSING" | "MERGED_INVALID")
partials: {
dir: string
shard: ({
index: number
count: number
} | null)
verify: string[]
}[]
problems: {
code: ("OK" | "PARTIAL_INVALID" | "NOT_PARTIAL" | "FOREIGN_INVENTORY" | "FOREIGN_TARGET" | "FOREIGN_TOOL" | "SHARD_COUNT_MISMATCH" | "RUN_EVIDENCE_MISMATCH" | "SHARD_MISSING" | "SHARD_DUPLICATE" | "RESULT_MISSING" | "RESULT_DUPLICATE" | "RESULT_EXTRA" | "EVIDENCE_MISSING" | "MERGED_INVALID")
partial: (string | null)
detail: string
}[]
bundle: (string | null)
}
