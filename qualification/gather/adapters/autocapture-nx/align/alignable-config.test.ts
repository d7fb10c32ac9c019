import { describe, expect, test } from "vitest";
import { checkAlignableConfig } from "./alignable-config.ts";
import { platformLimitations } from "./platform-limitations.ts";

describe("checkAlignableConfig", () => {
  test("accepts the three aligned keys with the platform's types, or absent", () => {
    expect(checkAlignableConfig({ plugins: {} })).toBeNull();
    expect(checkAlignableConfig({ plugins: { allowlist: ["a"], default_pack: [], enabled: { a: true } } })).toBeNull();
  });

  test.each([
    [{ plugins: 3 }, "config/default.json: /plugins must be an object"],
    [
      { plugins: { default_pack: [1] } },
      "config/default.json: /plugins/default_pack must be an array of plugin ID strings",
    ],
    [
      { plugins: { enabled: { a: 1 } } },
      "config/default.json: /plugins/enabled must be an object of {plugin_id: boolean}",
    ],
  ])("refuses %j as CONFIG_INVALID of config/default.json", (config, detail) => {
    expect(checkAlignableConfig(config)).toEqual({ code: "CONFIG_INVALID", detail, file: "config/default.json" });
  });
});

describe("platformLimitations", () => {
  test("safe-mode-minimal (with safe mode) and kept quarantined plugins, sorted; others quarantined are not noted", () => {
    const limitations = platformLimitations(
      { safeMode: true, safeModeMinimal: true, quarantine: ["c.kept", "x.dropped", "a.kept"] },
      ["a.kept", "c.kept"],
    );
    expect(limitations.map((l) => `${l.code} ${l.plugin_id}`)).toEqual([
      "SAFE_MODE_MINIMAL null",
      "QUARANTINED a.kept",
      "QUARANTINED c.kept",
    ]);
    expect(platformLimitations({ safeMode: false, safeModeMinimal: true, quarantine: [] }, [])).toEqual([]);
  });
});
