import type { ProbeRun } from "../../../../contracts/probe-spec.ts";
import { excerpt } from "../../../process/run-command.ts";

/**
 * What one answer of probe_runner.py means, for the one-shot mode (with its exit code: 0 a result or a call
 * error, 3 a load failure, 4 bad arguments) and the session mode (no exit code per step: the payload's
 * `error_type` says the same). One mapping for both, so a session records exactly what one-shot runs did.
 */
export function probeRunOfPayload(payload: Record<string, unknown>, exitCode: number | null): ProbeRun {
  if (payload.ok === true) return { outcome: "ok", result: payload.result ?? null };
  const error = typeof payload.error === "string" ? payload.error : "";
  const errorType = typeof payload.error_type === "string" ? payload.error_type : "Error";
  if (exitCode === 3 || errorType === "PluginLoadError") return { outcome: "load_failed", error_type: errorType, error };
  if ((exitCode !== null && exitCode !== 0) || errorType === "UsageError") return { outcome: "runner_failed", error_type: errorType, error };
  const traceback = typeof payload.traceback === "string" ? excerpt(payload.traceback, 1500) : undefined;
  return { outcome: "error", error_type: errorType, error, ...(traceback ? { traceback } : {}) };
}
