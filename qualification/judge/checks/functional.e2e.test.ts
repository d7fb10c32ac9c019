import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, optionsFor } from "../../../setup/testing/example-copy.ts";
import type { ProbeEvidence } from "../../../contracts/probe-spec.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import {
  addFixturePlugin,
  editConfig,
  FIXTURE_CAPABILITY,
  writeSpec,
  type FixturePlugin,
} from "../../gather/probe/testing/fixture-plugin.ts";
import { deadLocalUrl } from "../../../fixtures/services/listen.ts";

/**
 * One outcome class per test, each driven through the real Python runner and the platform's own loader: a copy
 * of the example platform gets one tiny fixture plugin (allowlisted, locked) and one spec, and only that plugin
 * is qualified. Every other check passes, so `functional` alone carries the behaviour under test.
 */
const step = (id: string, method: string, input: unknown, expect: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  capability: FIXTURE_CAPABILITY,
  method,
  input,
  expect,
  timeout_ms: 20_000,
  ...extra,
});
const spec = (pluginId: string, steps: unknown[], extra: Record<string, unknown> = {}) => ({
  plugin_id: pluginId,
  spec_version: "1.0.0",
  tier: "non_service",
  steps,
  ...extra,
});

async function qualifyFixture(
  plugin: FixturePlugin,
  specBody: unknown,
  env: Record<string, string> = {},
  prepare: (root: string) => void = () => undefined,
) {
  const copy = copyExample({ probes: true });
  prepare(copy.root);
  addFixturePlugin(copy.root, plugin);
  writeSpec(copy.probes, plugin.id, specBody);
  const outcome = await qualifyAll(
    optionsFor(copy.root, { QUALIFY_PROBES: copy.probes, QUALIFY_OUT: copy.out, ...env }),
    (id) => id === plugin.id,
  );
  const verdicts = outcome.verdicts.get(plugin.id);
  if (!verdicts) throw new Error(`no verdicts for ${plugin.id}`);
  // The fixture is otherwise healthy: a functional verdict below is about the probe, not about loading.
  expect(verdicts.loaded.status, verdicts.loaded.detail).toBe("pass");
  expect(verdicts.capability_present.status, verdicts.capability_present.detail).toBe("pass");
  const probe = outcome.evidence.plugins.find((p) => p.plugin_id === plugin.id)?.probe as ProbeEvidence;
  return { root: copy.root, functional: verdicts.functional, probe };
}

const ADD = "    def add(self, a, b):\n";

describe("functional outcome classes through the real probe runner", () => {
  test("a correct plugin passes (the control for every case below)", async () => {
    const { functional } = await qualifyFixture(
      { id: "fixture.correct", methods: `${ADD}        return {"sum": a + b}` },
      spec("fixture.correct", [step("add", "add", { a: 2, b: 2 }, [{ kind: "equals", value: { sum: 4 } }])]),
    );
    expect(functional.status, functional.detail).toBe("pass");
  });

  test("wrong answer → fail PROBE_FAILED with expected and actual", async () => {
    const { functional } = await qualifyFixture(
      { id: "fixture.wrong", methods: `${ADD}        return {"sum": a + b + 1}` },
      spec("fixture.wrong", [
        step("add", "add", { a: 2, b: 2 }, [{ kind: "json_path_equals", pointer: "/sum", value: 4 }]),
      ]),
    );
    expect(functional).toMatchObject({ status: "fail", reason: "PROBE_FAILED", expected: 4, actual: 5 });
    expect(functional.detail).toContain("step add");
    expect(functional.command).toMatch(
      /probe_runner\.py .*--plugin fixture\.wrong --capability fixture\.answer --method add <<< '\{"a":2,"b":2\}'/,
    );
  });

  test("crash → fail PROBE_CRASHED with the exception type and a traceback excerpt", async () => {
    const { functional } = await qualifyFixture(
      {
        id: "fixture.crash",
        prelude: "def _ratio(a):\n    return a / 0\n",
        methods: `${ADD}        return {"sum": _ratio(a) + b}`,
      },
      spec("fixture.crash", [step("add", "add", { a: 2, b: 2 }, [{ kind: "equals", value: { sum: 4 } }])]),
    );
    expect(functional).toMatchObject({
      status: "fail",
      reason: "PROBE_CRASHED",
      platform_error: "ZeroDivisionError: division by zero",
    });
    expect(functional.detail).toContain("raised ZeroDivisionError");
    expect(functional.detail).toMatch(/Traceback[\s\S]*plugin\.py", line \d+, in _ratio/);
  });

  test("hang → infra_error PROBE_TIMEOUT within the step budget, and the runner's process tree is gone", async () => {
    const { root, functional, probe } = await qualifyFixture(
      // It also starts a grandchild, so "the tree is gone" is about more than the runner process itself.
      {
        id: "fixture.hang",
        prelude: "import subprocess\nimport time\n",
        methods: `${ADD}        subprocess.Popen(["sleep", "600"])\n        while True:\n            time.sleep(1)`,
      },
      spec("fixture.hang", [
        step("add", "add", { a: 2, b: 2 }, [{ kind: "equals", value: { sum: 4 } }], { timeout_ms: 1500 }),
        step("never_reached", "add", { a: 1, b: 1 }, [{ kind: "equals", value: { sum: 2 } }]),
      ]),
    );
    expect(functional).toMatchObject({ status: "infra_error", reason: "PROBE_TIMEOUT" });
    expect(functional.detail).toContain("no answer within 1500 ms");
    // One 1.5 s wait, not one per run or per step: a hang decides the verdict at once (counted in the evidence,
    // not timed, so a loaded machine cannot fail it): one run of the hanging step, and no later step started.
    expect(probe.steps.map((s) => [s.id, s.runs.map((r) => r.outcome)])).toEqual([["add", ["timeout"]]]);
    expect(processesRunningIn(root)).toEqual([]);
  });

  test("a revision that refuses network-capable plugins inproc: probed under its subprocess hosting, where a nested call hangs → infra_error HOSTING_TIMEOUT", async () => {
    // The current platform's permission check reads the configured hosting mode, so the runner's inproc override
    // loads network-capable plugins inproc. A revision whose check reads the effective mode refuses them; the
    // runner then hosts those in subprocesses (every other plugin inproc), where a nested lookup from inside a
    // call is never served and the platform's own RPC timeout (2 s in this copy) ends it.
    const { functional } = await qualifyFixture(
      {
        id: "fixture.nested",
        network: true,
        requiredCapabilities: ["storage.keyring"],
        methods: `${ADD}        purposes = self.context.get_capability("storage.keyring").purposes()\n        return {"sum": a + b, "purposes": len(purposes)}`,
      },
      spec("fixture.nested", [
        step("add", "add", { a: 2, b: 2 }, [{ kind: "json_path_equals", pointer: "/sum", value: 4 }]),
      ]),
      {},
      (root) => {
        editConfig(root, (config) => void (config.plugins.hosting.rpc_timeout_s = 2));
        const loader = join(root, "autocapture_nx/plugin_system/loader.py");
        const source = readFileSync(loader, "utf8");
        const check = 'if str(hosting.get("mode", "subprocess")).lower() != "subprocess" or';
        expect(source).toContain(check);
        writeFileSync(
          loader,
          source.replace(
            check,
            'if str(__import__("os").environ.get("AUTOCAPTURE_PLUGINS_HOSTING_MODE") or hosting.get("mode", "subprocess")).lower() != "subprocess" or',
          ),
        );
      },
    );
    expect(functional).toMatchObject({ status: "infra_error", reason: "HOSTING_TIMEOUT" });
    expect(functional.platform_error).toMatch(
      /^(Plugin host request timed out after 2\.00s \(plugin=fixture\.nested\)|capability call timed out after 2\.00s)$/,
    );
    expect(functional.detail).toContain("step add (fixture.answer.add, spec)");
  });

  test("nondeterministic output → fail NONDETERMINISTIC with the JSON pointer that differs", async () => {
    const { functional } = await qualifyFixture(
      {
        id: "fixture.random",
        prelude: "import uuid\n",
        methods: `${ADD}        return {"request_id": uuid.uuid4().hex, "sum": a + b}`,
      },
      spec("fixture.random", [
        step("add", "add", { a: 2, b: 2 }, [{ kind: "json_path_equals", pointer: "/sum", value: 4 }]),
      ]),
    );
    expect(functional).toMatchObject({ status: "fail", reason: "NONDETERMINISTIC" });
    expect(functional.detail).toContain("/result/request_id");
    expect(functional.expected).toEqual([
      { pointer: "/result/request_id", value: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
  });

  test("service-backed step with its service down → infra_error DEPENDENCY_DOWN naming the service; unflagged steps still ran", async () => {
    const down = await deadLocalUrl();
    const { functional } = await qualifyFixture(
      {
        id: "fixture.service",
        methods: `${ADD}        return {"sum": a + b}\n\n    def remote(self):\n        raise RuntimeError("would call the service")`,
      },
      spec(
        "fixture.service",
        [
          step("add", "add", { a: 2, b: 2 }, [{ kind: "equals", value: { sum: 4 } }]),
          step("remote", "remote", {}, [{ kind: "equals", value: "x" }], { requires_service: true }),
        ],
        {
          tier: "service_backed",
          requires_service: "service_8000",
        },
      ),
      { QUALIFY_SERVICE_8000_URL: down },
    );
    expect(functional).toMatchObject({ status: "infra_error", reason: "DEPENDENCY_DOWN" });
    expect(functional.detail).toMatch(
      /^service_8000 is down \(GET <service_8000>\/health failed: ECONNREFUSED\); step\(s\) remote need it and were not run; 1 other step\(s\) passed/,
    );
  });

  test("a dead service never hides a defect in a step that does not need it", async () => {
    const down = await deadLocalUrl();
    const { functional } = await qualifyFixture(
      {
        id: "fixture.service.wrong",
        methods: `${ADD}        return {"sum": a - b}\n\n    def remote(self):\n        return "x"`,
      },
      spec(
        "fixture.service.wrong",
        [
          step("remote", "remote", {}, [{ kind: "equals", value: "x" }], { requires_service: true }),
          step("add", "add", { a: 2, b: 2 }, [{ kind: "equals", value: { sum: 4 } }]),
        ],
        {
          tier: "service_backed",
          requires_service: "service_8000",
        },
      ),
      { QUALIFY_SERVICE_8000_URL: down },
    );
    expect(functional).toMatchObject({
      status: "fail",
      reason: "PROBE_FAILED",
      expected: { sum: 4 },
      actual: { sum: 0 },
    });
  });

  test("a tagged tuple input is passed as positional arguments (a method the platform calls as f(stage, payload))", async () => {
    const { functional } = await qualifyFixture(
      {
        id: "fixture.positional",
        methods:
          '    def run_stage(self, stage, payload, *rest):\n        return {"stage": stage, "n": payload["n"], "rest": len(rest)}',
      },
      spec("fixture.positional", [
        step("two_args", "run_stage", { $py: "tuple", items: ["ocr", { n: 3 }] }, [
          { kind: "equals", value: { stage: "ocr", n: 3, rest: 0 } },
        ]),
      ]),
    );
    expect(functional.status, functional.detail).toBe("pass");
  });

  test("invalid spec → fail SPEC_INVALID with the spec file and the JSON pointer", async () => {
    const { functional } = await qualifyFixture(
      { id: "fixture.badspec", methods: `${ADD}        return {"sum": a + b}` },
      spec("fixture.badspec", [step("add", "add", { a: 2, b: 2 }, [{ kind: "equal", value: { sum: 4 } }])]),
    );
    expect(functional).toMatchObject({
      status: "fail",
      reason: "SPEC_INVALID",
      locations: [{ file: "probes/fixture.badspec.json", pointer: "/steps/0/expect/0/kind" }],
    });
  });
});

/** PIDs of live processes whose working directory is inside `root` (the runner runs with cwd = target root). */
function processesRunningIn(root: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(root)) pids.push(Number(entry));
    } catch {
      // The process ended, or it is not ours to inspect.
    }
  }
  return pids;
}
