import type { ConfigLocation, Enablement, ManifestFacts } from "../../../../../contracts/evidence.ts";
import type { NOT_ENABLED_REASONS } from "../../../../../contracts/reason-codes.ts";
import { AUTOCAPTURE_CONFIG_LOCATIONS as AT } from "../platform-facts.ts";
import type { RegistryFacts } from "./effective-enabled.ts";

const enabled = (detail: string): Enablement => ({ enabled: true, code: null, detail, locations: [] });
const notEnabled = (
  code: (typeof NOT_ENABLED_REASONS)[number],
  detail: string,
  locations: ConfigLocation[] = [],
): Enablement => ({ enabled: false, code, detail, locations });

/**
 * The registry's rule (`registry.py` `load_plugins`, its `is_enabled`), not `plugins list`'s, for an allowlisted
 * plugin (the evidence records the allowlist on its own, and the `enabled` check reads it first): is_enabled AND
 * NOT quarantined, where is_enabled = safe-mode-minimal closure → deprecated-capture block → safe mode/default_pack
 * → enabled map → manifest `enabled`. A safe-mode-minimal closure member is enabled whatever else the config says.
 */
export function registryEnablement(
  id: string,
  facts: RegistryFacts,
  manifest: Pick<ManifestFacts, "path" | "enabled_default"> | null,
): Enablement {
  if (facts.minimal_closure_member !== null)
    return facts.minimal_closure_member
      ? enabled("safe-mode-minimal: in the provider closure of kernel.safe_mode_required_capabilities")
      : notEnabled(
          "NOT_IN_DEFAULT_PACK",
          "safe-mode-minimal replaces the enabled set with the provider closure of kernel.safe_mode_required_capabilities, which does not include this plugin",
          [AT.safe_mode_required_capabilities],
        );
  if (facts.deprecated_capture)
    return notEnabled(
      "DEPRECATED_CAPTURE_BLOCK",
      `${id} is a deprecated capture plugin; the registry hard-disables it whatever the config says`,
    );
  let why: string;
  if (facts.safe_mode) {
    if (!facts.in_default_pack)
      return notEnabled(
        "NOT_IN_DEFAULT_PACK",
        "safe mode enables only plugins.default_pack, which does not list this plugin",
        [AT.default_pack],
      );
    why = "safe mode: listed in plugins.default_pack";
  } else if (facts.enabled_map !== null) {
    if (!facts.enabled_map)
      return notEnabled("DISABLED_IN_CONFIG", `plugins.enabled["${id}"] is false`, [
        { ...AT.enabled, pointer: `${AT.enabled.pointer}/${id}` },
      ]);
    why = `plugins.enabled["${id}"] is true`;
  } else {
    if (manifest && !manifest.enabled_default)
      return notEnabled(
        "DISABLED_BY_MANIFEST",
        `absent from plugins.enabled and the manifest says "enabled": false, so the registry skips it (plugins list would still say enabled)`,
        [{ file: manifest.path, pointer: "/enabled" }],
      );
    why = "absent from plugins.enabled; the manifest default is enabled";
  }
  if (facts.quarantined)
    return notEnabled("QUARANTINED", `${id} is quarantined in plugins.quarantine (user.json)`, [AT.quarantine]);
  return enabled(why);
}
