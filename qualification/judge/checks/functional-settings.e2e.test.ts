import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { copyExample, optionsFor } from "../../../setup/testing/example-copy.ts";
import type { ProbeEvidence } from "../../../contracts/probe-spec.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import { addFixturePlugin, FIXTURE_CAPABILITY, writeSpec } from "../../gather/probe/testing/fixture-plugin.ts";

/**
 * A spec's `settings` are the plugin's settings while its steps run, laid where a user's own go
 * (`plugins.settings.<plugin_id>`) in memory only: the plugin sees them through the platform's own settings
 * layering, every other plugin is probed on the configured platform, and the config file is never written.
 */
const METHODS = ["    def greeting(self):", "        return self.context.config.get('greeting', 'hello')"].join("\n");
const step = (value: string) => ({
  id: "greets",
  capability: FIXTURE_CAPABILITY,
  method: "greeting",
  input: {},
  expect: [{ kind: "equals", value }],
  timeout_ms: 20_000,
});

describe("functional: a spec's settings", () => {
  test("the plugin runs with the spec's settings; a plugin whose spec has none keeps the configured ones", async () => {
    const copy = copyExample({ probes: true });
    const [withSettings, without] = ["fixture.settings.given", "fixture.settings.none"];
    for (const id of [withSettings, without]) addFixturePlugin(copy.root, { id, methods: METHODS });
    const config = readFileSync(join(copy.root, "config", "default.json"), "utf8");
    writeSpec(copy.probes, withSettings, {
      plugin_id: withSettings,
      spec_version: "1.0.0",
      tier: "non_service",
      settings: { greeting: "bonjour" },
      steps: [step("bonjour")],
    });
    writeSpec(copy.probes, without, {
      plugin_id: without,
      spec_version: "1.0.0",
      tier: "non_service",
      steps: [step("hello")],
    });
    const outcome = await qualifyAll(
      optionsFor(copy.root, { QUALIFY_PROBES: copy.probes, QUALIFY_OUT: copy.out }),
      (id) => id === withSettings || id === without,
    );
    for (const id of [withSettings, without]) {
      const functional = outcome.verdicts.get(id)!.functional;
      expect(functional.status, `${id}: ${functional.detail}`).toBe("pass");
    }
    const probe = outcome.evidence.plugins.find((p) => p.plugin_id === withSettings)?.probe as ProbeEvidence;
    // The step's one-shot command loads the platform with the same settings, so it reproduces the step alone.
    expect(probe.steps[0]?.command).toContain(`--settings '{"${withSettings}":{"greeting":"bonjour"}}'`);
    expect(readFileSync(join(copy.root, "config", "default.json"), "utf8")).toBe(config);
  });

  test("a spec whose settings the plugin does not honour fails on the step that shows it", async () => {
    const copy = copyExample({ probes: true });
    const id = "fixture.settings.ignored";
    addFixturePlugin(copy.root, { id, methods: ["    def greeting(self):", "        return 'hello'"].join("\n") });
    writeSpec(copy.probes, id, {
      plugin_id: id,
      spec_version: "1.0.0",
      tier: "non_service",
      settings: { greeting: "bonjour" },
      steps: [step("bonjour")],
    });
    const outcome = await qualifyAll(
      optionsFor(copy.root, { QUALIFY_PROBES: copy.probes, QUALIFY_OUT: copy.out }),
      (pluginId) => pluginId === id,
    );
    expect(outcome.verdicts.get(id)!.functional).toMatchObject({ status: "fail", reason: "PROBE_FAILED" });
    expect(outcome.verdicts.get(id)!.functional.detail).toContain(
      "step greets (fixture.answer.greeting, spec): result differs",
    );
  });
});
