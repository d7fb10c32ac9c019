import { describe, expect, test } from "vitest";
import type { PluginsConfig } from "../config/effective-config.ts";
import { judgeEnabled } from "../../../../judge/checks/enabled.ts";
import { registryFacts, type ManifestView } from "./effective-enabled.ts";
import { registryEnablement } from "./enablement.ts";
import { AUTOCAPTURE_PLATFORM_FACTS } from "../platform-facts.ts";
import { pluginsConfig } from "./testing/plugins-config.ts";

const manifest = (over: Partial<ManifestView> = {}): ManifestView => ({
  kinds: ["x.cap"],
  provides: [],
  enabledDefault: true,
  dependsOn: [],
  requiredCapabilities: [],
  replaces: [],
  ...over,
});

const config = (over: Partial<PluginsConfig> = {}): PluginsConfig =>
  pluginsConfig({
    allowlist: ["a", "b", "builtin.capture.basic", "new", "core", "minimal.dep", "kind.only"],
    defaultPack: ["a"],
    ...over,
  });

const manifests = new Map<string, ManifestView>([
  ["a", manifest()],
  ["b", manifest({ enabledDefault: false })],
  ["builtin.capture.basic", manifest()],
  ["new", manifest({ replaces: ["old"] })],
  ["core", manifest({ kinds: ["ledger.writer"], provides: [" storage.metadata"], dependsOn: ["minimal.dep"] })],
  ["kind.only", manifest({ kinds: ["ledger.writer"] })],
  ["minimal.dep", manifest()],
  ["stray", manifest()],
]);

/** The adapter's facts, its rule's outcome recorded as a real run records it, fed to the check. */
const judge = (id: string, over: Partial<PluginsConfig> = {}, required: string[] = []) => {
  const facts = registryFacts(config(over), manifests, required)(id);
  const manifest = { enabled_default: manifests.get(id)?.enabledDefault ?? true, path: "p.json" };
  const plugin = {
    plugin_id: id,
    config: { allowlisted: facts.allowlisted, enablement: registryEnablement(id, facts, manifest) },
  };
  const verdict = judgeEnabled(plugin, AUTOCAPTURE_PLATFORM_FACTS.config_locations);
  return { enabled: verdict.status === "pass", reason: verdict.reason };
};

describe("registry effective-enabled rule (`registry.py` `load_plugins`)", () => {
  test("not allowlisted is never enabled", () => expect(judge("stray").reason).toBe("NOT_ALLOWLISTED"));
  test("deprecated capture IDs are blocked even when the enabled map says true", () =>
    expect(judge("builtin.capture.basic", { enabled: { "builtin.capture.basic": true } }).reason).toBe(
      "DEPRECATED_CAPTURE_BLOCK",
    ));
  test("safe mode: default_pack membership decides", () => {
    expect(judge("a", { safeMode: true }).enabled).toBe(true);
    expect(judge("core", { safeMode: true, enabled: { core: true } }).reason).toBe("NOT_IN_DEFAULT_PACK");
  });
  test("the enabled map wins over the manifest default", () => {
    expect(judge("a", { enabled: { a: false } }).reason).toBe("DISABLED_IN_CONFIG");
    expect(judge("b", { enabled: { b: true } }).enabled).toBe(true);
  });
  test("absent from the map, the manifest's enabled:false disables (plugins list disagrees)", () =>
    expect(judge("b").reason).toBe("DISABLED_BY_MANIFEST"));
  test("quarantine disables, but never a core provider", () => {
    expect(judge("a", { quarantine: ["a"] }).reason).toBe("QUARANTINED");
    expect(judge("core", { quarantine: ["core"] }).enabled).toBe(true);
    // Core means listed in `provides`: a core capability that is only an entrypoint kind does not exempt.
    expect(judge("kind.only", { quarantine: ["kind.only"] }).reason).toBe("QUARANTINED");
  });
  test("config naming a replaced ID applies to the replacing plugin", () => {
    expect(judge("new", { allowlist: ["old"], enabled: { old: false } }).reason).toBe("DISABLED_IN_CONFIG");
  });
  test("config IDs are stripped and empty ones dropped, in every list and map the registry normalises", () => {
    const over = {
      allowlist: [" a ", "", "\tb"],
      defaultPack: [" a"],
      enabled: { " b ": true, "": false },
      quarantine: [" b"],
    };
    expect(judge("a", over).enabled).toBe(true);
    expect(judge("b", over).reason).toBe("QUARANTINED");
    expect(judge("a", { ...over, safeMode: true }).enabled).toBe(true);
  });
  test("two plugins replacing one old ID: the first in manifest order owns it", () => {
    const ordered = new Map<string, ManifestView>([
      ["z.first", manifest({ replaces: [" old.id "] })],
      ["a.second", manifest({ replaces: ["old.id"] })],
    ]);
    const facts = registryFacts(config({ allowlist: ["old.id"] }), ordered, []);
    expect([facts("z.first").allowlisted, facts("a.second").allowlisted]).toEqual([true, false]);
  });
  test("safe-mode-minimal replaces the enabled set with the provider closure, ignoring enabled flags", () => {
    const over = { safeMode: true, safeModeMinimal: true, enabled: { core: false } };
    expect(judge("core", over, ["ledger.writer"]).enabled).toBe(true);
    expect(judge("minimal.dep", over, ["ledger.writer"]).enabled).toBe(true);
    expect(judge("a", over, ["ledger.writer"]).enabled).toBe(false);
  });
  test("safe-mode-minimal: an empty closure replaces nothing, so safe mode's default_pack rule stands", () => {
    const over = { safeMode: true, safeModeMinimal: true };
    expect(judge("a", over, ["no.such.capability"]).enabled).toBe(true);
    expect(judge("core", over, ["no.such.capability"]).reason).toBe("NOT_IN_DEFAULT_PACK");
    expect(judge("a", over, []).enabled).toBe(true);
  });
  test("safe-mode-minimal: the capability policy's preferred providers are all taken, else the first by ID", () => {
    const two = new Map<string, ManifestView>([
      ["p.one", manifest({ kinds: ["c.x"] })],
      ["p.two", manifest({ kinds: ["c.x"], dependsOn: [" old.dep "] })],
      ["p.three", manifest({ provides: [" c.x "] })],
      ["p.dep", manifest({ replaces: ["old.dep"] })],
    ]);
    const base = { allowlist: ["p.one", "p.two", "p.three", "p.dep"], safeMode: true, safeModeMinimal: true };
    const enabled = (over: Partial<PluginsConfig>, required: string[]) =>
      [...two.keys()].filter(
        (id) => registryFacts(config({ ...base, ...over }), two, required)(id).minimal_closure_member,
      );
    expect(enabled({}, [" c.x"])).toEqual(["p.one"]);
    expect(enabled({ preferredProviders: { "c.x": ["p.three", "p.two", "not.a.candidate"] } }, ["c.x"])).toEqual([
      "p.two",
      "p.three",
      "p.dep",
    ]);
    expect(enabled({ quarantine: ["p.one"] }, ["c.x"])).toEqual(["p.one"]);
  });
});
