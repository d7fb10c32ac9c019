/* Generated from contracts/shard_provenance.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface ShardProvenance {
schema_version: 1
count: number
shards: {
index: number
statement_sha256: string
keyids: string[]
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
optional_files: {
[k: string]: string
}
}[]
carried: string[]
not_carried: string[]
}
