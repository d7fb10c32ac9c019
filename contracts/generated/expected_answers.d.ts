/* Generated from contracts/expected_answers.schema.json by `pnpm contracts:generate`. Do not edit. */

export type _Schema0 = (null | boolean | number | string | _Schema0[] | {
[k: string]: _Schema0
})

export interface ExpectedAnswers {
schema_version: 1
corpus?: string
non_service_strict: {
case_id: string
query: string
tier: ("non_service_strict" | "service_backed_strict")
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
}[]
service_backed_strict: {
case_id: string
query: string
tier: ("non_service_strict" | "service_backed_strict")
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
}[]
}
