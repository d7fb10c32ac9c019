import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, editJson, optionsFor } from "../../../setup/testing/example-copy.ts";
import type { ProbeEvidence } from "../../../contracts/probe-spec.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import {
  addFixturePlugin,
  FIXTURE_CAPABILITY,
  writeSpec,
  type FixturePlugin,
} from "../../gather/probe/testing/fixture-plugin.ts";

/**
 * What the environment lacks and what the config leaves off, through the real runner and the platform's own
 * loader: an unmet `requires_environment` is the environment's infra_error, never a pass; an undeclared missing
 * module is named; a plugin the config does not enable stays failed, with its spec's outcome beside it.
 */
const ADD = '    def add(self, a, b):\n        return {"sum": a + b}\n';
const addStep = (expected: number) => ({
  id: "add",
  capability: FIXTURE_CAPABILITY,
  method: "add",
  input: { a: 2, b: 2 },
  expect: [{ kind: "equals", value: { sum: expected } }],
  timeout_ms: 20_000,
});
const spec = (pluginId: string, steps: unknown[], extra: Record<string, unknown> = {}) => ({
  plugin_id: pluginId,
  spec_version: "1.0.0",
  tier: "non_service",
  steps,
  ...extra,
});

async function qualify(plugin: FixturePlugin, specBody: unknown, after: (root: string) => void = () => undefined) {
  const copy = copyExample({ probes: true });
  addFixturePlugin(copy.root, plugin);
  after(copy.root);
  writeSpec(copy.probes, plugin.id, specBody);
  const configBefore = readFileSync(join(copy.root, "config/default.json"), "utf8");
  const outcome = await qualifyAll(
    optionsFor(copy.root, { QUALIFY_PROBES: copy.probes, QUALIFY_OUT: copy.out }),
    (id) => id === plugin.id,
  );
  // Enabling for probing happens in memory: the target's config is never written.
  expect(readFileSync(join(copy.root, "config/default.json"), "utf8")).toBe(configBefore);
  const verdicts = outcome.verdicts.get(plugin.id);
  if (!verdicts) throw new Error(`no verdicts for ${plugin.id}`);
  const probe = outcome.evidence.plugins.find((p) => p.plugin_id === plugin.id)?.probe as ProbeEvidence;
  return { verdicts, probe };
}

describe("functional: environment requirements and plugins the config leaves off", () => {
  test("an unmet requires_environment is infra_error ENVIRONMENT_UNSUPPORTED naming each lack; no step runs", async () => {
    const { verdicts, probe } = await qualify(
      { id: "fixture.env.windows", methods: ADD },
      spec("fixture.env.windows", [addStep(4)], {
        requires_environment: {
          platform: ["win32"],
          python_modules: ["json", "surely_absent_module_q"],
          programs: ["sh", "surely-absent-program-q"],
          paths: ["config/default.json", "models/absent-weights"],
          writes_target: true,
        },
      }),
    );
    expect(verdicts.functional).toMatchObject({ status: "infra_error", reason: "ENVIRONMENT_UNSUPPORTED" });
    expect(verdicts.functional.detail).toContain("needs sys.platform win32; this interpreter runs on linux");
    expect(verdicts.functional.detail).toContain("needs the Python module surely_absent_module_q");
    expect(verdicts.functional.detail).not.toContain("module json");
    expect(verdicts.functional.detail).toContain("qualification never writes the target");
    expect(verdicts.functional.detail).toContain("needs the program surely-absent-program-q");
    expect(verdicts.functional.detail).not.toContain("program sh,");
    expect(verdicts.functional.detail).toContain("needs models/absent-weights");
    expect(verdicts.functional.detail).not.toContain("config/default.json");
    expect(probe.steps).toEqual([]);
    expect(verdicts.functional.remediation?.code).toBe("FIX_PLATFORM_ENVIRONMENT");
  });

  test("a met requires_environment runs the steps as usual (the control)", async () => {
    const { verdicts, probe } = await qualify(
      { id: "fixture.env.met", methods: ADD },
      spec("fixture.env.met", [addStep(4)], {
        requires_environment: { platform: ["linux", "win32"], python_modules: ["json"] },
      }),
    );
    expect(verdicts.functional.status, verdicts.functional.detail).toBe("pass");
    expect(probe.environment).toEqual({
      required: { platform: ["linux", "win32"], python_modules: ["json"] },
      unmet: [],
    });
  });

  test("a step that needs a module this environment lacks fails MODULE_MISSING, naming the module", async () => {
    const { verdicts } = await qualify(
      {
        id: "fixture.env.module",
        methods: "    def add(self, a, b):\n        import surely_absent_module_r\n        return {}\n",
      },
      spec("fixture.env.module", [addStep(4)]),
    );
    expect(verdicts.functional).toMatchObject({ status: "fail", reason: "MODULE_MISSING" });
    expect(verdicts.functional.detail).toContain("the Python module surely_absent_module_r");
  });

  test("a plugin disabled in config stays failed by enabled; its spec's outcome on a platform enabling it is informational", async () => {
    const disable = (id: string) => (root: string) =>
      editJson(root, "config/default.json", (config) => void (config.plugins.enabled[id] = false));
    const good = await qualify(
      { id: "fixture.off.good", methods: ADD },
      spec("fixture.off.good", [addStep(4)]),
      disable("fixture.off.good"),
    );
    expect(good.verdicts.enabled).toMatchObject({ status: "fail", reason: "DISABLED_IN_CONFIG" });
    expect(good.verdicts.functional).toMatchObject({ status: "fail", reason: "UPSTREAM_CHECK_FAILED" });
    expect(good.verdicts.functional.detail).toMatch(
      /Informational, with the plugin enabled in memory for probing: its spec passes: 1 probe step/,
    );
    expect(good.probe.enabled_for_probing).toBe(true);
    expect(good.probe.steps[0]?.command).toContain("--enable fixture.off.good");

    const wrong = await qualify(
      { id: "fixture.off.wrong", methods: ADD },
      spec("fixture.off.wrong", [addStep(5)]),
      disable("fixture.off.wrong"),
    );
    expect(wrong.verdicts.functional).toMatchObject({ status: "fail", reason: "UPSTREAM_CHECK_FAILED" });
    expect(wrong.verdicts.functional.detail).toMatch(/its spec does not pass \[fail PROBE_FAILED\]: step add/);
  });
});
