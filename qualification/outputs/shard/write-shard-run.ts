import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { FinalReport, RunSection } from "../../../contracts/final-report.ts";
import type { PluginInventory } from "../../../contracts/plugin-inventory.ts";
import type { ShardRef } from "../../../contracts/proof-bundle.ts";
import type { FinalQueries } from "../../../contracts/query-run.ts";
import type { CollectedResult } from "../report/collected-results.ts";
import { renderFinalReport } from "../report/render-final-report.ts";
import { PARTIAL_FILE } from "../report/final-report-files.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { writeProofBundle, type ProofOptions } from "../proof/write-proof-bundle.ts";
import { RUN_CHECK_IDS } from "../../session/plan.ts";
import { ownsRunChecks, shardView } from "../../session/shard-view.ts";

export interface ShardRunInput {
  readonly shard: ShardRef;
  /** The full canonical inventory (every shard records the same one) and the shard's run evidence. */
  readonly inventory: PluginInventory;
  readonly evidence: Pick<RunEvidence, "target" | "adapter" | "kernel_api_version">;
  readonly results: readonly CollectedResult[];
  readonly run: RunSection;
  /** The query tier, which like the run checks belongs to shard 1 (null elsewhere, or when there is none). */
  readonly queries: FinalQueries | null;
  /** Every planned query test ran and its outputs were read (true when there are none). */
  readonly queriesComplete: boolean;
}

export interface ShardRunOutcome {
  /** The shard's verdicts: its plugins × checks, and the run checks in shard 1. */
  readonly final: FinalReport;
  /** True when every test of the shard ran (no -t filter, nothing left pending). */
  readonly complete: boolean;
  /** The partial bundle, written only for a complete shard run. */
  readonly proofDir: string | null;
}

/** Pure: a shard's collected results → its partial final.json, and whether the shard ran in full. */
export function renderShardRun({ shard, inventory, evidence, results, run, queries, queriesComplete }: ShardRunInput): {
  final: FinalReport;
  complete: boolean;
} {
  const owner = ownsRunChecks(shard);
  const final = renderFinalReport({
    inventory: shardView(inventory, shard),
    evidence,
    results,
    run,
    queries: owner ? queries : null,
  });
  const planned = final.summary.tests_emitted + (owner ? RUN_CHECK_IDS.length : 0);
  const ran = results.filter((r) => r.state !== "pending").length;
  const complete =
    ran === planned &&
    Object.keys(final.run_checks).length === (owner ? RUN_CHECK_IDS.length : 0) &&
    queriesComplete &&
    (owner || queries === null);
  return { final, complete };
}

/**
 * A shard run's outputs: `final.partial.json` always (never final.json: a shard is not a verdict on the whole
 * target), and for a complete shard the signed partial bundle `proof-shard-i-of-n/`, made from the
 * QUALIFY_OUT/{inventory,evidence}.json the worker wrote, for `pnpm qualify merge`.
 */
export function writeShardRun(
  outDir: string,
  input: ShardRunInput,
  proof: Omit<ProofOptions, "shard">,
): ShardRunOutcome {
  const { final, complete } = renderShardRun(input);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, PARTIAL_FILE), stableJson(final));
  const proofDir = complete ? writeProofBundle(outDir, final, { ...proof, shard: input.shard }) : null;
  return { final, complete, proofDir };
}
