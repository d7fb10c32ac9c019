import type { ProbeEvidence, SetupCall } from "../../../../../contracts/probe-spec.ts";
import type { ProbeHost } from "./probe-host.ts";

/** The spec's setup in each of its two hosts; the first call that does not return is recorded with its run. */
export async function runSetup(
  pluginId: string,
  calls: readonly SetupCall[],
  hosts: readonly [ProbeHost, ProbeHost],
): Promise<NonNullable<ProbeEvidence["setup"]>> {
  for (const [index, host] of hosts.entries()) {
    const answer = await host.request({ op: "setup", plugin: pluginId, calls }, SETUP_TIMEOUT_MS);
    if (answer.kind !== "payload")
      return {
        calls: calls.length,
        failed: {
          run: index + 1,
          index: -1,
          via: "host",
          capability: "",
          method: "",
          error_type: answer.reason,
          error: answer.detail,
        },
      };
    const failed = answer.payload.setup_failed as Record<string, unknown> | undefined;
    if (answer.payload.ok !== true) {
      const f = failed ?? {
        index: -1,
        via: "host",
        capability: "",
        method: "",
        error_type: String(answer.payload.error_type ?? "unknown"),
        error: String(answer.payload.error ?? ""),
      };
      return {
        calls: calls.length,
        failed: {
          run: index + 1,
          index: Number(f.index),
          via: String(f.via),
          capability: String(f.capability),
          method: String(f.method),
          error_type: String(f.error_type),
          error: String(f.error),
        },
      };
    }
  }
  return { calls: calls.length, failed: null };
}

const SETUP_TIMEOUT_MS = 120_000;
