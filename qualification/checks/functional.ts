import type { PluginEvidence } from "../../contracts/evidence.ts";
import { ProbeEvidence, type ProbeRun } from "../../contracts/probe-spec.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { diffJson } from "../json/json-pointer.ts";
import { evaluateExpectation } from "../probe/evaluate-expectation.ts";
import { fail, infraError, pass } from "./verdicts.ts";

const HOSTING_TIMEOUT = /Plugin host request timed out/;

function comparable(run: ProbeRun): unknown {
  return { outcome: run.outcome, result: run.result, error_type: run.error_type, error: run.error };
}

/**
 * The probe spec must exist and be valid, the plugin must load, and every step must meet its expectations on
 * both runs with identical outputs. Hangs and dead services are infrastructure, never a pass and never a fail.
 */
export function judgeFunctional(plugin: PluginEvidence, loaded: Verdict): Verdict {
  const parsed = ProbeEvidence.safeParse(plugin.probe);
  if (!parsed.success) return infraError("RUNNER_FAILED", "no probe evidence was recorded for this plugin");
  const probe = parsed.data;
  const replay = { command: probe.replay };
  if (probe.spec_fault) return fail(probe.spec_fault.code, probe.spec_fault.detail, { locations: [{ file: probe.spec_fault.file, pointer: probe.spec_fault.pointer }], ...replay });
  if (loaded.status !== "pass") return fail("UPSTREAM_CHECK_FAILED", `not loaded (${loaded.reason}); the probe cannot run`, replay);
  if (probe.service && !probe.service.up)
    return infraError("DEPENDENCY_DOWN", `${probe.service.name} is down (${probe.service.detail}); this service_backed probe was not run`, replay);
  for (const step of probe.steps) {
    const label = `step ${step.id} (${step.capability}.${step.method}, ${step.source})`;
    for (const run of step.runs) {
      if (run.outcome === "timeout") {
        const hosting = HOSTING_TIMEOUT.test(run.error ?? "");
        return infraError(hosting ? "HOSTING_TIMEOUT" : "PROBE_TIMEOUT", `${label}: ${run.error ?? "timed out"}; a hang is an infrastructure failure, not an answer`, replay);
      }
      if (run.outcome === "runner_failed") return infraError("RUNNER_FAILED", `${label}: the probe runner failed: ${run.error ?? ""}`, replay);
      if (run.outcome === "load_failed") return fail("PLUGIN_LOAD_FAILED", `${label}: the platform's loader could not load the plugin: ${run.error ?? ""}`, { platform_error: run.error ?? null, ...replay });
      if (run.outcome === "error" && HOSTING_TIMEOUT.test(run.error ?? ""))
        return infraError("HOSTING_TIMEOUT", `${label}: ${run.error}`, { platform_error: run.error ?? null, ...replay });
    }
    const [first, second] = step.runs;
    if (!first) return infraError("RUNNER_FAILED", `${label}: no run recorded`, replay);
    const expectsError = step.expect.some((e) => e.kind === "error");
    if (first.outcome === "error" && !expectsError)
      return fail("PROBE_CRASHED", `${label} raised ${first.error_type}: ${first.error}\n${first.traceback ?? ""}`.trim(), { platform_error: `${first.error_type}: ${first.error}`, ...replay });
    for (const expectation of step.expect) {
      const failure = evaluateExpectation(expectation, first);
      if (failure) return fail("PROBE_FAILED", `${label}: ${failure.message}`, { expected: failure.expected, actual: failure.actual, ...replay });
    }
    if (second) {
      const diffs = diffJson(comparable(first), comparable(second));
      if (diffs.length > 0)
        return fail("NONDETERMINISTIC", `${label}: two identical calls gave different outputs at ${diffs.map((d) => d.pointer).join(", ")}`, {
          expected: diffs.map((d) => ({ pointer: d.pointer, value: d.left })),
          actual: diffs.map((d) => ({ pointer: d.pointer, value: d.right })),
          ...replay,
        });
    }
  }
  return pass(`${probe.steps.length} probe step(s) passed twice with identical outputs (spec ${probe.spec?.file} v${probe.spec?.spec_version})`, replay);
}
