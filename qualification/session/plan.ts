import { CHECK_IDS, type CheckId } from "../../contracts/reason-codes.ts";
import type { PluginInventory } from "../../contracts/plugin-inventory.ts";

/** Run-level checks: facts about the whole target that no single plugin owns. */
export const RUN_CHECK_IDS = ["config_valid", "lockfile_valid", "contract_lock_files", "manifests_valid", "platform_cli", "required_capabilities", "inventory_resolved", "probe_catalog"] as const;
export type RunCheckId = (typeof RUN_CHECK_IDS)[number];

export interface PlannedPlugin {
  readonly plugin_id: string;
  readonly category: PluginInventory["plugins"][number]["category"];
  readonly resolved: boolean;
  readonly checks: readonly CheckId[];
}

export interface QualificationPlan {
  readonly plugins: readonly PlannedPlugin[];
  readonly runChecks: readonly RunCheckId[];
  readonly testsEmitted: number;
}

/** Every canonical plugin × every check, deprecated and unresolved ones included: nothing is dropped. */
export function buildPlan(inventory: PluginInventory): QualificationPlan {
  const plugins = inventory.plugins.map((p) => ({ plugin_id: p.plugin_id, category: p.category, resolved: p.resolved, checks: CHECK_IDS }));
  return { plugins, runChecks: RUN_CHECK_IDS, testsEmitted: plugins.length * CHECK_IDS.length };
}

export const testName = (pluginId: string, check: string): string => `${pluginId} › ${check}`;
