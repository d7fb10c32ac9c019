import { describe, expect, test } from "vitest";
import { copyExample, optionsFor } from "../../../setup/testing/example-copy.ts";
import type { ProbeEvidence } from "../../../contracts/probe-spec.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import { addFixturePlugin, FIXTURE_CAPABILITY, writeSpec } from "../../gather/probe/testing/fixture-plugin.ts";

/**
 * A spec's `setup` builds the state its steps read (a corpus, in real specs), once per probe host of its own:
 * every step starts from the platform as the setup left it — memory and data dir — and no step sees another's
 * writes. Through the real runner and the platform's own loader.
 */
const PRELUDE =
  "import os\n\ndef _path(key):\n    return os.path.join(os.environ['AUTOCAPTURE_DATA_DIR'], 'fixture-' + key)\n";
const METHODS = [
  "    store = {}",
  "    def put(self, key, value):",
  "        Impl.store[key] = value",
  "        with open(_path(key), 'w') as handle:",
  "            handle.write(value)",
  "        return True",
  "    def get(self, key):",
  "        disk = open(_path(key)).read() if os.path.exists(_path(key)) else None",
  "        return {'memory': Impl.store.get(key), 'disk': disk}",
  "    def boom(self):",
  "        raise ValueError('no corpus here')",
].join("\n");
const call = (method: string, input: unknown, via?: "registry") => ({
  capability: FIXTURE_CAPABILITY,
  method,
  input,
  ...(via ? { via } : {}),
});
const step = (id: string, method: string, input: unknown, value: unknown) => ({
  id,
  capability: FIXTURE_CAPABILITY,
  method,
  input,
  expect: [{ kind: "equals", value }],
  timeout_ms: 20_000,
});

async function qualify(id: string, setup: unknown[], steps: unknown[]) {
  const copy = copyExample({ probes: true });
  addFixturePlugin(copy.root, { id, methods: METHODS, prelude: PRELUDE });
  writeSpec(copy.probes, id, { plugin_id: id, spec_version: "1.0.0", tier: "non_service", setup, steps });
  const outcome = await qualifyAll(
    optionsFor(copy.root, { QUALIFY_PROBES: copy.probes, QUALIFY_OUT: copy.out }),
    (pluginId) => pluginId === id,
  );
  const probe = outcome.evidence.plugins.find((p) => p.plugin_id === id)?.probe as ProbeEvidence;
  return { functional: outcome.verdicts.get(id)!.functional, probe };
}

describe("functional: a spec's setup", () => {
  test("every step starts from the state the setup left, in memory and on disk, and never from another step's writes", async () => {
    const { functional, probe } = await qualify(
      "fixture.setup.corpus",
      [call("put", { key: "a", value: "1" })],
      [
        step("reads_setup", "get", { key: "a" }, { memory: "1", disk: "1" }),
        step("writes_more", "put", { key: "b", value: "2" }, true),
        step("sees_no_step_writes", "get", { key: "b" }, { memory: null, disk: null }),
      ],
    );
    expect(functional.status, functional.detail).toBe("pass");
    expect(probe.setup).toEqual({ calls: 1, failed: null });
    // The step's one-shot command replays the setup before the call.
    expect(probe.steps[0]?.command).toContain("--setup");
  });

  test("a setup call of the plugin itself that raises fails PROBE_SETUP_FAILED, and no step runs", async () => {
    const { functional, probe } = await qualify(
      "fixture.setup.own",
      [call("boom", {})],
      [step("reads", "get", { key: "a" }, { memory: null, disk: null })],
    );
    expect(functional).toMatchObject({ status: "fail", reason: "PROBE_SETUP_FAILED" });
    expect(functional.detail).toContain("ValueError: no corpus here");
    expect(probe.steps).toEqual([]);
  });

  test("a setup call through the registry that finds no provider is infra_error, not this plugin's failure", async () => {
    const { functional } = await qualify(
      "fixture.setup.other",
      [{ capability: "no.such.capability", method: "put", input: {}, via: "registry" }],
      [step("reads", "get", { key: "a" }, { memory: null, disk: null })],
    );
    expect(functional).toMatchObject({ status: "infra_error", reason: "PROBE_SETUP_FAILED" });
    expect(functional.detail).toContain("not this plugin");
  });
});
