import { CHECK_IDS, RUN_CHECK_IDS, type CheckId, type RunCheckId } from "../../contracts/reason-codes.ts";
import type { PluginInventory } from "../../contracts/plugin-inventory.ts";
import { shardOf } from "./shard-of.ts";

export { RUN_CHECK_IDS, type RunCheckId };

export interface PlannedPlugin {
  readonly plugin_id: string;
  readonly category: PluginInventory["plugins"][number]["category"];
  readonly resolved: boolean;
  readonly checks: readonly CheckId[];
}

export interface QualificationPlan {
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly plugins: readonly PlannedPlugin[];
  readonly runChecks: readonly RunCheckId[];
  readonly testsEmitted: number;
}

/**
 * Every canonical plugin × every check, deprecated and unresolved ones included: nothing is dropped. With a
 * shard, only that shard's plugins; run-level checks belong to shard 1 so each appears exactly once overall.
 */
export function buildPlan(inventory: PluginInventory, shard: QualificationPlan["shard"] = null): QualificationPlan {
  const plugins = inventory.plugins
    .filter((p) => !shard || shardOf(p.plugin_id, shard.count) === shard.index)
    .map((p) => ({ plugin_id: p.plugin_id, category: p.category, resolved: p.resolved, checks: CHECK_IDS }));
  const runChecks = !shard || shard.index === 1 ? RUN_CHECK_IDS : [];
  return { shard, plugins, runChecks, testsEmitted: plugins.length * CHECK_IDS.length };
}

export const testName = (pluginId: string, check: string): string => `${pluginId} › ${check}`;
