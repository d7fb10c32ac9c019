import type { PlatformFacts, PluginEvidence } from "../../../contracts/evidence.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { fail, pass } from "./verdicts.ts";

export function judgeAllowlisted(
  plugin: Pick<PluginEvidence, "plugin_id" | "config">,
  locations: PlatformFacts["config_locations"],
): Verdict {
  return plugin.config.allowlisted
    ? pass("listed in plugins.allowlist of the effective config (aliases applied)")
    : fail(
        "NOT_ALLOWLISTED",
        `${plugin.plugin_id} is not in plugins.allowlist of the effective config; the registry will never load it`,
        {
          locations: [locations.allowlist],
        },
      );
}
