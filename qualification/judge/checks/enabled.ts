import type { PlatformFacts, PluginEvidence } from "../../../contracts/evidence.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { fail, pass } from "./verdicts.ts";

/**
 * Not allowlisted is never enabled; an allowlisted plugin is enabled as the platform's own rule decides. That rule
 * is the adapter's (Autocapture NX: its registry's `load_plugins`, not `plugins list`'s), which records its outcome
 * as `config.enablement`: this check reports the recorded decision and knows no platform's rule.
 */
export function judgeEnabled(
  plugin: Pick<PluginEvidence, "plugin_id" | "config">,
  locations: PlatformFacts["config_locations"],
): Verdict {
  if (!plugin.config.allowlisted)
    return fail("NOT_ALLOWLISTED", `${plugin.plugin_id} is not allowlisted, so the registry never enables it`, {
      locations: [locations.allowlist],
    });
  const decided = plugin.config.enablement;
  // A decision no setting can change (a hard-coded block) points nowhere: the verdict then names no location.
  const where = decided.locations.length > 0 ? { locations: decided.locations } : {};
  return decided.enabled ? pass(decided.detail, where) : fail(decided.code, decided.detail, where);
}
