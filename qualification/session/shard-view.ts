import type { PluginInventory } from "../../contracts/plugin-inventory.ts";
import type { ShardRef } from "../../contracts/proof-bundle.ts";
import { shardOf } from "./shard-of.ts";

/** Whether a plugin belongs to this shard; every plugin belongs to the whole (null) qualification. */
export const inShard = (pluginId: string, shard: ShardRef | null): boolean =>
  shard === null || shardOf(pluginId, shard.count) === shard.index;

/** Run-level checks are judged once, in shard 1. */
export const ownsRunChecks = (shard: ShardRef | null): boolean => shard === null || shard.index === 1;

/**
 * The canonical inventory as one shard sees it: only its plugins and unresolved IDs, with the digest of the
 * full inventory kept, so a partial's verdicts render, count and verify exactly like a complete run's subset.
 */
export function shardView(inventory: PluginInventory, shard: ShardRef | null): PluginInventory {
  if (shard === null) return inventory;
  return {
    ...inventory,
    plugins: inventory.plugins.filter((p) => inShard(p.plugin_id, shard)),
    unresolved_ids: inventory.unresolved_ids.filter((u) => inShard(u.plugin_id, shard)),
  };
}

export const shardLabel = (shard: ShardRef): string => `${shard.index}/${shard.count}`;
