export { ALIGN_LIMITATION_CODES, type AlignLimitation, type AlignLimitationCode } from "./align-limitation.ts";
export { assertAlignableConfig, DEFAULT_CONFIG_REL, gatherAlignment, type AlignmentContext } from "./gather-alignment.ts";
export { detectLayout, writeOrderedJson, type JsonLayout, type LayoutDetection } from "./json-layout.ts";
export { applyJsonPatch, pointerOf, type JsonPatchOp } from "./json-patch.ts";
export { fromPlain, JsonSyntaxError, parseOrderedJson, toPlain, type JsonNode, type OrderedJson } from "./ordered-json.ts";
export { planAlignment, type AlignmentPlan, type AlignmentTargets, type ListChange } from "./plan-alignment.ts";
export { renderAlign } from "./render-align.ts";
export { runAlign, type AlignReport, type AlignRequest } from "./run-align.ts";
export { userConfigGaps, type UserConfigGap } from "./user-config-gaps.ts";
