import type { RunEvidence } from "../../../../contracts/evidence.ts";
import type { PluginInventory } from "../../../../contracts/plugin-inventory.ts";
import type { QueryCaseRecord, QueryRun, QueryVerdict } from "../../../../contracts/query-run.ts";
import type { RunCheckId } from "../../../../contracts/reason-codes.ts";
import type { Verdict } from "../../../../contracts/verdict.ts";
import { judgeQueryCase, notRunVerdict } from "../../../query/judge-query-case.ts";
import { skippedVerdict } from "../../../query/skipped-verdict.ts";
import { judgePlugin, type PluginVerdicts } from "../../../session/judge-plugin.ts";
import { judgeRunChecks } from "../../../session/judge-run-checks.ts";
import { corpusMissing } from "../../../gather/storage/storage-health.ts";

/**
 * What a bundle records a run's verdicts on: the inventory, the run's evidence and (when the tier ran) the query run.
 */
export interface RecordedRun {
  readonly inventory: PluginInventory;
  readonly evidence: RunEvidence;
  readonly queries: QueryRun | null;
}

export interface ReplayedVerdicts {
  /** Every inventory plugin's verdicts; null for a plugin that needs evidence the bundle does not record. */
  readonly plugins: ReadonlyMap<string, PluginVerdicts | null>;
  readonly run: Readonly<Record<RunCheckId, Verdict>>;
  readonly queries: ReadonlyMap<string, QueryVerdict>;
}

/** Pure: a query case's verdict from its recorded facts — attempts, the run's service health, or its root cause. */
export function rejudgeQueryCase(record: QueryCaseRecord, run: QueryRun): QueryVerdict {
  if (record.route === "skipped") return skippedVerdict(run.services);
  if (record.route === "not_run") return notRunVerdict(run.root_cause);
  return judgeQueryCase({
    route: record.route,
    expect: record.expect,
    attempts: record.attempts,
    citations: record.citations,
    storageHealthy: record.storage_healthy,
    corpusMissing: corpusMissing(run.storage),
  });
}

/**
 * Replay: every verdict of a run, judged again from what the bundle records and nothing else, through the
 * judges the run used. `verify`'s rejudge step compares these with the recorded verdicts.
 */
export function replayVerdicts({ inventory, evidence, queries }: RecordedRun): ReplayedVerdicts {
  const gathered = new Map(evidence.plugins.map((p) => [p.plugin_id, p]));
  const plugins = new Map<string, PluginVerdicts | null>();
  for (const item of inventory.plugins) {
    const needsEvidence = item.category !== "deprecated_removed" && item.resolved;
    const pluginEvidence = needsEvidence ? (gathered.get(item.plugin_id) ?? null) : null;
    plugins.set(item.plugin_id, needsEvidence && !pluginEvidence ? null : judgePlugin(item, pluginEvidence, evidence));
  }
  const cases = new Map((queries?.cases ?? []).map((record) => [record.case_id, rejudgeQueryCase(record, queries!)]));
  return { plugins, run: judgeRunChecks(evidence, inventory), queries: cases };
}
