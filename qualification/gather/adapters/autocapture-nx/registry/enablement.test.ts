import { describe, expect, test } from "vitest";
import type { RegistryFacts } from "./effective-enabled.ts";
import { registryEnablement } from "./enablement.ts";

/** The recorded outcome's words and locations; which code the rule reaches is effective-enabled.test.ts's. */
const facts = (over: Partial<RegistryFacts> = {}): RegistryFacts => ({
  allowlisted: true,
  in_default_pack: false,
  enabled_map: null,
  quarantined: false,
  deprecated_capture: false,
  safe_mode: false,
  minimal_closure_member: null,
  ...over,
});
const MANIFEST = { path: "plugins/p/plugin.json", enabled_default: true };
const decide = (over: Partial<RegistryFacts>, manifest = MANIFEST) =>
  registryEnablement("p.one", facts(over), manifest);

describe("registryEnablement: the registry's decision as the evidence records it", () => {
  test("enabled: what decided, no code, no location", () => {
    expect(decide({ enabled_map: true })).toEqual({
      enabled: true,
      code: null,
      detail: 'plugins.enabled["p.one"] is true',
      locations: [],
    });
    expect(decide({}).detail).toBe("absent from plugins.enabled; the manifest default is enabled");
    expect(decide({ safe_mode: true, in_default_pack: true }).detail).toBe("safe mode: listed in plugins.default_pack");
  });
  test("not enabled: the setting to change, down to the plugin's own entry", () => {
    expect(decide({ enabled_map: false }).locations).toEqual([
      { file: "config/default.json", pointer: "/plugins/enabled/p.one" },
    ]);
    expect(decide({}, { ...MANIFEST, enabled_default: false }).locations).toEqual([
      { file: "plugins/p/plugin.json", pointer: "/enabled" },
    ]);
    expect(decide({ safe_mode: true }).locations).toEqual([
      { file: "config/default.json", pointer: "/plugins/default_pack" },
    ]);
    expect(decide({ quarantined: true }).locations).toEqual([
      { file: "config/default.json", pointer: "/plugins/quarantine" },
    ]);
    expect(decide({ minimal_closure_member: false })).toMatchObject({
      code: "NOT_IN_DEFAULT_PACK",
      locations: [{ file: "config/default.json", pointer: "/kernel/safe_mode_required_capabilities" }],
    });
  });
  test("the deprecated-capture block names no setting: none changes it", () =>
    expect(decide({ deprecated_capture: true, enabled_map: true })).toEqual({
      enabled: false,
      code: "DEPRECATED_CAPTURE_BLOCK",
      detail: "p.one is a deprecated capture plugin; the registry hard-disables it whatever the config says",
      locations: [],
    }));
  test("a safe-mode-minimal closure member is enabled even when quarantined", () =>
    expect(decide({ minimal_closure_member: true, quarantined: true }).enabled).toBe(true));
});
