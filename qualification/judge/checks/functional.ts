import type { PluginEvidence } from "../../../contracts/evidence.ts";
import { ProbeEvidence, type ProbeRun } from "../../../contracts/probe-spec.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { diffJson } from "../../shared/json/json-pointer.ts";
import { evaluateExpectation } from "../../gather/probe/evaluate-expectation.ts";
import { upstreamVerdict } from "./upstream.ts";
import { culpritBehindPlatformLoad } from "./load-culprit.ts";
import { fail, infraError, pass } from "./verdicts.ts";

type Step = ProbeEvidence["steps"][number];

/** The platform's subprocess-hosting hang, from the parent's side or the hosted child's nested call. */
const HOSTING_TIMEOUT = /Plugin host request timed out|capability call timed out/;
/**
 * The registry's words when a `via: registry` step names a capability no loaded plugin provides (`registry.py`: `No
 * providers available for capability …`, `Missing capability: …`).
 */
const NO_PROVIDER = /^Missing capability: (\S+)/;
/** Python's words for an import that found no module. */
const MISSING_MODULE = /^ModuleNotFoundError: No module named '([^']+)'/;

function comparable(run: ProbeRun): unknown {
  return {
    outcome: run.outcome,
    result: run.result,
    error_type: run.error_type,
    error: run.error,
    printed: run.printed,
  };
}

/**
 * The probe spec must exist and be valid, the plugin must load, and every step must meet its expectations on
 * both runs with identical outputs. Steps are judged in order and the first bad one decides. Hangs are
 * infrastructure, never a pass and never a fail. Steps flagged `requires_service` whose service is down are
 * skipped, not judged: if everything else passed the verdict is infra_error DEPENDENCY_DOWN (never a pass on
 * a partial probe), but a failure in a step that needs no service is still a fail.
 */
export function judgeFunctional(
  plugin: Pick<PluginEvidence, "probe"> & Partial<Pick<PluginEvidence, "plugin_id" | "isolated_load">>,
  loaded: Verdict,
): Verdict {
  const parsed = ProbeEvidence.safeParse(plugin.probe);
  if (!parsed.success) return infraError("RUNNER_FAILED", "no probe evidence was recorded for this plugin");
  const probe = parsed.data;
  const replay = { command: probe.replay };
  if (probe.spec_fault)
    return fail(probe.spec_fault.code, probe.spec_fault.detail, {
      locations: [{ file: probe.spec_fault.file, pointer: probe.spec_fault.pointer }],
      ...replay,
    });
  const upstream = upstreamVerdict(loaded, "loaded", "the probe cannot run", replay);
  if (upstream) return probe.enabled_for_probing ? withInformational(upstream, judgeSteps(probe, replay)) : upstream;
  const culprit = culpritBehindPlatformLoad(plugin, replay);
  if (culprit) return culprit;
  return judgeSteps(probe, replay);
}

/**
 * A plugin the config does not enable stays failed through `enabled`; what its spec gave on a platform loaded
 * with it enabled in memory is said beside that, so the team knows whether enabling it would work.
 */
function withInformational(upstream: Verdict, probed: Verdict): Verdict {
  const outcome =
    probed.status === "pass"
      ? `its spec passes: ${probed.detail}`
      : `its spec does not pass [${probed.status} ${probed.reason}]: ${probed.detail}`;
  return {
    ...upstream,
    detail: `${upstream.detail}. Informational, with the plugin enabled in memory for probing: ${outcome}`,
  };
}

/** The steps' verdict: the environment, then each step in order (the first bad one decides), then services. */
function judgeSteps(probe: ProbeEvidence, replay: { command: string }): Verdict {
  const spec = `spec ${probe.spec?.file} v${probe.spec?.spec_version} sha256:${probe.spec?.sha256}`;
  if (probe.environment && probe.environment.unmet.length > 0)
    return infraError(
      "ENVIRONMENT_UNSUPPORTED",
      `this environment lacks what the plugin's job needs (the spec's requires_environment): ${probe.environment.unmet.join("; ")}; its steps were not run (${spec})`,
      replay,
    );
  const failedSetup = probe.setup?.failed;
  if (failedSetup) {
    // The spec's corpus could not be built: the plugin's fault only when its own call refused.
    const what = `the spec's setup call ${failedSetup.index + 1} of ${probe.setup?.calls} (${failedSetup.via} ${failedSetup.capability}.${failedSetup.method}, run ${failedSetup.run}) raised ${failedSetup.error_type}: ${failedSetup.error}; no step was run (${spec})`;
    const verdict = failedSetup.via === "plugin" ? fail : infraError;
    return verdict(
      "PROBE_SETUP_FAILED",
      failedSetup.via === "plugin" ? what : `${what}: another provider or the host failed, not this plugin`,
      replay,
    );
  }
  const forProbing = probe.enabled_for_probing === true;
  const serviceSkipped: string[] = [];
  for (const step of probe.steps) {
    if (step.not_run?.reason === "service_down") {
      serviceSkipped.push(step.id);
      continue;
    }
    const verdict = judgeStep(step, forProbing);
    if (verdict) return verdict;
  }
  const judged = probe.steps.length - serviceSkipped.length;
  // The catalog is versioned: every verdict that ran steps names the spec it ran, down to its digest.
  if (serviceSkipped.length > 0)
    return infraError(
      "DEPENDENCY_DOWN",
      `${probe.service?.name ?? "the service"} is down (${probe.service?.detail ?? "no health recorded"}); step(s) ${serviceSkipped.join(", ")} need it and were not run; ${judged} other step(s) passed (${spec})`,
      replay,
    );
  return pass(`${judged} probe step(s) passed twice with identical outputs (${spec})`, replay);
}

/**
 * The verdict an outcome other than an answer forces, or null. Whose fault is decided here: a hang is
 * infrastructure (with the stack where it hung); a process that ended without answering during the plugin's
 * call is the plugin's (it ended the interpreter); the runner's own faults and a load that diverges from the
 * platform's own load-report are the suite's, each with its code.
 */
function judgeRunOutcome(label: string, run: ProbeRun, at: { command: string }, forProbing: boolean): Verdict | null {
  const printed = run.printed
    ? `; it printed ${run.printed.bytes} byte(s) to stdout: ${JSON.stringify(run.printed.head.slice(0, 300))}`
    : "";
  switch (run.outcome) {
    case "timeout": {
      const hosting = HOSTING_TIMEOUT.test(run.error ?? "");
      const stack = run.stack ? `\nwhere it was when the limit came:\n${run.stack}` : "";
      return infraError(
        hosting ? "HOSTING_TIMEOUT" : "PROBE_TIMEOUT",
        `${label}: ${run.error ?? "timed out"}; a hang is an infrastructure failure, not an answer${stack}`,
        at,
      );
    }
    case "crashed":
      return fail(
        "PROBE_CRASHED",
        `${label}: the plugin's call ended the process without answering (exit status ${run.exit_status})${printed}`,
        { platform_error: run.error ?? null, ...at },
      );
    case "runner_failed":
      return infraError(
        run.fault ?? "RUNNER_CRASHED",
        `${label}: the suite's probe runner could not ask the platform (${run.fault ?? "RUNNER_CRASHED"}): ${run.error ?? ""}`,
        at,
      );
    case "load_failed":
      // Enabled for probing, nobody else's load-report said it loads: the platform's refusal is the answer.
      if (forProbing)
        return fail(
          "PLUGIN_LOAD_FAILED",
          `${label}: the platform does not load it even when enabled [${run.phase}]: ${run.error ?? ""}`,
          { platform_error: run.error ?? null, ...at },
        );
      return infraError(
        "PROBE_LOAD_DIVERGED",
        `${label}: the platform's own load-report loaded the plugin, but the probe runner's inproc load of it did not [${run.phase}]: ${run.error ?? ""}`,
        { platform_error: run.error ?? null, ...at },
      );
    case "spec_input":
      return fail("SPEC_INVALID", `${label}: the step's input does not decode: ${run.error ?? ""}`, at);
    case "error":
      return HOSTING_TIMEOUT.test(run.error ?? "")
        ? infraError("HOSTING_TIMEOUT", `${label}: ${run.error}`, { platform_error: run.error ?? null, ...at })
        : null;
    case "ok":
      return null;
  }
}

/** The verdict a step forces, or null when it passed. */
function judgeStep(step: Step, forProbing: boolean): Verdict | null {
  const label = `step ${step.id} (${step.via === "registry" ? "registry " : ""}${step.capability}.${step.method}, ${step.source})`;
  const at = { command: step.command };
  if (step.not_run)
    return fail("PROBE_FAILED", `${label}: not run: ${step.not_run.detail}`, {
      expected: "a value for every input_from field",
      actual: step.not_run.detail,
      ...at,
    });
  for (const run of step.runs) {
    const verdict = judgeRunOutcome(label, run, at, forProbing);
    if (verdict) return verdict;
  }
  const [first, second] = step.runs;
  if (!first) return infraError("RUNNER_FAILED", `${label}: no run recorded`, at);
  const expectsError = step.expect.some((e) => e.kind === "error");
  if (first.outcome === "error" && !expectsError) {
    const missing = step.via === "registry" ? NO_PROVIDER.exec(first.error ?? "") : null;
    // A path probe whose capability has no provider is a failed path, not an empty answer and not a crash.
    const module = MISSING_MODULE.exec(`${first.error_type}: ${first.error ?? ""}`);
    if (module)
      return fail(
        "MODULE_MISSING",
        `${label}: the plugin needs the Python module ${module[1]}, which this environment lacks (${first.error_type}: ${first.error}); if that is an environment requirement, declare it in the spec's requires_environment.python_modules`,
        { platform_error: `${first.error_type}: ${first.error}`, ...at },
      );
    if (missing)
      return fail(
        "CAPABILITY_MISSING",
        `${label}: the platform has no loaded provider for ${missing[1]}, so this path cannot produce an answer`,
        { platform_error: `${first.error_type}: ${first.error}`, ...at },
      );
    return fail(
      "PROBE_CRASHED",
      `${label} raised ${first.error_type}: ${first.error}\n${first.traceback ?? ""}`.trim(),
      { platform_error: `${first.error_type}: ${first.error}`, ...at },
    );
  }
  for (const expectation of step.expect) {
    const failure = evaluateExpectation(expectation, first);
    if (failure)
      return fail("PROBE_FAILED", `${label}: ${failure.message}`, {
        expected: failure.expected,
        actual: failure.actual,
        ...at,
      });
  }
  if (second) {
    // Pointers the spec declares varying (a timestamp, a fresh key's id) are the plugin's defined behaviour.
    const varying = (pointer: string) =>
      (step.varies ?? []).some((v) => pointer === `/result${v}` || pointer.startsWith(`/result${v}/`));
    const diffs = diffJson(comparable(first), comparable(second)).filter((d) => !varying(d.pointer));
    if (diffs.length > 0)
      return fail(
        "NONDETERMINISTIC",
        `${label}: two identical calls gave different outputs at ${diffs.map((d) => d.pointer).join(", ")}`,
        {
          expected: diffs.map((d) => ({ pointer: d.pointer, value: d.left })),
          actual: diffs.map((d) => ({ pointer: d.pointer, value: d.right })),
          ...at,
        },
      );
  }
  return null;
}
