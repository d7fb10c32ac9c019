import { describe, expect, test } from "vitest";
import type { ProbeEvidence, ProbeRun } from "../../../contracts/probe-spec.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { judgeFunctional } from "./functional.ts";

/** The judge is pure: these cases pin the rules on hand-made evidence; the e2e tests drive the real runner. */
type Step = ProbeEvidence["steps"][number];
const LOADED: Verdict = { status: "pass", reason: null, detail: "loaded" };
const ok = (result: unknown): ProbeRun => ({ outcome: "ok", result });
const step = (id: string, runs: ProbeRun[], extra: Partial<Step> = {}): Step => ({
  id,
  source: "spec",
  capability: "cap.x",
  method: "m",
  via: "plugin",
  requires_service: false,
  input: {},
  expect: [{ kind: "equals", value: 1 }],
  command: `python3 probe_runner.py --plugin p --method ${id}`,
  not_run: null,
  runs,
  ...extra,
});
const evidence = (steps: Step[], service: ProbeEvidence["service"] = null): { probe: ProbeEvidence } => ({
  probe: {
    spec: {
      file: "probes/p.json",
      sha256: "0".repeat(64),
      spec_version: "1.0.0",
      tier: service ? "service_backed" : "non_service",
      requires_service: service?.name ?? null,
    },
    spec_fault: null,
    service,
    steps,
    replay: "QUALIFY_TARGET=/t pnpm test:qualify -t p",
  },
});
const DOWN = { name: "service_8000", up: false, detail: "GET http://127.0.0.1:8000/health failed: ECONNREFUSED" };
const skipped = (id: string): Step =>
  step(id, [], { requires_service: true, not_run: { reason: "service_down", detail: "service_8000 is down" } });

describe("judgeFunctional: service-gated steps", () => {
  test("gated steps skipped while the service is down, everything else passed → infra_error DEPENDENCY_DOWN naming the service", () => {
    const verdict = judgeFunctional(evidence([step("local", [ok(1), ok(1)]), skipped("remote")], DOWN), LOADED);
    expect(verdict).toMatchObject({ status: "infra_error", reason: "DEPENDENCY_DOWN" });
    expect(verdict.detail).toMatch(
      /^service_8000 is down \(GET .*ECONNREFUSED\); step\(s\) remote need it and were not run; 1 other step\(s\) passed/,
    );
  });

  test("a failing ungated step is a fail even while the service is down, wherever it sits", () => {
    const verdict = judgeFunctional(evidence([skipped("remote"), step("local", [ok(2), ok(2)])], DOWN), LOADED);
    expect(verdict).toMatchObject({
      status: "fail",
      reason: "PROBE_FAILED",
      expected: 1,
      actual: 2,
      command: "python3 probe_runner.py --plugin p --method local",
    });
  });

  test("with the service up every step is judged and a full pass is a pass", () => {
    const up = { ...DOWN, up: true, detail: "GET http://127.0.0.1:8000/health → 200" };
    expect(
      judgeFunctional(
        evidence([step("local", [ok(1), ok(1)]), step("remote", [ok(1), ok(1)], { requires_service: true })], up),
        LOADED,
      ),
    ).toMatchObject({ status: "pass" });
  });
});

describe("judgeFunctional: path steps", () => {
  test("a registry step whose capability has no provider fails CAPABILITY_MISSING, not PROBE_CRASHED", () => {
    const missing: ProbeRun = {
      outcome: "error",
      error_type: "PluginError",
      error: "Missing capability: retrieval.strategy",
      traceback: "…",
    };
    const verdict = judgeFunctional(
      evidence([
        step("path.retrieve", [missing, missing], {
          via: "registry",
          capability: "retrieval.strategy",
          method: "search",
        }),
      ]),
      LOADED,
    );
    expect(verdict).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      platform_error: "PluginError: Missing capability: retrieval.strategy",
    });
  });

  test("the same error from the plugin's own object is a crash: only a registry lookup means 'no provider'", () => {
    const raised: ProbeRun = {
      outcome: "error",
      error_type: "PluginError",
      error: "Missing capability: retrieval.strategy",
    };
    expect(judgeFunctional(evidence([step("own", [raised, raised])]), LOADED)).toMatchObject({
      reason: "PROBE_CRASHED",
    });
  });

  test("an unbound input after a passing source step is PROBE_FAILED with the binding problem", () => {
    const unbound = step("answer", [], {
      not_run: { reason: "input_unbound", detail: 'input_from.hits: step retrieve\'s result has no value at "/hitz"' },
    });
    const verdict = judgeFunctional(evidence([step("retrieve", [ok(1), ok(1)]), unbound]), LOADED);
    expect(verdict).toMatchObject({ status: "fail", reason: "PROBE_FAILED" });
    expect(verdict.detail).toContain('no value at "/hitz"');
  });
});

describe("judgeFunctional: run outcomes", () => {
  test("a timeout is infra_error PROBE_TIMEOUT; the platform's host timeout is HOSTING_TIMEOUT", () => {
    expect(
      judgeFunctional(evidence([step("a", [{ outcome: "timeout", error: "no answer within 1500 ms" }])]), LOADED),
    ).toMatchObject({ status: "infra_error", reason: "PROBE_TIMEOUT" });
    const host: ProbeRun = {
      outcome: "error",
      error_type: "PluginError",
      error: "Plugin host request timed out after 10.00s (plugin=p)",
    };
    expect(judgeFunctional(evidence([step("a", [host])]), LOADED)).toMatchObject({
      status: "infra_error",
      reason: "HOSTING_TIMEOUT",
    });
  });

  test("different outputs of the two runs → NONDETERMINISTIC with the pointers", () => {
    const verdict = judgeFunctional(
      evidence([
        step("a", [ok({ v: 1, id: "x" }), ok({ v: 1, id: "y" })], {
          expect: [{ kind: "json_path_equals", pointer: "/v", value: 1 }],
        }),
      ]),
      LOADED,
    );
    expect(verdict).toMatchObject({
      status: "fail",
      reason: "NONDETERMINISTIC",
      expected: [{ pointer: "/result/id", value: "x" }],
      actual: [{ pointer: "/result/id", value: "y" }],
    });
  });

  test("pointers a step declares varying are left out of the two-run comparison, and nothing else is", () => {
    const a = ok({ v: 1, stamp: { ts: "t1", seq: 1 }, id: "x" });
    const b = ok({ v: 1, stamp: { ts: "t2", seq: 2 }, id: "x" });
    const expectV = [{ kind: "json_path_equals" as const, pointer: "/v", value: 1 }];
    expect(judgeFunctional(evidence([step("a", [a, b], { expect: expectV, varies: ["/stamp"] })]), LOADED).status).toBe(
      "pass",
    );
    const partly = judgeFunctional(evidence([step("a", [a, b], { expect: expectV, varies: ["/stamp/ts"] })]), LOADED);
    expect(partly).toMatchObject({
      status: "fail",
      reason: "NONDETERMINISTIC",
      expected: [{ pointer: "/result/stamp/seq", value: 1 }],
    });
    // A prefix of a key is not the key: /st does not cover /stamp.
    expect(judgeFunctional(evidence([step("a", [a, b], { expect: expectV, varies: ["/st"] })]), LOADED).reason).toBe(
      "NONDETERMINISTIC",
    );
  });

  test("an expected raise passes; steps are judged in order and the first bad one decides", () => {
    const raised: ProbeRun = { outcome: "error", error_type: "ValueError", error: "bad" };
    const verdict = judgeFunctional(
      evidence([
        step("a", [raised, raised], { expect: [{ kind: "error", error_type: "ValueError" }] }),
        step("b", [ok(3), ok(3)]),
        step("c", [{ outcome: "timeout" }]),
      ]),
      LOADED,
    );
    expect(verdict).toMatchObject({ status: "fail", reason: "PROBE_FAILED", expected: 1, actual: 3 });
  });

  test("a spec fault carries the file and pointer; a plugin that did not load is UPSTREAM_CHECK_FAILED", () => {
    const fault = {
      probe: {
        ...evidence([]).probe,
        spec: null,
        spec_fault: { code: "SPEC_INVALID" as const, detail: "bad", file: "probes/p.json", pointer: "/steps/0" },
      },
    };
    expect(judgeFunctional(fault, LOADED)).toMatchObject({
      reason: "SPEC_INVALID",
      locations: [{ file: "probes/p.json", pointer: "/steps/0" }],
    });
    expect(judgeFunctional(evidence([]), { status: "fail", reason: "LOAD_FAILED", detail: "x" })).toMatchObject({
      reason: "UPSTREAM_CHECK_FAILED",
    });
  });
});

describe("judgeFunctional: whose fault an outcome is", () => {
  const judge = (run: ProbeRun, loaded: Verdict = LOADED) => judgeFunctional(evidence([step("s", [run])]), loaded);

  test("a hang is infra_error PROBE_TIMEOUT, and the verdict carries the stack where it hung", () => {
    const verdict = judge({
      outcome: "timeout",
      error_type: "ProbeTimeout",
      error: "no answer within 1500 ms",
      stack: 'File "plugin.py", line 9 in hang',
    });
    expect(verdict).toMatchObject({ status: "infra_error", reason: "PROBE_TIMEOUT" });
    expect(verdict.detail).toContain('File "plugin.py", line 9 in hang');
  });

  test("a plugin that ends the process during its call is the plugin's failure: PROBE_CRASHED with the exit status and what it printed", () => {
    const verdict = judge({
      outcome: "crashed",
      error_type: "ProbeProcessExited",
      error: "ended",
      exit_status: 7,
      printed: { bytes: 5, head: "boom\n" },
    });
    expect(verdict).toMatchObject({ status: "fail", reason: "PROBE_CRASHED" });
    expect(verdict.detail).toMatch(/exit status 7.*printed 5 byte\(s\) to stdout: "boom\\n"/);
  });

  test.each([
    ["RUNNER_API", "default_config_paths: not found"],
    ["RUNNER_CRASHED", "Traceback"],
    ["RUNNER_OUTPUT_INVALID", "not JSON"],
    ["INTERPRETER_UNUSABLE", "could not start"],
    ["ENVIRONMENT_ERROR", "No module named jsonschema"],
  ] as const)("the suite's own fault %s is infra_error with that code, never the plugin's", (fault, error) => {
    expect(judge({ outcome: "runner_failed", fault, error_type: "X", error })).toMatchObject({
      status: "infra_error",
      reason: fault,
    });
  });

  test("a load the probe runner could not make, of a plugin the platform's own load-report loaded, is infra_error PROBE_LOAD_DIVERGED", () => {
    expect(
      judge({
        outcome: "load_failed",
        error_type: "PluginLoadError",
        phase: "load",
        error: "inproc_not_allowlisted:p",
      }),
    ).toMatchObject({
      status: "infra_error",
      reason: "PROBE_LOAD_DIVERGED",
      platform_error: "inproc_not_allowlisted:p",
    });
  });

  test("a tagged input that does not decode is the spec's fault: SPEC_INVALID", () => {
    expect(
      judge({ outcome: "spec_input", error_type: "SpecInputError", error: "tagged 'datetime': bad" }),
    ).toMatchObject({ status: "fail", reason: "SPEC_INVALID" });
  });

  test("an upstream infra_error is inherited as infra_error (UPSTREAM_INFRA_ERROR); an upstream fail as fail", () => {
    const infra: Verdict = { status: "infra_error", reason: "CLI_TIMEOUT", detail: "load-report hung" };
    expect(judge({ outcome: "ok", result: 1 }, infra)).toMatchObject({
      status: "infra_error",
      reason: "UPSTREAM_INFRA_ERROR",
    });
    expect(judge({ outcome: "ok", result: 1 }, { status: "fail", reason: "LOAD_FAILED", detail: "x" })).toMatchObject({
      status: "fail",
      reason: "UPSTREAM_CHECK_FAILED",
    });
  });

  test("what a plugin printed is part of the output compared between the two runs", () => {
    const first: ProbeRun = { outcome: "ok", result: 1, printed: { bytes: 2, head: "a\n" } };
    const second: ProbeRun = { outcome: "ok", result: 1, printed: { bytes: 2, head: "b\n" } };
    expect(judgeFunctional(evidence([step("s", [first, second])]), LOADED)).toMatchObject({
      status: "fail",
      reason: "NONDETERMINISTIC",
    });
  });
});
