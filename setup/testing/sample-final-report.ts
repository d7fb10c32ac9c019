import type { FinalReport, RunSection } from "../../contracts/final-report.ts";
import type { PluginInventory } from "../../contracts/plugin-inventory.ts";
import type { FinalQueries } from "../../contracts/query-run.ts";
import { CHECK_IDS } from "../../contracts/reason-codes.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { canonicalJson, sha256Hex } from "../../qualification/shared/canonical/canonical-json.ts";
import type { CollectedResult } from "../../qualification/outputs/report/collected-results.ts";
import { renderFinalReport } from "../../qualification/outputs/report/render-final-report.ts";

/**
 * A small, hand-written final.json for the reporters' snapshot tests: one qualified plugin, one failing several
 * checks (multi-line detail, platform error, location, command, expected/actual, characters that need escaping),
 * one retired, one unresolved, and one failing run check. Verdict prose is literal, so only reporter changes
 * move the snapshots.
 */
export const SAMPLE_RUN: RunSection = {
  run_id: "run-1",
  started_at: "2025-01-01T00:00:00.000Z",
  finished_at: "2025-01-01T00:01:00.000Z",
  host: "host-a",
  tool_version: "plugin-qualification-suite@0.1.0",
};

export function withDigest(body: Omit<PluginInventory, "inventory_sha256">): PluginInventory {
  return { ...body, inventory_sha256: sha256Hex(canonicalJson(body)) };
}

export const SAMPLE_INVENTORY: PluginInventory = withDigest({
  schema_version: 2,
  platform: "autocapture-nx",
  plugins: [
    {
      plugin_id: "builtin.alpha",
      category: "active_required",
      category_reason: "allowlist",
      referenced_by: ["allowlist", "default_pack"],
      manifest: "plugins/builtin/alpha/plugin.json",
      resolved: true,
      platform_bucket: null,
    },
    {
      plugin_id: "builtin.beta",
      category: "active_required",
      category_reason: "allowlist",
      referenced_by: ["allowlist"],
      manifest: "plugins/builtin/beta/plugin.json",
      resolved: true,
      platform_bucket: null,
    },
    {
      plugin_id: "legacy.capture",
      category: "deprecated_removed",
      category_reason: "deprecation_manifest",
      referenced_by: ["deprecations:deprecations.json"],
      manifest: null,
      resolved: false,
      platform_bucket: null,
    },
    {
      plugin_id: "missing.plugin",
      category: "active_required",
      category_reason: "allowlist",
      referenced_by: ["allowlist", "enabled"],
      manifest: null,
      resolved: false,
      platform_bucket: null,
    },
  ],
  unresolved_ids: [{ plugin_id: "missing.plugin", referenced_by: ["allowlist", "enabled"] }],
  unreferenced_manifests: [],
  hygiene: [],
  sources: [],
});

/** Literal, not the suite's current list, so adding a run check to the suite does not move the snapshots. */
const SAMPLE_RUN_CHECKS = [
  "config_valid",
  "contract_lock_files",
  "inventory_resolved",
  "lockfile_valid",
  "manifests_valid",
  "platform_cli",
  "required_capabilities",
];

const pass = (detail: string): Verdict => ({ status: "pass", reason: null, detail });

const BETA: Record<(typeof CHECK_IDS)[number], Verdict> = {
  allowlisted: pass("listed in plugins.allowlist"),
  hash_ok: {
    status: "fail",
    reason: "ARTIFACT_HASH_MISMATCH",
    detail: "sha256_directory(plugins/builtin/beta) differs from the lock entry: a file changed",
    platform_error: "Plugin builtin.beta artifact hash mismatch",
    expected: "aa".repeat(32),
    actual: "bb".repeat(32),
    locations: [{ file: "config/plugin_locks.json", pointer: "/plugins/builtin.beta/artifact_sha256" }],
    remediation: {
      code: "UPDATE_LOCK_ENTRY",
      summary: "if the change is intended, record it in the lockfile",
      command: 'pnpm qualify lock update --plugin builtin.beta --reason "<why>"',
      changed_files: ["plugins/builtin/beta/plugin.py"],
    },
  },
  enabled: pass('plugins.enabled["builtin.beta"] is true'),
  loaded: {
    status: "fail",
    reason: "LOAD_FAILED",
    detail:
      'failed to load: [import] ValueError: a < b & "c" | d\nTraceback (most recent call last):\n  File "beta.py", line 3',
    platform_error: 'ValueError: a < b & "c" | d',
    command: "python3 -m autocapture_nx plugins load-report",
  },
  capability_present: {
    status: "fail",
    reason: "UPSTREAM_CHECK_FAILED",
    detail: "not loaded (LOAD_FAILED), so none of its capabilities can be present",
  },
  functional: {
    status: "infra_error",
    reason: "DEPENDENCY_DOWN",
    detail: "service_7411 is down (connection refused); this service_backed probe was not run",
    command: "python3 probe_runner.py --plugin builtin.beta",
  },
};

function sampleResults(): CollectedResult[] {
  const results: CollectedResult[] = [];
  const add = (plugin_id: string, check: string, verdict: Verdict) =>
    results.push({
      kind: "plugin",
      plugin_id,
      check,
      verdict,
      state: verdict.status === "pass" ? "passed" : verdict.status === "not_applicable" ? "skipped" : "failed",
    });
  for (const check of CHECK_IDS) {
    add("builtin.alpha", check, pass(`${check} holds`));
    add("builtin.beta", check, BETA[check]);
    add("legacy.capture", check, {
      status: "not_applicable",
      reason: "DEPRECATED_REMOVED",
      detail: "retired: deprecation_manifest; not qualified and not required",
    });
    add("missing.plugin", check, {
      status: "fail",
      reason: "UNRESOLVED_ID",
      detail: "missing.plugin is referenced by allowlist, enabled but no plugin.json declares it",
    });
  }
  for (const check of SAMPLE_RUN_CHECKS) {
    const verdict: Verdict =
      check === "inventory_resolved"
        ? {
            status: "fail",
            reason: "UNRESOLVED_ID",
            detail: "referenced without a manifest: missing.plugin (by allowlist, enabled)",
          }
        : pass(`${check} holds`);
    results.push({
      kind: "run",
      plugin_id: null,
      check,
      verdict,
      state: verdict.status === "pass" ? "passed" : "failed",
    });
  }
  return results;
}

/**
 * A query tier under service_down: one pass, one wrong answer, one storage failure, one case skipped for its services.
 */
export const SAMPLE_QUERIES: FinalQueries = {
  ok: false,
  service_mode: "service_down",
  expected: {
    source: "/targets/example/corpus/expected_answers.json",
    format: "suite",
    sha256: "ee".repeat(32),
    cases: null,
  },
  fault: null,
  root_cause: null,
  tiers: {
    non_service_strict: {
      total: 3,
      evaluated: 2,
      passed: 1,
      failed: 1,
      infra_error: 1,
      dependency_skipped: 0,
      ok: false,
    },
    service_backed_strict: {
      total: 1,
      evaluated: 0,
      passed: 0,
      failed: 0,
      infra_error: 0,
      dependency_skipped: 1,
      ok: true,
    },
  },
  cases: [
    {
      case_id: "invoice_due",
      tier: "non_service_strict",
      class: "pass",
      reason: null,
      attribution: null,
      dependencies: [],
      detail: "3 identical answer(s), state ok, 1 citation(s) verified against the corpus",
    },
    {
      case_id: "locked_db",
      tier: "non_service_strict",
      class: "infra_error",
      reason: "db_io",
      attribution: "io",
      dependencies: [],
      detail: "attempt 1/3: freshness guard (stale_or_unreadable_source) — an infrastructure outcome, not an answer",
    },
    {
      case_id: "wrong_vendor",
      tier: "non_service_strict",
      class: "fail",
      reason: "answer_wrong",
      attribution: "plugin",
      dependencies: [],
      detail: 'the answer does not contain "Contoso <Ltd> & Co"',
    },
    {
      case_id: "popup_vendor",
      tier: "service_backed_strict",
      class: "dependency_skipped",
      reason: null,
      attribution: "dependency",
      dependencies: ["service_7411", "service_8000"],
      detail: "service-backed case not run in mode service_down",
    },
  ],
  failing_case_ids: ["locked_db", "wrong_vendor"],
};

export function sampleFinalReport(run: RunSection = SAMPLE_RUN): FinalReport {
  return renderFinalReport({
    queries: SAMPLE_QUERIES,
    inventory: SAMPLE_INVENTORY,
    evidence: {
      adapter: "autocapture-nx",
      kernel_api_version: "0.1.0",
      target: { root: "/targets/example", commit: "0123456789abcdef0123456789abcdef01234567" },
    },
    results: sampleResults(),
    run,
  });
}
