/** Platform constants from the reference that the adapter needs in more than one place. */
export const KERNEL_API_VERSION = "0.1.0";
export const ADAPTER_NAME = "autocapture-nx";

/** Reference §15.2: the non-8000 contract buckets, used to tag inventory IDs. */
export const REQUIRES_8000 = new Set([
  "builtin.processing.sst.ui_vlm",
  "builtin.vlm.vllm_localhost",
  "builtin.embedder.vllm_localhost",
  "builtin.answer.synth_vllm_localhost",
]);

const SST = ["preprocess.normalize", "preprocess.tile", "ocr.onnx", "ui.parse", "layout.assemble", "extract.table", "extract.spreadsheet", "extract.code", "extract.chart", "track.cursor", "build.state", "match.ids", "temporal.segment", "build.delta", "infer.action", "compliance.redact", "persist", "index"];
const STATE = ["jepa_like", "vector.linear", "vector.sqlite_ts", "vector.hnsw", "evidence.compiler", "retrieval", "policy", "workflow.miner", "anomaly", "jepa.training"];

export const REQUIRED_NON8000_ENABLED = new Set([
  "builtin.processing.sst.pipeline",
  "builtin.processing.sst.uia_context",
  "builtin.runtime.governor",
  "builtin.runtime.scheduler",
  "builtin.sst.qa.answers",
  ...SST.map((s) => `builtin.sst.${s}`),
  ...STATE.map((s) => `builtin.state.${s}`),
]);

/** Reference §9.1: names no plugin supplies; never flag them as missing providers. */
export const KERNEL_PROVIDED_CAPABILITIES = new Set(["event.builder", "egress.approval_store", "runtime.conductor", "runtime.governor", "runtime.scheduler"]);
export const REGISTRY_PROVIDED_CAPABILITIES = new Set(["observability.plugin_trace", "observability.plugin_load_report"]);
