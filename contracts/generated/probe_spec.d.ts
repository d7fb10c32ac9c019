/* Generated from contracts/probe_spec.schema.json by `pnpm contracts:generate`. Do not edit. */

export type _Schema0 = (null | boolean | number | string | _Schema0[] | {
[k: string]: _Schema0
})

export interface ProbeSpec {
plugin_id: string
spec_version: string
tier: ("non_service" | "service_backed")
requires_service?: ("service_7411" | "service_8000")
include: string[]
steps: {
id: string
capability: string
method: string
input: _Schema0
input_from?: {
[k: string]: {
step: string
pointer: string
}
}
via?: ("plugin" | "registry")
requires_service?: boolean
/**
 * @minItems 1
 */
expect: [({
kind: "equals"
value: _Schema0
} | {
kind: "contains"
pointer: string
value: _Schema0
} | {
kind: "json_path_equals"
pointer: string
value: _Schema0
} | {
kind: "matches_schema"
schema: {
[k: string]: _Schema0
}
} | {
kind: "error"
error_type?: string
message_contains?: string
}), ...(({
kind: "equals"
value: _Schema0
} | {
kind: "contains"
pointer: string
value: _Schema0
} | {
kind: "json_path_equals"
pointer: string
value: _Schema0
} | {
kind: "matches_schema"
schema: {
[k: string]: _Schema0
}
} | {
kind: "error"
error_type?: string
message_contains?: string
}))[]]
timeout_ms: number
}[]
}
