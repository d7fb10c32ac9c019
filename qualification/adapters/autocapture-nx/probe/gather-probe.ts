import type { Fault } from "../../../../contracts/evidence.ts";
import type { ProbeEvidence } from "../../../../contracts/probe-spec.ts";
import { loadProbeSpec, type ResolvedStep } from "../../../probe/load-probe-spec.ts";
import type { ServiceHealth } from "../../../services/service-health.ts";
import { runProbeCall, type ProbeCallContext } from "./run-probe-call.ts";

export interface ProbeContext extends ProbeCallContext {
  readonly probesDir: string;
  readonly replay: string;
  readonly service: (name: string) => Promise<ServiceHealth>;
  /** False when the plugin did not load: the spec is still read and judged, but no step can run. */
  readonly runSteps: boolean;
}

/** Runs every step twice, sequentially, so the second run sees exactly what the first one did. */
export async function gatherProbe(pluginId: string, ctx: ProbeContext): Promise<ProbeEvidence> {
  const loaded = loadProbeSpec(ctx.probesDir, pluginId);
  const base = { service: null, steps: [], replay: ctx.replay };
  if (!loaded.ok) return { ...base, spec: null, spec_fault: { code: loaded.code, detail: loaded.detail, file: loaded.file, pointer: loaded.pointer } };
  const spec = { file: loaded.file, sha256: loaded.sha256, spec_version: loaded.spec.spec_version, tier: loaded.spec.tier, requires_service: loaded.spec.requires_service ?? null };
  if (!ctx.runSteps) return { ...base, spec, spec_fault: null };
  if (loaded.spec.requires_service) {
    const health = await ctx.service(loaded.spec.requires_service);
    const service = { name: health.name, up: health.up, detail: health.detail };
    if (!health.up) return { ...base, spec, spec_fault: null, service };
    return { ...(await runSteps(pluginId, loaded.steps, ctx)), spec, spec_fault: null, service, replay: ctx.replay };
  }
  return { ...(await runSteps(pluginId, loaded.steps, ctx)), spec, spec_fault: null, service: null, replay: ctx.replay };
}

async function runSteps(pluginId: string, steps: readonly ResolvedStep[], ctx: ProbeContext): Promise<{ steps: ProbeEvidence["steps"] }> {
  const out: ProbeEvidence["steps"] = [];
  for (const step of steps) {
    const args = ["--plugin", pluginId, "--capability", step.capability, "--method", step.method];
    const runs: ProbeEvidence["steps"][number]["runs"] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const { run } = await runProbeCall(ctx, args, step.input, step.timeout_ms);
      runs.push(run);
      // A hang or a broken runner is already the verdict; a second identical wait only costs time.
      if (run.outcome === "timeout" || run.outcome === "runner_failed" || run.outcome === "load_failed") break;
    }
    out.push({ id: step.id, source: step.source, capability: step.capability, method: step.method, input: step.input, expect: step.expect, runs });
  }
  return { steps: out };
}

/** The plugin's own `capabilities()` names as the platform's loader sees them. */
export async function listRuntimeCapabilities(pluginId: string, ctx: ProbeCallContext, timeoutMs: number): Promise<{ capabilities: string[] | null; fault: Fault | null }> {
  const { run, payload } = await runProbeCall(ctx, ["--plugin", pluginId, "--list-capabilities"], null, timeoutMs);
  const caps = payload?.capabilities;
  if (run.outcome === "ok" && Array.isArray(caps) && caps.every((c) => typeof c === "string")) return { capabilities: [...caps].sort(), fault: null };
  const code = run.outcome === "timeout" ? "PROBE_TIMEOUT" : run.outcome === "load_failed" ? "PLUGIN_LOAD_FAILED" : "RUNNER_FAILED";
  return { capabilities: null, fault: { code, detail: `listing ${pluginId}'s runtime capabilities: ${run.error ?? run.outcome}`, file: null, issues: [] } };
}
