import type { ConfigLocation, PlatformFacts, PluginEvidence } from "../../contracts/evidence.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { fail, pass } from "./verdicts.ts";

/**
 * The registry's rule (`registry.py` `load_plugins`, its `is_enabled`), not `plugins list`'s: allowlisted AND is_enabled AND NOT quarantined,
 * where is_enabled = deprecated-capture block → safe mode/default_pack → enabled map → manifest `enabled`.
 */
export function judgeEnabled(
  plugin: Pick<PluginEvidence, "plugin_id" | "config" | "manifest">,
  locations: PlatformFacts["config_locations"],
): Verdict {
  const c = plugin.config;
  const id = plugin.plugin_id;
  const at = (location: ConfigLocation) => ({ locations: [location] });
  if (!c.allowlisted)
    return fail(
      "NOT_ALLOWLISTED",
      `${id} is not allowlisted, so the registry never enables it`,
      at(locations.allowlist),
    );
  if (c.minimal_closure_member !== null) {
    return c.minimal_closure_member
      ? pass("safe-mode-minimal: in the provider closure of kernel.safe_mode_required_capabilities")
      : fail(
          "NOT_IN_DEFAULT_PACK",
          "safe-mode-minimal replaces the enabled set with the provider closure of kernel.safe_mode_required_capabilities, which does not include this plugin",
          at(locations.safe_mode_required_capabilities),
        );
  }
  if (c.deprecated_capture)
    return fail(
      "DEPRECATED_CAPTURE_BLOCK",
      `${id} is a deprecated capture plugin; the registry hard-disables it whatever the config says`,
    );
  let why: string;
  if (c.safe_mode) {
    if (!c.in_default_pack)
      return fail(
        "NOT_IN_DEFAULT_PACK",
        "safe mode enables only plugins.default_pack, which does not list this plugin",
        at(locations.default_pack),
      );
    why = "safe mode: listed in plugins.default_pack";
  } else if (c.enabled_map !== null) {
    if (!c.enabled_map)
      return fail(
        "DISABLED_IN_CONFIG",
        `plugins.enabled["${id}"] is false`,
        at({ ...locations.enabled, pointer: `${locations.enabled.pointer}/${id}` }),
      );
    why = `plugins.enabled["${id}"] is true`;
  } else {
    if (plugin.manifest && !plugin.manifest.enabled_default)
      return fail(
        "DISABLED_BY_MANIFEST",
        `absent from plugins.enabled and the manifest says "enabled": false, so the registry skips it (plugins list would still say enabled)`,
        {
          locations: [{ file: plugin.manifest.path, pointer: "/enabled" }],
        },
      );
    why = "absent from plugins.enabled; the manifest default is enabled";
  }
  if (c.quarantined)
    return fail("QUARANTINED", `${id} is quarantined in plugins.quarantine (user.json)`, at(locations.quarantine));
  return pass(why);
}
