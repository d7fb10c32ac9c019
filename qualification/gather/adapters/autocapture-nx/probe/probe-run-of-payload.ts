import type { ProbeRun } from "../../../../../contracts/probe-spec.ts";
import { excerpt } from "../../../../shared/process/run-command.ts";
import type { HostAnswer } from "./probe-host.ts";

const str = (value: unknown): string => (typeof value === "string" ? value : "");

/** What the plugin printed, when it printed: evidence for the person reading a failure (and for issue hunts). */
function printed(payload: Record<string, unknown>): Pick<ProbeRun, "printed"> {
  const raw = payload.printed as { bytes?: unknown; head?: unknown } | undefined;
  if (!raw || typeof raw.bytes !== "number" || typeof raw.head !== "string") return {};
  return { printed: { bytes: raw.bytes, head: excerpt(raw.head, 2000) } };
}

/**
 * What one payload of probe_runner.py means (`probe_call.py`, `probe_host.py`, `runner_faults.py`): the same
 * mapping for the host (`--serve`) and the one-shot command a person replays, so both record the same thing.
 * The runner's own faults carry a closed `fault` code: they are the suite's, never the plugin's.
 */
export function probeRunOfPayload(payload: Record<string, unknown>): ProbeRun {
  const error = str(payload.error);
  const errorType = str(payload.error_type) || "Error";
  const extra = printed(payload);
  if (payload.ok === true) return { outcome: "ok", result: payload.result ?? null, ...extra };
  switch (errorType) {
    case "ProbeTimeout":
      return { outcome: "timeout", error_type: errorType, error, stack: excerpt(str(payload.stack), 4000), ...extra };
    case "ProbeProcessExited":
      return {
        outcome: "crashed",
        error_type: errorType,
        error,
        exit_status: typeof payload.exit_status === "number" ? payload.exit_status : -1,
        ...extra,
      };
    case "PluginLoadError":
    case "PlatformLoadError":
      return { outcome: "load_failed", error_type: errorType, error, phase: str(payload.phase) || "unknown" };
    case "SpecInputError":
      return { outcome: "spec_input", error_type: errorType, error };
    case "RunnerApiError":
      return { outcome: "runner_failed", fault: "RUNNER_API", error_type: errorType, error };
    case "EnvironmentError":
      return { outcome: "runner_failed", fault: "ENVIRONMENT_ERROR", error_type: errorType, error };
    case "RunnerError":
    case "UsageError":
      return {
        outcome: "runner_failed",
        fault: "RUNNER_CRASHED",
        error_type: errorType,
        error: `${error}${payload.traceback ? `\n${excerpt(str(payload.traceback), 1500)}` : ""}`,
      };
  }
  const traceback = typeof payload.traceback === "string" ? excerpt(payload.traceback, 1500) : undefined;
  return { outcome: "error", error_type: errorType, error, ...(traceback ? { traceback } : {}), ...extra };
}

/** A host answer: its payload, or what the suite saw instead of one (always the suite's fault, or a hang). */
export function probeRunOfAnswer(answer: HostAnswer): ProbeRun {
  if (answer.kind === "payload") return probeRunOfPayload(answer.payload);
  switch (answer.reason) {
    case "timeout":
      return { outcome: "timeout", error_type: "HostTimeout", error: answer.detail };
    case "spawn_failed":
      return {
        outcome: "runner_failed",
        fault: "INTERPRETER_UNUSABLE",
        error_type: "SpawnError",
        error: answer.detail,
      };
    case "host_invalid":
      return {
        outcome: "runner_failed",
        fault: "RUNNER_OUTPUT_INVALID",
        error_type: "HostOutputInvalid",
        error: answer.detail,
      };
    case "host_exited":
      return { outcome: "runner_failed", fault: "RUNNER_CRASHED", error_type: "HostExited", error: answer.detail };
  }
}
