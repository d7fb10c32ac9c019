import { createHash } from "node:crypto";

/**
 * A plugin's shard (1-based) from its ID alone, so adding or removing a plugin never moves any other plugin:
 * CI machines can be added to a matrix without reshuffling everyone's evidence.
 */
export function shardOf(pluginId: string, count: number): number {
  const digest = createHash("sha256").update(pluginId, "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}
