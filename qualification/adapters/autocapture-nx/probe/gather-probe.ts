import type { Fault } from "../../../../contracts/evidence.ts";
import { ProbeRun, type ProbeEvidence } from "../../../../contracts/probe-spec.ts";
import { loadProbeSpec, type ResolvedStep } from "../../../probe/load-probe-spec.ts";
import { resolveStepInput } from "../../../probe/resolve-step-input.ts";
import type { ServiceHealth } from "../../../services/service-health.ts";
import type { PlatformAnswers } from "../platform-answer-reuse.ts";
import { ProbeSession } from "./probe-session.ts";
import { probeCommandDisplay, runnerCommand, runProbeCall, type ProbeCallContext } from "./run-probe-call.ts";

export interface ProbeContext extends ProbeCallContext {
  readonly probesDir: string;
  readonly replay: string;
  readonly service: (name: string) => Promise<ServiceHealth>;
  /** False when the plugin did not load: the spec is still read and judged, but no step can run. */
  readonly runSteps: boolean;
}

type StepEvidence = ProbeEvidence["steps"][number];

/**
 * Runs every step twice, sequentially, so the second run sees exactly what the first one did: run 1 and run 2
 * are two runner sessions (two interpreters, so per-process nondeterminism still shows), each answering all
 * the steps with a fresh platform load per step, and step k+1 is sent only once step k has its runs (its input
 * may be bound to step k's result). Each step records the one-shot command that reproduces it alone. The spec's
 * service is probed only when some step needs it; while it is down those steps are recorded as not run and
 * every other step still runs, so a defect that needs no service is never hidden behind a dead dependency.
 */
export async function gatherProbe(pluginId: string, ctx: ProbeContext): Promise<ProbeEvidence> {
  const loaded = loadProbeSpec(ctx.probesDir, pluginId);
  const base = { service: null, steps: [], replay: ctx.replay };
  if (!loaded.ok) return { ...base, spec: null, spec_fault: { code: loaded.code, detail: loaded.detail, file: loaded.file, pointer: loaded.pointer } };
  const spec = { file: loaded.file, sha256: loaded.sha256, spec_version: loaded.spec.spec_version, tier: loaded.spec.tier, requires_service: loaded.spec.requires_service ?? null };
  if (!ctx.runSteps) return { ...base, spec, spec_fault: null };
  const needed = loaded.spec.requires_service && loaded.steps.some((s) => s.requires_service) ? loaded.spec.requires_service : null;
  const health = needed ? await ctx.service(needed) : null;
  const service = health ? { name: health.name, up: health.up, detail: health.detail } : null;
  return { ...base, spec, spec_fault: null, service, steps: await runSteps(pluginId, loaded.steps, ctx, service) };
}

async function runSteps(pluginId: string, steps: readonly ResolvedStep[], ctx: ProbeContext, service: ProbeEvidence["service"]): Promise<StepEvidence[]> {
  const sessions = [new ProbeSession(ctx, pluginId), new ProbeSession(ctx, pluginId)] as const;
  try {
    return await runInSessions(pluginId, steps, ctx, service, sessions);
  } finally {
    await Promise.all(sessions.map((session) => session.close()));
  }
}

async function runInSessions(pluginId: string, steps: readonly ResolvedStep[], ctx: ProbeContext, service: ProbeEvidence["service"], sessions: readonly ProbeSession[]): Promise<StepEvidence[]> {
  const out: StepEvidence[] = [];
  const firstRuns = new Map<string, ProbeRun>();
  for (const step of steps) {
    const via = step.via ?? "plugin";
    const args = ["--plugin", pluginId, "--capability", step.capability, "--method", step.method, ...(via === "registry" ? ["--via", "registry"] : [])];
    const bound = resolveStepInput(step, firstRuns);
    const input = bound.ok ? bound.input : step.input;
    const record = (runs: ProbeRun[], notRun: StepEvidence["not_run"]): StepEvidence => ({
      id: step.id,
      source: step.source,
      capability: step.capability,
      method: step.method,
      via,
      requires_service: step.requires_service ?? false,
      input,
      expect: step.expect,
      command: probeCommandDisplay(ctx, args, input),
      not_run: notRun,
      runs,
    });
    if (step.requires_service && service && !service.up) {
      out.push(record([], { reason: "service_down", detail: `${service.name} is down: ${service.detail}` }));
      continue;
    }
    if (!bound.ok) {
      out.push(record([], { reason: "input_unbound", detail: bound.detail }));
      continue;
    }
    const runs: ProbeRun[] = [];
    for (const session of sessions) {
      const run = await session.request({ capability: step.capability, method: step.method, input, via }, step.timeout_ms);
      runs.push(run);
      // A hang or a broken runner is already the verdict; a second identical wait only costs time.
      if (run.outcome === "timeout" || run.outcome === "runner_failed" || run.outcome === "load_failed") break;
    }
    out.push(record(runs, null));
    firstRuns.set(step.id, runs[0]!);
    // Steps are judged in order, so nothing after a hang or a broken runner can change the verdict (waiting for
    // more hangs would only cost time), and that run's session is gone. A load failure leaves the session
    // serving: each step loads afresh and records its own load_failed, as it always did.
    if (runs.some((run) => run.outcome === "timeout" || run.outcome === "runner_failed")) break;
  }
  return out;
}

export interface RuntimeCapabilities {
  readonly plugin: (pluginId: string) => { capabilities: string[] | null; fault: Fault | null };
}

/**
 * Every loaded plugin's own `capabilities()` names, from ONE platform load (subprocess hosting, the platform's
 * default and the only mode network-capable plugins load in) instead of one interpreter per plugin.
 */
export async function listRuntimeCapabilities(ctx: ProbeCallContext, timeoutMs: number, answers?: PlatformAnswers): Promise<RuntimeCapabilities> {
  const listing = { ...ctx, hosting: "subprocess" as const };
  const call = () => runProbeCall(listing, ["--all-capabilities"], null, timeoutMs);
  const { run, payload } = answers
    ? await answers.ask({ command: runnerCommand(listing, ["--all-capabilities"]).args, label: "the runtime capability listing", compute: call, keep: (answer) => answer.run.outcome === "ok", parse: parseListing })
    : await call();
  const plugins = (payload?.plugins ?? null) as Record<string, unknown> | null;
  const errors = (payload?.errors ?? {}) as Record<string, { phase?: string; error?: string }>;
  if (run.outcome !== "ok" || plugins === null || typeof plugins !== "object") {
    const code = run.outcome === "timeout" ? "PROBE_TIMEOUT" : run.outcome === "load_failed" ? "PLUGIN_LOAD_FAILED" : "RUNNER_FAILED";
    const fault: Fault = { code, detail: `listing runtime capabilities: ${run.error ?? run.outcome}`, file: null, issues: [] };
    return { plugin: () => ({ capabilities: null, fault }) };
  }
  return {
    plugin: (pluginId) => {
      const caps = plugins[pluginId];
      if (Array.isArray(caps) && caps.every((c) => typeof c === "string")) return { capabilities: [...caps].sort(), fault: null };
      const error = errors[pluginId];
      const detail = error ? `the platform's loader failed ${pluginId} [${error.phase}]: ${error.error}` : `${pluginId} was not loaded by the probe runner's platform load`;
      return { capabilities: null, fault: { code: "PLUGIN_LOAD_FAILED", detail, file: null, issues: [] } };
    },
  };
}

/** A listing read back from the watch-mode answer cache: exactly the shape `runProbeCall` returns, or null. */
function parseListing(stored: unknown): Awaited<ReturnType<typeof runProbeCall>> | null {
  if (stored === null || typeof stored !== "object") return null;
  const { run, display, payload } = stored as Record<string, unknown>;
  const parsed = ProbeRun.safeParse(run);
  if (!parsed.success || typeof display !== "string" || payload === null || typeof payload !== "object" || Array.isArray(payload)) return null;
  return { run: parsed.data, display, payload: payload as Record<string, unknown> };
}
