/** Longest label kept in a history name; file names are limited to 255 bytes, and the reason shares them. */
const MAX_LABEL = 120;

/**
 * The plugin part of a history name. One plugin: its ID, as the platform's `plugins lock update <id>` names
 * `pre_<reason>_<plugin_id>` (`autocapture_nx/plugin_system/manager.py` `lockfile_snapshot`). Several: the IDs joined
 * by `+` (sorted), or `<n>-plugins` when that would be too long. Every discovered plugin (no `--plugin`): `all`.
 */
export function snapshotLabel(pluginIds: readonly string[] | null): string {
  if (pluginIds === null) return "all";
  const joined = pluginIds.join("+");
  return Buffer.byteLength(joined, "utf8") <= MAX_LABEL ? joined : `${pluginIds.length}-plugins`;
}
