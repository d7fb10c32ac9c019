import { describe, expect, test } from "vitest";
import type { PluginsConfig } from "../config/effective-config.ts";
import { listRuleEnabled } from "./list-enabled.ts";
import { pluginsConfig } from "./testing/plugins-config.ts";

const config = (over: Partial<PluginsConfig> = {}): PluginsConfig =>
  pluginsConfig({ allowlist: ["a", "b", "builtin.capture.basic"], defaultPack: ["a"], enabled: { b: false }, ...over });

describe("plugins list's enabled rule (`manager.py` `list_plugins`)", () => {
  test("absent from the enabled map means enabled, whatever the manifest or the deprecated-capture block say", () => {
    expect(listRuleEnabled(config(), "a")).toBe(true);
    expect(listRuleEnabled(config(), "builtin.capture.basic")).toBe(true);
  });

  test("the enabled map, the allowlist (only when non-empty), safe mode and quarantine decide", () => {
    expect(listRuleEnabled(config(), "b")).toBe(false);
    expect(listRuleEnabled(config(), "not.listed")).toBe(false);
    expect(listRuleEnabled(config({ allowlist: [] }), "not.listed")).toBe(true);
    expect(listRuleEnabled(config({ safeMode: true }), "a")).toBe(true);
    expect(listRuleEnabled(config({ safeMode: true, enabled: { c: true } }), "builtin.capture.basic")).toBe(false);
    expect(listRuleEnabled(config({ quarantine: ["a"] }), "a")).toBe(false);
  });
});
