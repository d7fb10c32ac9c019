import { cpSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, editJson, tempDir, relockWithPlatformTool } from "../../../../setup/testing/example-copy.ts";
import { runCommand } from "../../../shared/process/run-command.ts";
import { gatherStatic } from "./gather-static.ts";
import { judgeHashOk } from "../../../judge/checks/hash-ok.ts";
import { judgeEnabled } from "../../../judge/checks/enabled.ts";
import { AUTOCAPTURE_PLATFORM_FACTS } from "./platform-facts.ts";

/**
 * Each fidelity fix, checked from both sides on one mutated copy of the example platform: the adapter's static
 * evidence and the example platform's own `plugins load-report` must tell the same story.
 */
const P = "builtin.state.jepa_like";
const P_DIR = "plugins/builtin/state_jepa_like";

interface LoadReport {
  readonly ok: boolean;
  readonly report: {
    loaded: string[];
    failed: string[];
    errors: Array<{ plugin_id: string; entrypoint: string; phase: string; error: string }>;
  };
}

async function both(root: string, env: Record<string, string> = {}, configDir = tempDir("cfg")) {
  const dataDir = tempDir("data");
  const run = await runCommand({
    file: "python3",
    args: ["-m", "autocapture_nx", "plugins", "load-report"],
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      PYTHONDONTWRITEBYTECODE: "1",
      AUTOCAPTURE_CONFIG_DIR: configDir,
      AUTOCAPTURE_DATA_DIR: dataDir,
      ...env,
    },
    timeoutMs: 120_000,
  });
  const ours = await gatherStatic(
    {
      root,
      configDir,
      dataDir,
      safeMode: false,
      platformEnv: env,
      requireLockSignature: false,
      keyringFile: null,
      signatureFile: null,
    },
    null,
  );
  const platform = run.exitCode === 0 ? (JSON.parse(run.stdout) as LoadReport) : null;
  return { ours, platform, stdout: run.stdout, exitCode: run.exitCode };
}
const errorsOf = (report: LoadReport | null, id: string) =>
  (report?.report.errors ?? []).filter((e) => e.plugin_id === id).map((e) => e.error);

describe("the adapter and the example platform agree", () => {
  test("path defaults are applied before validation: a schema requiring paths.* accepts the shipped config", async () => {
    const { root } = copyExample();
    editJson(root, "contracts/config_schema.json", (s) => {
      s.required = [...s.required, "paths"];
      s.properties.paths = {
        type: "object",
        additionalProperties: false,
        required: ["config_dir", "data_dir"],
        properties: { config_dir: { type: "string" }, data_dir: { type: "string" } },
      };
    });
    const { ours, platform } = await both(root);
    expect(ours.config.fault).toBeNull();
    expect(platform?.ok).toBe(true);
  });

  test("a config error is the platform's first SchemaLite error, verbatim", async () => {
    const { root } = copyExample();
    editJson(root, "config/default.json", (c) => (c.plugins.locks.signature = { enforce: false }));
    const { ours, stdout, exitCode } = await both(root);
    expect(exitCode).toBe(1);
    expect(stdout.trim()).toBe(`ERROR: ${ours.config.fault?.issues[0]?.message}`);
    expect(ours.config.fault?.issues[0]).toEqual({
      pointer: "/plugins/locks/signature",
      message: "$.plugins.locks: unexpected field signature",
    });
  });

  test("without the manifest schema every manifest fails, on both sides", async () => {
    const { root } = copyExample();
    rmSync(join(root, "contracts/plugin_manifest.schema.json"));
    const { ours, platform } = await both(root);
    expect(platform?.report.loaded).toEqual([]);
    expect(errorsOf(platform, P)).toEqual(["Missing plugin manifest schema"]);
    expect(
      [...ours.manifests.values()].every(
        (m) => m.fault?.code === "MANIFEST_SCHEMA" && m.fault.issues[0]?.message === "Missing plugin manifest schema",
      ),
    ).toBe(true);
  });

  test("compat: ==0.1 fails against kernel 0.1.0 with the same text", async () => {
    const { root } = copyExample();
    editJson(root, `${P_DIR}/plugin.json`, (m) => (m.compat.requires_kernel = "==0.1"));
    const { ours, platform } = await both(root);
    expect(errorsOf(platform, P)).toEqual([ours.manifests.get(P)?.fault?.issues[0]?.message]);
    expect(errorsOf(platform, P)).toEqual([`Plugin ${P} requires kernel ==0.1, have 0.1.0`]);
  });

  test("duplicate IDs: both use the last manifest in pathlib order (a-b after a/b)", async () => {
    const { root } = copyExample();
    for (const dir of ["plugins/builtin/dup/x", "plugins/builtin/dup-x"])
      cpSync(join(root, P_DIR), join(root, dir), { recursive: true });
    rmSync(join(root, P_DIR), { recursive: true });
    editJson(root, "plugins/builtin/dup-x/plugin.json", (m) => (m.version = "9.9.9"));
    const { ours, platform } = await both(root);
    expect(ours.manifests.get(P)?.path).toBe("plugins/builtin/dup-x/plugin.json");
    // The edited manifest no longer matches the lock entry: the platform's error names the manifest it used.
    const used = platform?.report.errors.find((e) => e.plugin_id === P);
    expect(used).toMatchObject({ error: `Plugin ${P} manifest hash mismatch` });
    expect(used?.entrypoint.endsWith("plugins/builtin/dup-x/plugin.json")).toBe(true);
  });

  test.each([
    [
      "empty entry fields are skipped / fall back to the top level",
      { kernel_api_version: "", contract_lock_hash: "" },
      null,
      "pass",
    ],
    [
      "an empty entry contract hash falls back to a wrong top-level one",
      { contract_lock_hash: "" },
      "0".repeat(64),
      "CONTRACT_LOCK_HASH_MISMATCH",
    ],
  ])("lock entries, %s", async (_name, entry, topLevel, expected) => {
    const { root } = copyExample();
    editJson(root, "config/plugin_locks.json", (l) => {
      Object.assign(l.plugins[P], entry);
      if (topLevel) l.contract_lock_hash = topLevel;
    });
    const { ours, platform } = await both(root);
    const base = await ours.pluginStatic(P);
    const verdict = judgeHashOk(base, ours.runSection);
    expect(verdict.status === "pass" ? "pass" : verdict.reason).toBe(expected);
    if (expected === "pass") expect(platform?.report.loaded).toContain(P);
    else expect(errorsOf(platform, P)).toEqual([`Plugin ${P} contract_lock_hash mismatch`]);
  });

  test.each([
    ["AUTOCAPTURE_QUERY_METADATA_ONLY= On  (trimmed, case-folded)", { AUTOCAPTURE_QUERY_METADATA_ONLY: " On " }, true],
    [
      "AUTOCAPTURE_QUERY_METADATA_ONLY=1 with AUTOCAPTURE_QUERY_MINIMAL_PLUGINS=off",
      { AUTOCAPTURE_QUERY_METADATA_ONLY: "1", AUTOCAPTURE_QUERY_MINIMAL_PLUGINS: "off" },
      false,
    ],
    [
      "AUTOCAPTURE_SAFE_MODE_MINIMAL=0 cannot switch a configured safe-mode-minimal off",
      { AUTOCAPTURE_SAFE_MODE_MINIMAL: "0" },
      true,
    ],
    ["AUTOCAPTURE_SAFE_MODE_MINIMAL=on is not one of 1/true/yes", { AUTOCAPTURE_SAFE_MODE_MINIMAL: "on" }, false],
  ])("env flags: %s", async (name, env: Record<string, string>, minimal) => {
    const { root } = copyExample();
    if (name.includes("SAFE_MODE_MINIMAL"))
      editJson(root, "config/default.json", (c) =>
        Object.assign(c.plugins, {
          safe_mode: true,
          safe_mode_minimal: !env.AUTOCAPTURE_SAFE_MODE_MINIMAL?.startsWith("on"),
        }),
      );
    const { ours, platform } = await both(root, env);
    const enabled: string[] = [];
    for (const id of ours.manifests.keys())
      if (judgeEnabled(await ours.pluginStatic(id), AUTOCAPTURE_PLATFORM_FACTS.config_locations).status === "pass")
        enabled.push(id);
    expect(ours.config.plugins.safeModeMinimal && ours.config.plugins.safeMode).toBe(minimal);
    expect([...(platform?.report.loaded ?? [])].sort()).toEqual(enabled.sort());
  });

  test.each([
    [
      "the safe-mode list empty: kernel.required_capabilities is used",
      (c: Record<string, any>) => (c.kernel.safe_mode_required_capabilities = []),
      null,
    ],
    [
      "a closure of nothing replaces nothing: default_pack stands",
      (c: Record<string, any>) => (c.kernel.safe_mode_required_capabilities = ["no.such.capability"]),
      null,
    ],
    // A second provider of state.vector_index that sorts first: the closure of state.retrieval takes it unless the
    // capability policy prefers the other one.
    [
      "two providers, no preference: the first by ID is taken",
      (c: Record<string, any>) => (c.kernel.safe_mode_required_capabilities = ["state.retrieval"]),
      true,
    ],
    [
      "two providers, the policy prefers the second: only it is taken",
      (c: Record<string, any>) => {
        c.kernel.safe_mode_required_capabilities = ["state.retrieval"];
        c.plugins.capabilities = {
          ...c.plugins.capabilities,
          "state.vector_index": { preferred: ["builtin.state.vector.linear"] },
        };
      },
      false,
    ],
  ])("safe-mode-minimal closure: %s", async (_name, edit, secondProviderTaken: boolean | null) => {
    const { root } = copyExample();
    if (secondProviderTaken !== null) {
      editJson(root, `${P_DIR}/plugin.json`, (m) => (m.provides = ["state.vector_index"]));
      await relockWithPlatformTool(root);
    }
    editJson(root, "config/default.json", (c) => {
      Object.assign(c.plugins, { safe_mode: true, safe_mode_minimal: true });
      edit(c);
    });
    const { ours, platform, stdout } = await both(root);
    const enabled: string[] = [];
    for (const id of ours.manifests.keys())
      if (judgeEnabled(await ours.pluginStatic(id), AUTOCAPTURE_PLATFORM_FACTS.config_locations).status === "pass")
        enabled.push(id);
    expect(enabled.length).toBeGreaterThan(0);
    if (secondProviderTaken !== null) expect(enabled.includes(P)).toBe(secondProviderTaken);
    expect([...(platform?.report.loaded ?? []), ...(platform?.report.failed ?? [])].sort(), stdout).toEqual(
      enabled.sort(),
    );
  });

  test("quarantine: `provides` makes a plugin core, an entrypoint kind alone does not (both sides)", async () => {
    const { root } = copyExample();
    const configDir = tempDir("cfg-quarantine");
    // builtin.ledger.basic has ledger.writer only as its kind; builtin.storage.sqlite gets storage.metadata in
    // provides.
    editJson(root, "plugins/builtin/storage_sqlite/plugin.json", (m) => (m.provides = ["storage.metadata"]));
    await relockWithPlatformTool(root);
    writeFileSync(
      join(configDir, "user.json"),
      JSON.stringify({
        plugins: {
          quarantine: { "builtin.ledger.basic": { reason: "test" }, "builtin.storage.sqlite": { reason: "test" } },
        },
      }),
    );
    const { ours, platform, stdout } = await both(root, {}, configDir);
    expect(
      judgeEnabled(await ours.pluginStatic("builtin.ledger.basic"), AUTOCAPTURE_PLATFORM_FACTS.config_locations).reason,
    ).toBe("QUARANTINED");
    expect(
      judgeEnabled(await ours.pluginStatic("builtin.storage.sqlite"), AUTOCAPTURE_PLATFORM_FACTS.config_locations)
        .status,
    ).toBe("pass");
    expect(platform?.report.loaded, stdout).toContain("builtin.storage.sqlite");
    expect(platform?.report.loaded).not.toContain("builtin.ledger.basic");
  });
});
