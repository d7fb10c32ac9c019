import type { RunEvidence } from "../../contracts/evidence.ts";
import type { PluginInventory } from "../../contracts/plugin-inventory.ts";
import { RUN_CHECK_IDS, type RunCheckId } from "../../contracts/reason-codes.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { RUN_CHECKS } from "../judge/checks/check-table.ts";
import { withRemediation } from "../judge/remediation/with-remediation.ts";

/**
 * Pure: facts about the whole target, each its own test (`run › <check>`), from the recorded evidence and inventory.
 */
export function judgeRunChecks(run: RunEvidence, inventory: PluginInventory): Record<RunCheckId, Verdict> {
  const ctx = { target: run.target.root, pluginId: null };
  return Object.fromEntries(
    RUN_CHECK_IDS.map((check) => [check, withRemediation(RUN_CHECKS[check].judge({ run, inventory }), ctx)]),
  ) as Record<RunCheckId, Verdict>;
}
