import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../../../setup/testing/example-copy.ts";
import { loadEffectiveConfig, type ConfigInputs } from "./effective-config.ts";

/** A root holding just what load_config reads: config/default.json and, optionally, the config schema. */
function target(
  defaults: Record<string, unknown> | string,
  schema?: Record<string, unknown>,
  user?: Record<string, unknown>,
): Omit<ConfigInputs, "env" | "safeMode"> {
  const root = tempDir("config-root");
  const configDir = tempDir("config-dir");
  mkdirSync(join(root, "config"));
  mkdirSync(join(root, "contracts"));
  writeFileSync(
    join(root, "config/default.json"),
    typeof defaults === "string" ? defaults : JSON.stringify(defaults, null, 2),
  );
  if (schema) writeFileSync(join(root, "contracts/config_schema.json"), JSON.stringify(schema));
  if (user) writeFileSync(join(configDir, "user.json"), JSON.stringify(user));
  return { root, configDir, dataDir: "/data/dir" };
}
const load = (t: Omit<ConfigInputs, "env" | "safeMode">, env: Record<string, string> = {}, safeMode = false) =>
  loadEffectiveConfig({ ...t, env, safeMode });

const pathsSchema = {
  type: "object",
  required: ["paths", "storage"],
  properties: {
    paths: {
      type: "object",
      additionalProperties: false,
      required: ["config_dir", "data_dir"],
      properties: { config_dir: { type: "string" }, data_dir: { type: "string" } },
    },
    storage: { type: "object", required: ["data_dir"], properties: { data_dir: { type: "string" } } },
    runtime: { type: "object", properties: { timeout_s: { type: "integer" } } },
  },
};

describe("load_config order: the path defaults come before validation", () => {
  test("a default.json without paths/storage.data_dir is valid, as on every real checkout", () => {
    expect(load(target({ plugins: {}, storage: {} }, pathsSchema)).fault).toBeNull();
  });

  test("what the path defaults cannot fix is still reported, at the parent path with the member's pointer", () => {
    const fault = load(target({ plugins: {}, paths: { extra: 1 } }, pathsSchema)).fault;
    expect(fault?.code).toBe("CONFIG_INVALID");
    expect(fault?.issues).toEqual([{ pointer: "/paths/extra", message: "$.paths: unexpected field extra" }]);
  });

  test("a float where the schema wants an integer is invalid, as Python's json sees 30.0", () => {
    const fault = load(target('{"plugins": {}, "runtime": {"timeout_s": 30.0}}', pathsSchema)).fault;
    expect(fault?.issues.map((i) => i.message)).toEqual(["$.runtime.timeout_s: expected integer, got float"]);
    expect(load(target('{"plugins": {}, "runtime": {"timeout_s": 30}}', pathsSchema)).fault).toBeNull();
  });

  test("the capture preset and (in safe mode) kernel.safe_mode_overrides apply before the plugins facts are read", () => {
    const defaults = {
      capture: { mode_preset: "quiet", presets: { quiet: { plugins: { default_pack: ["p.quiet"] } } } },
      kernel: { safe_mode_overrides: { plugins: { allowlist: ["p.safe"] } } },
      plugins: { allowlist: ["p.a"], default_pack: [] },
    };
    expect(load(target(defaults)).plugins).toMatchObject({
      allowlist: ["p.a"],
      defaultPack: ["p.quiet"],
      safeMode: false,
    });
    expect(load(target(defaults), {}, true).plugins).toMatchObject({
      allowlist: ["p.safe"],
      defaultPack: ["p.quiet"],
      safeMode: true,
    });
  });
});

describe("schema_version for the compat check", () => {
  test("top-level first (where the registry reads it), then kernel.schema_version, then 1", () => {
    expect(load(target({ schema_version: 2, kernel: { schema_version: 3 } })).schemaVersion).toBe(2);
    expect(load(target({ kernel: { schema_version: 3 } })).schemaVersion).toBe(3);
    expect(load(target({ plugins: {} })).schemaVersion).toBe(1);
  });
});

describe("environment flags, read as the platform reads them", () => {
  const t = () =>
    target({ plugins: { safe_mode_minimal: true }, kernel: { safe_mode_required_capabilities: ["storage.keyring"] } });
  test("AUTOCAPTURE_QUERY_METADATA_ONLY uses _env_flag: trimmed, case-folded, on/off accepted", () => {
    const on = load(t(), { AUTOCAPTURE_QUERY_METADATA_ONLY: " On " });
    expect(on.plugins).toMatchObject({ safeMode: true, safeModeMinimal: true });
    expect(on.safeModeRequiredCapabilities).toContain("citation.validator");
    expect(load(t(), { AUTOCAPTURE_QUERY_METADATA_ONLY: "maybe" }).plugins.safeMode).toBe(false);
  });

  test("AUTOCAPTURE_QUERY_MINIMAL_PLUGINS=off skips the whole profile", () => {
    const off = load(t(), { AUTOCAPTURE_QUERY_METADATA_ONLY: "1", AUTOCAPTURE_QUERY_MINIMAL_PLUGINS: "off" });
    expect(off.plugins.safeMode).toBe(false);
    expect(off.safeModeRequiredCapabilities).toEqual(["storage.keyring"]);
  });

  test("AUTOCAPTURE_SAFE_MODE_MINIMAL can only switch the mode on", () => {
    expect(load(t(), { AUTOCAPTURE_SAFE_MODE_MINIMAL: "0" }).plugins.safeModeMinimal).toBe(true);
    const off = target({ plugins: { safe_mode_minimal: false } });
    expect(load(off, { AUTOCAPTURE_SAFE_MODE_MINIMAL: "on" }).plugins.safeModeMinimal).toBe(false);
    expect(load(off, { AUTOCAPTURE_SAFE_MODE_MINIMAL: "YES" }).plugins.safeModeMinimal).toBe(true);
  });
});
