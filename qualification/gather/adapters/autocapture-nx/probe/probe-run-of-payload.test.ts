import { describe, expect, test } from "vitest";
import { probeRunOfAnswer, probeRunOfPayload } from "./probe-run-of-payload.ts";

/** Every payload the runner writes and every way the host can fail to answer, mapped to one outcome each. */
describe("probeRunOfPayload / probeRunOfAnswer", () => {
  test.each([
    [
      { ok: true, result: { a: 1 } },
      { outcome: "ok", result: { a: 1 } },
    ],
    [
      { ok: false, error_type: "ValueError", error: "bad", traceback: "Traceback…" },
      { outcome: "error", error_type: "ValueError", error: "bad", traceback: "Traceback…" },
    ],
    [
      { ok: false, error_type: "ProbeTimeout", error: "no answer", stack: "File x" },
      { outcome: "timeout", error_type: "ProbeTimeout", error: "no answer", stack: "File x" },
    ],
    [
      { ok: false, error_type: "ProbeProcessExited", error: "ended", exit_status: 7 },
      { outcome: "crashed", error_type: "ProbeProcessExited", error: "ended", exit_status: 7 },
    ],
    [
      { ok: false, error_type: "PluginLoadError", phase: "dependency", error: "depends on failed plugin x" },
      {
        outcome: "load_failed",
        error_type: "PluginLoadError",
        phase: "dependency",
        error: "depends on failed plugin x",
      },
    ],
    [
      { ok: false, error_type: "PlatformLoadError", phase: "global", error: "PluginError: Missing plugin lockfile" },
      {
        outcome: "load_failed",
        error_type: "PlatformLoadError",
        phase: "global",
        error: "PluginError: Missing plugin lockfile",
      },
    ],
    [
      { ok: false, error_type: "SpecInputError", error: "tagged 'bytes'" },
      { outcome: "spec_input", error_type: "SpecInputError", error: "tagged 'bytes'" },
    ],
    [
      { ok: false, error_type: "RunnerApiError", piece: "load_config", error: "load_config: missing" },
      { outcome: "runner_failed", fault: "RUNNER_API", error_type: "RunnerApiError", error: "load_config: missing" },
    ],
    [
      { ok: false, error_type: "EnvironmentError", error: "ModuleNotFoundError: jsonschema" },
      {
        outcome: "runner_failed",
        fault: "ENVIRONMENT_ERROR",
        error_type: "EnvironmentError",
        error: "ModuleNotFoundError: jsonschema",
      },
    ],
    [
      { ok: false, error_type: "RunnerError", error: "KeyError: x" },
      { outcome: "runner_failed", fault: "RUNNER_CRASHED", error_type: "RunnerError", error: "KeyError: x" },
    ],
  ])("%j", (payload, run) => {
    expect(probeRunOfPayload(payload)).toEqual(run);
  });

  test("what a plugin printed travels with its outcome", () => {
    expect(probeRunOfPayload({ ok: true, result: 1, printed: { bytes: 3, head: "hi\n" } })).toEqual({
      outcome: "ok",
      result: 1,
      printed: { bytes: 3, head: "hi" },
    });
  });

  test.each([
    ["timeout", "timeout", undefined],
    ["spawn_failed", "runner_failed", "INTERPRETER_UNUSABLE"],
    ["host_invalid", "runner_failed", "RUNNER_OUTPUT_INVALID"],
    ["host_exited", "runner_failed", "RUNNER_CRASHED"],
  ] as const)("a host that did not answer (%s) is %s %s", (reason, outcome, fault) => {
    const run = probeRunOfAnswer({ kind: "no_answer", reason, detail: "why" });
    expect(run.outcome).toBe(outcome);
    expect(run.fault).toBe(fault);
  });
});
