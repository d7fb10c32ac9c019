import { describe, expect, test } from "vitest";
import { copyExample, EXAMPLE_PLATFORM, optionsFor, tempDir } from "../../../setup/testing/example-copy.ts";
import {
  addFixturePlugin,
  disallowPlugin,
  FIXTURE_CAPABILITY,
  writeSpec,
  type FixturePlugin,
} from "../../gather/probe/testing/fixture-plugin.ts";
import { qualifyAll } from "../../session/qualify-all.ts";

/**
 * capability_present and the `required_capabilities` run check against the real platform: `plugins list`,
 * `plugins load-report` and the runner's batch `capabilities()` listing on copies of the example platform.
 */
const ADD = '    def add(self, a, b):\n        return {"sum": a + b}';
const SPEC = (id: string) => ({
  plugin_id: id,
  spec_version: "1.0.0",
  tier: "non_service",
  steps: [
    {
      id: "add",
      capability: FIXTURE_CAPABILITY,
      method: "add",
      input: { a: 1, b: 1 },
      expect: [{ kind: "equals", value: { sum: 2 } }],
      timeout_ms: 20_000,
    },
  ],
});

async function qualifyOne(plugin: FixturePlugin) {
  const copy = copyExample({ probes: true });
  addFixturePlugin(copy.root, plugin);
  writeSpec(copy.probes, plugin.id, SPEC(plugin.id));
  const outcome = await qualifyAll(
    optionsFor(copy.root, { QUALIFY_PROBES: copy.probes, QUALIFY_OUT: copy.out }),
    (id) => id === plugin.id,
  );
  const verdicts = outcome.verdicts.get(plugin.id)!;
  expect(verdicts.loaded.status, verdicts.loaded.detail).toBe("pass");
  return { verdicts, outcome };
}

describe("capability_present through the platform", () => {
  test("a declared kind whose capabilities() object is None is missing at runtime, even though the platform registered the name", async () => {
    const { verdicts, outcome } = await qualifyOne({
      id: "fixture.none",
      methods: ADD,
      capabilities: `{"${FIXTURE_CAPABILITY}": None}`,
    });
    // The platform itself is satisfied: the name is registered (no silent pass may rest on that alone).
    expect(outcome.evidence.load_report?.capabilities).toContain(FIXTURE_CAPABILITY);
    expect(verdicts.capability_present).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      expected: [FIXTURE_CAPABILITY],
      actual: [],
    });
    expect(verdicts.capability_present.detail).toContain(
      `no usable object (absent, None, or without a public method) for: ${FIXTURE_CAPABILITY}`,
    );
  });

  test("a declared kind that capabilities() leaves out is missing at runtime: the platform reuses an object only for `provides` names", async () => {
    const { verdicts, outcome } = await qualifyOne({
      id: "fixture.omits",
      methods: ADD,
      capabilities: `{"fixture.other": self._impl}`,
    });
    // Hosted in a subprocess, the plugin is registered under its manifest's names without being asked (the
    // platform's lazy hosts, as on the real one): only its own capabilities() tells the name is empty.
    expect(outcome.evidence.load_report?.capabilities).toContain(FIXTURE_CAPABILITY);
    expect(verdicts.capability_present).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      expected: [FIXTURE_CAPABILITY],
    });
  });

  test("a subprocess-hosted plugin whose `provides` leaves out its entrypoint kind: the registry registers only the provides names from it (found by qualify fidelity on the real platform)", async () => {
    const { verdicts, outcome } = await qualifyOne({
      id: "fixture.provides_only",
      methods: ADD,
      provides: ["fixture.extra"],
      capabilities: `{"${FIXTURE_CAPABILITY}": self._impl, "fixture.extra": self._impl}`,
    });
    // Another plugin may register the kind; this one does not: its lazy host registers what `provides` names.
    const evidence = outcome.evidence.plugins.find((p) => p.plugin_id === "fixture.provides_only")!;
    expect(evidence.registered_capabilities).toEqual(["fixture.extra"]);
    expect(verdicts.capability_present).toMatchObject({ status: "fail", reason: "CAPABILITY_MISSING" });
    expect(verdicts.capability_present.detail).toContain(FIXTURE_CAPABILITY);
  });

  test("a healthy fixture passes, and the pass says plugins list agreed with the manifest", async () => {
    const { verdicts } = await qualifyOne({ id: "fixture.healthy", methods: ADD });
    expect(verdicts.capability_present).toMatchObject({
      status: "pass",
      detail: `all declared capabilities present: ${FIXTURE_CAPABILITY}; plugins list agrees`,
    });
  });
});

describe("run › required_capabilities", () => {
  test("a required kernel capability with no loaded provider fails the run and names the plugins that could provide it; kernel-provided names are never flagged", async () => {
    const copy = copyExample();
    disallowPlugin(copy.root, "builtin.journal.basic");
    const outcome = await qualifyAll(optionsFor(copy.root, { QUALIFY_OUT: copy.out }), () => false);
    const verdict = outcome.runVerdicts.required_capabilities;
    expect(verdict).toMatchObject({ status: "fail", reason: "CAPABILITY_MISSING", expected: ["journal.writer"] });
    expect(verdict.detail).toBe("no loaded provider for: journal.writer (could be provided by: builtin.journal.basic)");
    // event.builder, runtime.governor and runtime.scheduler are in kernel.required_capabilities with no plugin behind
    // them.
    expect(outcome.evidence.config.required_capabilities).toEqual(
      expect.arrayContaining(["event.builder", "runtime.governor", "runtime.scheduler"]),
    );
  });

  test("the pristine example has a provider for every required capability (kernel- and registry-provided names recognised)", async () => {
    const outcome = await qualifyAll(optionsFor(EXAMPLE_PLATFORM, { QUALIFY_OUT: tempDir("out") }), () => false);
    expect(outcome.runVerdicts.required_capabilities.status, outcome.runVerdicts.required_capabilities.detail).toBe(
      "pass",
    );
  });
});
