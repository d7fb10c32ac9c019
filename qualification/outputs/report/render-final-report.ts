import type { FinalPlugin, FinalReport, RunSection } from "../../../contracts/final-report.ts";
import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { PluginInventory } from "../../../contracts/plugin-inventory.ts";
import type { FinalQueries } from "../../../contracts/query-run.ts";
import { CHECK_IDS, type CheckId } from "../../../contracts/reason-codes.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { compareCodePoints } from "../../shared/canonical/canonical-json.ts";
import type { CollectedResult } from "./collected-results.ts";

export interface FinalInputs {
  readonly inventory: PluginInventory;
  readonly evidence: Pick<RunEvidence, "target" | "adapter" | "kernel_api_version">;
  readonly results: readonly CollectedResult[];
  readonly run: RunSection;
  /** The query tier's section (collected by the reporter); absent or null when there is none. */
  readonly queries?: FinalQueries | null;
}

const missing = (what: string): Verdict => ({
  status: "infra_error",
  reason: "RUNNER_FAILED",
  detail: `no result was recorded for ${what}; the test did not run to completion`,
});

/** Pure: inventory + collected verdicts → final.json. Every canonical plugin × check appears, recorded or not. */
export function renderFinalReport({ inventory, evidence, results, run, queries = null }: FinalInputs): FinalReport {
  const byKey = new Map(results.map((r) => [`${r.plugin_id ?? "run"}\u0000${r.check}`, r]));
  const verdictOf = (owner: string, check: string): Verdict => {
    const result = byKey.get(`${owner}\u0000${check}`);
    if (!result) return missing(`${owner} › ${check}`);
    // A test that crashed around a passing verdict must not read as a pass.
    if (result.state === "failed" && result.verdict.status === "pass")
      return {
        status: "infra_error",
        reason: "RUNNER_FAILED",
        detail: `the test for ${owner} › ${check} failed outside its verdict`,
      };
    return result.verdict;
  };
  const plugins: FinalPlugin[] = inventory.plugins
    .map((p) => {
      const checks = Object.fromEntries(CHECK_IDS.map((check) => [check, verdictOf(p.plugin_id, check)])) as Record<
        CheckId,
        Verdict
      >;
      const qualified = CHECK_IDS.every((check) => checks[check].status === "pass");
      return { plugin_id: p.plugin_id, category: p.category, qualified, checks };
    })
    .sort((a, b) => compareCodePoints(a.plugin_id, b.plugin_id));
  const runChecks = Object.fromEntries(
    results.filter((r) => r.kind === "run").map((r) => [r.check, verdictOf("run", r.check)]),
  );
  const counts = { pass: 0, fail: 0, infra_error: 0, not_applicable: 0 };
  for (const p of plugins) for (const check of CHECK_IDS) counts[p.checks[check].status] += 1;
  const active = plugins.filter((p) => p.category !== "deprecated_removed");
  const runOk = Object.values(runChecks).every((v) => v.status === "pass");
  // Every evaluated strict query case must pass too (non_service_strict always; service_backed_strict when evaluated).
  const ok =
    inventory.unresolved_ids.length === 0 &&
    active.every((p) => p.qualified) &&
    runOk &&
    (queries === null || queries.ok);
  return {
    schema_version: 1,
    ok,
    target: { root: evidence.target.root, commit: evidence.target.commit },
    platform: { adapter: evidence.adapter, kernel_api_version: evidence.kernel_api_version },
    inventory_sha256: inventory.inventory_sha256,
    unresolved_ids: inventory.unresolved_ids,
    run_checks: runChecks,
    plugins,
    queries,
    summary: {
      plugins_total: plugins.length,
      qualified: active.filter((p) => p.qualified).length,
      not_qualified: active.filter((p) => !p.qualified).length,
      deprecated: plugins.length - active.length,
      unresolved: inventory.unresolved_ids.length,
      tests_emitted: plugins.length * CHECK_IDS.length,
      checks: counts,
    },
    run,
  };
}
