/* Generated from contracts/probe_spec.schema.json by `pnpm contracts:generate`. Do not edit. */

export type _Schema0 = (null | boolean | number | string | _Schema0[] | ({
$py: "datetime"
iso: string
} | {
$py: "date"
iso: string
} | {
$py: "time"
iso: string
} | {
$py: "timedelta"
seconds: number
microseconds?: number
} | {
$py: "bytes"
base64: string
} | {
$py: "path"
path: string
} | {
$py: "tuple"
items: _Schema0[]
} | {
$py: "set"
items: _Schema0[]
} | {
$py: "frozenset"
items: _Schema0[]
} | {
$py: "dict"
items: never[][]
} | {
$py: "decimal"
value: string
} | {
$py: "float"
value: ("nan" | "inf" | "-inf")
} | {
$py: "uuid"
value: string
} | {
$py: "enum"
type: string
value: _Schema0
} | {
$py: "dataclass"
type: string
fields: {
[k: string]: _Schema0
}
} | {
$py: "object"
type: string
}) | {
[k: string]: _Schema0
})

export interface ProbeSpec {
plugin_id: string
spec_version: string
tier: ("non_service" | "service_backed")
requires_service?: ("service_7411" | "service_8000")
requires_environment?: {
/**
 * @minItems 1
 */
platform?: [string, ...(string)[]]
/**
 * @minItems 1
 */
python_modules?: [string, ...(string)[]]
/**
 * @minItems 1
 */
programs?: [string, ...(string)[]]
/**
 * @minItems 1
 */
paths?: [string, ...(string)[]]
gpu?: boolean
writes_target?: boolean
}
/**
 * @minItems 1
 */
setup?: [{
capability: string
method: string
input: _Schema0
via?: ("plugin" | "registry")
}, ...({
capability: string
method: string
input: _Schema0
via?: ("plugin" | "registry")
})[]]
settings?: {
[k: string]: _Schema0
}
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
varies?: [string, ...(string)[]]
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
