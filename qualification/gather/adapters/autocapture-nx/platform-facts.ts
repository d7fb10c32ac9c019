import type { ConfigLocation, PlatformFacts } from "../../../../contracts/evidence.ts";
import { compareCodePoints } from "../../../shared/canonical/canonical-json.ts";

/**
 * Platform constants (`autocapture_nx.__version__`, the adapter's name) that the adapter needs in more than one place.
 */
export const KERNEL_API_VERSION = "0.1.0";
export const ADAPTER_NAME = "autocapture-nx";

/**
 * The non-8000 contract buckets of the platform's `tools/gate_config_matrix.py` (`REQUIRES_8000_PLUGIN_IDS`,
 * `NON8000_DEFAULT_REQUIRED_PLUGIN_IDS`), used to tag inventory IDs.
 */
export const REQUIRES_8000 = new Set([
  "builtin.processing.sst.ui_vlm",
  "builtin.vlm.vllm_localhost",
  "builtin.embedder.vllm_localhost",
  "builtin.answer.synth_vllm_localhost",
]);

const SST = [
  "preprocess.normalize",
  "preprocess.tile",
  "ocr.onnx",
  "ui.parse",
  "layout.assemble",
  "extract.table",
  "extract.spreadsheet",
  "extract.code",
  "extract.chart",
  "track.cursor",
  "build.state",
  "match.ids",
  "temporal.segment",
  "build.delta",
  "infer.action",
  "compliance.redact",
  "persist",
  "index",
];
const STATE = [
  "jepa_like",
  "vector.linear",
  "vector.sqlite_ts",
  "vector.hnsw",
  "evidence.compiler",
  "retrieval",
  "policy",
  "workflow.miner",
  "anomaly",
  "jepa.training",
];

export const REQUIRED_NON8000_ENABLED = new Set([
  "builtin.processing.sst.pipeline",
  "builtin.processing.sst.uia_context",
  "builtin.runtime.governor",
  "builtin.runtime.scheduler",
  "builtin.sst.qa.answers",
  ...SST.map((s) => `builtin.sst.${s}`),
  ...STATE.map((s) => `builtin.state.${s}`),
]);

/**
 * Names no plugin supplies, so never flag them as missing providers: the kernel registers the first set at boot
 * (`autocapture_nx/kernel/loader.py` `Kernel.boot`), the registry the second (`registry.py` `load_plugins`).
 */
const KERNEL_PROVIDED_CAPABILITIES = [
  "event.builder",
  "egress.approval_store",
  "runtime.conductor",
  "runtime.governor",
  "runtime.scheduler",
];
const REGISTRY_PROVIDED_CAPABILITIES = ["observability.plugin_trace", "observability.plugin_load_report"];

const DEFAULT_CONFIG = "config/default.json";

/** Where the settings the verdicts cite live in the platform's config. */
export const AUTOCAPTURE_CONFIG_LOCATIONS = {
  allowlist: { file: DEFAULT_CONFIG, pointer: "/plugins/allowlist" },
  /** A plugin's own entry is `<pointer>/<plugin_id>`. */
  enabled: { file: DEFAULT_CONFIG, pointer: "/plugins/enabled" },
  default_pack: { file: DEFAULT_CONFIG, pointer: "/plugins/default_pack" },
  quarantine: { file: DEFAULT_CONFIG, pointer: "/plugins/quarantine" },
  safe_mode_required_capabilities: { file: DEFAULT_CONFIG, pointer: "/kernel/safe_mode_required_capabilities" },
} as const satisfies Record<string, ConfigLocation>;

/** What the evidence records about the platform itself (`RunEvidence.platform`). */
export const AUTOCAPTURE_PLATFORM_FACTS: PlatformFacts = {
  provided_capabilities: [...KERNEL_PROVIDED_CAPABILITIES, ...REGISTRY_PROVIDED_CAPABILITIES].sort(compareCodePoints),
  config_locations: { allowlist: AUTOCAPTURE_CONFIG_LOCATIONS.allowlist },
};
