/* Generated from contracts/db_health.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface DbHealthReport {
schema_version: 1
corpus: {
mode: ("corpus_copy" | "data_dir" | "empty")
source: (string | null)
sha256: (string | null)
}
healthy: boolean
databases: {
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
}
