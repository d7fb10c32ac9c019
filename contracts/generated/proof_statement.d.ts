/* Generated from contracts/proof_statement.schema.json by `pnpm contracts:generate`. Do not edit. */

export interface QualificationStatement {
_type: "https://in-toto.io/Statement/v1"
/**
 * @minItems 1
 */
subject: [({
name: string
digest: {
sha256: string
}
} | {
name: "target-commit"
digest: {
gitCommit: string
}
}), ...(({
name: string
digest: {
sha256: string
}
} | {
name: "target-commit"
digest: {
gitCommit: string
}
}))[]]
predicateType: "https://plugin-qualification.dev/qualification/v1"
predicate: {
schema_version: 1
shard: ({
index: number
count: number
} | null)
ok: boolean
signed: boolean
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
tests_emitted: number
inventory_sha256: string
lockfile_sha256: (string | null)
target: {
root: string
commit: (string | null)
}
platform: {
adapter: string
kernel_api_version: (string | null)
}
nondeterministic_files: string[]
}
}
