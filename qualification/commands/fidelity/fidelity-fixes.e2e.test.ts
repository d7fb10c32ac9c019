import { describe, expect, test } from "vitest";
import {
  copyExample,
  editJson,
  optionsFor,
  tempDir,
  relockWithPlatformTool,
} from "../../../setup/testing/example-copy.ts";
import { QualificationSession } from "../../session/qualification-session.ts";

/**
 * Each deviation `qualify fidelity` found, pinned on the example: the suite's verdict now equals what the
 * platform's own code says on the same copy.
 */
async function judged(root: string, pluginId: string) {
  await relockWithPlatformTool(root);
  const session = await QualificationSession.open(
    optionsFor(root, { QUALIFY_OUT: tempDir("out"), QUALIFY_PROBES: tempDir("no-probes") }),
  );
  try {
    return {
      unresolved: session.plan.plugins.filter((p) => !p.resolved).map((p) => p.plugin_id),
      v: await session.verdicts(pluginId),
    };
  } finally {
    await session.close();
  }
}

describe("deviations found by qualify fidelity, fixed", () => {
  test("a manifest whose compat.requires_kernel the kernel does not meet: the config enables it; the platform's refusal is loaded's, verbatim", async () => {
    const { root } = copyExample();
    editJson(root, "plugins/builtin/journal_basic/plugin.json", (m) => (m.compat.requires_kernel = ">=99.0.0"));
    const { v } = await judged(root, "builtin.journal.basic");
    expect(v.enabled).toMatchObject({ status: "pass" });
    expect(v.hash_ok).toMatchObject({ status: "pass" });
    expect(v.loaded).toMatchObject({
      status: "fail",
      reason: "LOAD_FAILED",
      platform_error: "Plugin builtin.journal.basic requires kernel >=99.0.0, have 0.1.0",
    });
  }, 60_000);

  test("a manifest the schema rejects (parsed, plugin_id readable): enabled by the config, loaded fails with the platform's first SchemaLite error", async () => {
    const { root } = copyExample();
    editJson(root, "plugins/builtin/journal_basic/plugin.json", (m) => (m.version = 1));
    const { v } = await judged(root, "builtin.journal.basic");
    expect(v.enabled).toMatchObject({ status: "pass" });
    expect(v.loaded).toMatchObject({ status: "fail", reason: "LOAD_FAILED" });
    expect(v.loaded.platform_error).toMatch(/^\$\.version/);
  }, 60_000);

  test("a config that names a plugin by an old ID its manifest `replaces`: resolved to that plugin, no unresolved reference", async () => {
    const { root } = copyExample();
    editJson(root, "plugins/builtin/retrieval_basic/plugin.json", (m) => (m.replaces = ["legacy.retrieval"]));
    editJson(root, "config/default.json", (c) => {
      c.plugins.allowlist = c.plugins.allowlist.map((id: string) =>
        id === "builtin.retrieval.basic" ? "legacy.retrieval" : id,
      );
    });
    const { unresolved, v } = await judged(root, "builtin.retrieval.basic");
    expect(unresolved).not.toContain("legacy.retrieval");
    expect(v.allowlisted).toMatchObject({ status: "pass" });
  }, 60_000);
});
