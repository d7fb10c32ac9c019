import { describe, expect, test } from "vitest";
import type { ProbeEvidence } from "../../../../../contracts/probe-spec.ts";
import { copyExample, optionsFor, tempDir } from "../../../../../setup/testing/example-copy.ts";
import { loggingInterpreter } from "../../../../../setup/testing/logging-interpreter.ts";
import { addFixturePlugin, FIXTURE_CAPABILITY, writeSpec } from "../../../probe/testing/fixture-plugin.ts";
import { qualifyAll } from "../../../../session/qualify-all.ts";

/**
 * A whole probe through the adapter (qualifyAll on a copy of the example with one fixture plugin): what a run
 * of steps starts on the platform, what it records per step, and where it stops when a session is lost.
 */
const PLUGIN = "fixture.gather";
const step = (id: string, method: string, extra: Record<string, unknown> = {}) => ({
  id,
  capability: FIXTURE_CAPABILITY,
  method,
  input: {},
  expect: [{ kind: "matches_schema", schema: { type: "object" } }],
  timeout_ms: 20_000,
  ...extra,
});

async function probe(steps: unknown[]) {
  const copy = copyExample({ probes: true });
  addFixturePlugin(copy.root, {
    id: PLUGIN,
    prelude: "import os\nimport time\n",
    methods: [
      "    def token(self):",
      '        return {"token": "t-1"}',
      "",
      "    def use(self, token):",
      '        return {"got": token}',
      "",
      "    def second_run_hangs(self):",
      // Run 2 is answered by the second probe host, in a data dir of its own.
      '        if "qualify-probe2-" in os.environ["AUTOCAPTURE_DATA_DIR"]:',
      "            while True:",
      "                time.sleep(1)",
      '        return {"first": True}',
      "",
      "    def die(self):",
      "        os._exit(9)",
    ].join("\n"),
  });
  writeSpec(copy.probes, PLUGIN, { plugin_id: PLUGIN, spec_version: "1.0.0", tier: "non_service", steps });
  const python = await loggingInterpreter(tempDir("python"));
  const outcome = await qualifyAll(
    optionsFor(copy.root, { QUALIFY_PROBES: copy.probes, QUALIFY_OUT: copy.out, QUALIFY_PYTHON: python.python }),
    (id) => id === PLUGIN,
  );
  const evidence = outcome.evidence.plugins.find((p) => p.plugin_id === PLUGIN)?.probe as ProbeEvidence;
  return {
    evidence,
    functional: outcome.verdicts.get(PLUGIN)!.functional,
    starts: python.calls().filter((c) => c.includes("probe_runner.py") && !c.includes("--registrations")),
  };
}

const outcomes = (evidence: ProbeEvidence) => evidence.steps.map((s) => [s.id, s.runs.map((r) => r.outcome)]);

describe("gatherProbe: two probe hosts, steps in order", () => {
  test("three steps, twice each, start two hosts (the listing uses the first); inputs bind to run 1's results; each step records its one-shot command", async () => {
    const { evidence, functional, starts } = await probe([
      step("a", "token"),
      step("b", "use", { input_from: { token: { step: "a", pointer: "/token" } } }),
      step("c", "token"),
    ]);
    expect(functional.status, functional.detail).toBe("pass");
    expect(outcomes(evidence)).toEqual([
      ["a", ["ok", "ok"]],
      ["b", ["ok", "ok"]],
      ["c", ["ok", "ok"]],
    ]);
    expect(evidence.steps[1]?.runs[0]?.result).toEqual({ got: "t-1" });
    expect(starts).toHaveLength(2);
    for (const start of starts)
      expect(start).toMatch(
        /probe_runner\.py --serve --workdir \S+qualify-probe[12]-\w+\/work --load-timeout-ms 30000$/,
      );
    expect(evidence.steps[1]?.command).toMatch(
      new RegExp(
        `probe_runner\\.py --plugin ${PLUGIN} --capability ${FIXTURE_CAPABILITY} --method use <<< '\\{"token":"t-1"\\}'$`,
      ),
    );
  }, 120_000);

  test("run 2 hangs: that step is timeout, no later step runs, and the verdict is PROBE_TIMEOUT", async () => {
    const { evidence, functional } = await probe([
      step("a", "token"),
      step("hangs", "second_run_hangs", { timeout_ms: 1500 }),
      step("after", "token"),
    ]);
    expect(outcomes(evidence)).toEqual([
      ["a", ["ok", "ok"]],
      ["hangs", ["ok", "timeout"]],
    ]);
    expect(functional).toMatchObject({ status: "infra_error", reason: "PROBE_TIMEOUT" });
  }, 120_000);

  test("the plugin ends the process in run 1: crashed with its exit status, no later step runs, and the verdict is the plugin's PROBE_CRASHED", async () => {
    const { evidence, functional } = await probe([step("a", "token"), step("dies", "die"), step("after", "token")]);
    expect(outcomes(evidence)).toEqual([
      ["a", ["ok", "ok"]],
      ["dies", ["crashed"]],
    ]);
    expect(evidence.steps[1]?.runs[0]).toMatchObject({ exit_status: 9 });
    expect(functional).toMatchObject({ status: "fail", reason: "PROBE_CRASHED" });
  }, 120_000);
});
