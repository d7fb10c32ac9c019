import type { PluginsConfig } from "../config/effective-config.ts";

/**
 * `plugins list`'s `enabled` (`autocapture_nx/plugin_system/manager.py` `list_plugins`), kept only to report where it
 * disagrees with the registry: allowlisted when the allowlist is non-empty; in safe mode `default_pack` decides; else
 * the
 * `enabled` map, else true; never quarantined. It ignores the manifest `enabled`, the deprecated-capture block,
 * aliases and the core-provider quarantine exemption — exactly why it can call a plugin enabled that never loads.
 */
export function listRuleEnabled(config: PluginsConfig, id: string): boolean {
  if (config.allowlist.length > 0 && !config.allowlist.includes(id)) return false;
  let enabled: boolean;
  if (config.safeMode) enabled = config.defaultPack.includes(id);
  else enabled = Object.hasOwn(config.enabled, id) ? config.enabled[id] === true : true;
  return enabled && !config.quarantine.includes(id);
}
