import { RunEvidence, type CommandEvidence, type PluginEvidence } from "../../../../contracts/evidence.ts";
import type { FinalReport, RunSection } from "../../../../contracts/final-report.ts";
import type { PluginInventory } from "../../../../contracts/plugin-inventory.ts";
import type { CollectedResult } from "../../report/collected-results.ts";
import { renderFinalReport } from "../../report/render-final-report.ts";
import { SAMPLE_INVENTORY, SAMPLE_RUN } from "../../../../setup/testing/sample-final-report.ts";
import { judgePlugin } from "../../../session/judge-plugin.ts";
import { judgeRunChecks } from "../../../session/judge-run-checks.ts";

/**
 * A small recorded run whose verdicts really follow from its evidence (they are judged by `judgePlugin`), so a
 * bundle built from it passes the re-judge step: builtin.alpha qualifies except for `functional` (no probe
 * evidence), builtin.beta's artifact hash differs from its lock entry, legacy.capture is retired, missing.plugin
 * is unresolved.
 */
const h = (c: string) => c.repeat(64);
const command = (args: string): CommandEvidence => ({
  command: `python3 -m autocapture_nx ${args}`,
  exit_code: 0,
  timed_out: false,
  stderr_excerpt: "",
  json: {},
  fault: null,
});

function plugin(id: string, artifact: string): PluginEvidence {
  const dir = `plugins/builtin/${id.split(".")[1]}`;
  const kind = `${id}.kind`;
  return {
    plugin_id: id,
    manifest: {
      path: `${dir}/plugin.json`,
      dir,
      version: "1.0.0",
      enabled_default: true,
      kinds: [kind],
      provides: [],
      required_capabilities: [],
      depends_on: [],
      replaces: [],
      network: false,
      fault: null,
    },
    hashes: { manifest_sha256: h("1"), artifact_sha256: artifact, legacy_artifact_sha256: [], fault: null },
    lock_entry: {
      artifact_sha256: h("2"),
      manifest_sha256: h("1"),
      kernel_api_version: "0.1.0",
      contract_lock_hash: h("3"),
    },
    config: {
      allowlisted: true,
      enablement: { enabled: true, code: null, detail: `plugins.enabled["${id}"] is true`, locations: [] },
    },
    platform_list_row: { allowlisted: true, enabled: true, hash_ok: artifact === h("2"), kinds: [kind], provides: [] },
    platform_load: { status: "loaded", errors: [] },
    runtime_capabilities: [kind],
    runtime_fault: null,
    registered_capabilities: null,
    registration_fault: null,
    isolated_load: null,
    probe: null,
  };
}

export const SAMPLE_EVIDENCE: RunEvidence = RunEvidence.parse({
  schema_version: 3,
  adapter: "autocapture-nx",
  kernel_api_version: "0.1.0",
  target: { root: "/targets/example", commit: "0123456789abcdef0123456789abcdef01234567" },
  sources: [],
  config: {
    fault: null,
    locks_enforce: true,
    lockfile: "config/plugin_locks.json",
    user_config: null,
    required_capabilities: [],
  },
  input_faults: [],
  // What the Autocapture NX adapter records about its platform, as a recorded run carries it.
  platform: {
    provided_capabilities: [
      "egress.approval_store",
      "event.builder",
      "observability.plugin_load_report",
      "observability.plugin_trace",
      "runtime.conductor",
      "runtime.governor",
      "runtime.scheduler",
    ],
    config_locations: { allowlist: { file: "config/default.json", pointer: "/plugins/allowlist" } },
  },
  manifests: { unattributed_faults: [], duplicates: [], required_capability_providers: {} },
  probe_catalog: {
    source: "none",
    display: "probes",
    name: null,
    version: null,
    why: "no catalog applies to this sample",
    spec_ids: [],
  },
  lockfile: {
    sha256: h("4"),
    format: "v2",
    fault: null,
    contract_lock_sha256: h("3"),
    contract_files: [],
    signature: { checked: false, required: false, result: "signature_missing" },
  },
  commands: { plugins_list: command("plugins list --json"), load_report: command("plugins load-report") },
  load_culprits: null,
  load_report: { ok: true, error: null, capabilities: ["builtin.alpha.kind", "builtin.beta.kind"] },
  plugins: [plugin("builtin.alpha", h("2")), plugin("builtin.beta", h("5"))],
});

export function sampleResults(
  inventory: PluginInventory = SAMPLE_INVENTORY,
  evidence: RunEvidence = SAMPLE_EVIDENCE,
): CollectedResult[] {
  const results: CollectedResult[] = [];
  for (const item of inventory.plugins) {
    const gathered =
      item.category === "deprecated_removed" || !item.resolved
        ? null
        : (evidence.plugins.find((p) => p.plugin_id === item.plugin_id) ?? null);
    for (const [check, verdict] of Object.entries(judgePlugin(item, gathered, evidence)))
      results.push({
        kind: "plugin",
        plugin_id: item.plugin_id,
        check,
        verdict,
        state: verdict.status === "pass" ? "passed" : "failed",
      });
  }
  for (const [check, verdict] of Object.entries(judgeRunChecks(evidence, inventory)))
    results.push({
      kind: "run",
      plugin_id: null,
      check,
      verdict,
      state: verdict.status === "pass" ? "passed" : "failed",
    });
  return results;
}

export interface SampleRun {
  readonly inventory: PluginInventory;
  readonly evidence: RunEvidence;
  readonly final: FinalReport;
}

/** `edit` may change the collected results before final.json is rendered (a dishonest or broken producer). */
export function sampleRun(
  options: { run?: RunSection; edit?: (results: CollectedResult[]) => CollectedResult[] } = {},
): SampleRun {
  const results = (options.edit ?? ((r) => r))(sampleResults());
  const final = renderFinalReport({
    inventory: SAMPLE_INVENTORY,
    evidence: SAMPLE_EVIDENCE,
    results,
    run: options.run ?? SAMPLE_RUN,
  });
  return { inventory: SAMPLE_INVENTORY, evidence: SAMPLE_EVIDENCE, final };
}
