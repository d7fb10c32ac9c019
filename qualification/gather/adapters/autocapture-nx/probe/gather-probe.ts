import type { IsolatedLoad, MachineryFault } from "../../../../../contracts/evidence.ts";
import { type ProbeEvidence, type ProbeRun } from "../../../../../contracts/probe-spec.ts";
import { environmentOf } from "./spec-environment.ts";
import { runSetup } from "./spec-setup.ts";
import { loadProbeSpec, type ResolvedStep } from "../../../probe/load-probe-spec.ts";
import type { ProbeCatalogChoice } from "../../../../shared/options/resolve-probe-catalog.ts";
import { resolveStepInput } from "../../../probe/resolve-step-input.ts";
import type { ServiceHealth } from "../../../services/service-health.ts";
import type { LoadIsolation } from "./load-isolation.ts";
import type { NamedCulprit } from "./load-progress.ts";
import type { ProbeHost } from "./probe-host.ts";
import type { PlatformFindings } from "../../platform-adapter.ts";
import { ownContext, type OwnHosting, type ProbeHosts } from "./probe-hosts.ts";
import { probeRunOfAnswer } from "./probe-run-of-payload.ts";
import { probeCommandDisplay, type ProbeCallContext } from "./run-probe-call.ts";

export interface ProbeContext {
  readonly catalog: ProbeCatalogChoice;
  readonly replay: string;
  readonly service: (name: string) => Promise<ServiceHealth>;
  /** False when the plugin did not load: the spec is still read and judged, but no step can run. */
  readonly runSteps: boolean;
  /**
   * The target's config does not enable the plugin (so it was never loaded): its steps run on hosts that load the
   * platform with it enabled in memory, for a verdict that is informational only.
   */
  readonly enableForProbing?: boolean;
  readonly hosts: ProbeHosts;
  /** How a step's one-shot command is shown (interpreter name, env, placeholders). */
  readonly display: ProbeCallContext;
}

type StepEvidence = ProbeEvidence["steps"][number];

/** After one of these the verdict is decided; later runs and steps could only cost time. */
const DECIDED: ReadonlySet<ProbeRun["outcome"]> = new Set([
  "timeout",
  "crashed",
  "runner_failed",
  "load_failed",
  "spec_input",
]);

/**
 * Runs every step twice: run 1 in the first probe host, run 2 in the second (two interpreters, each with the
 * platform loaded once, so per-process nondeterminism still shows), each step a fork of a pristine load. Step
 * k+1 is sent only once step k has its runs (its input may be bound to step k's result). Each step records the
 * one-shot command that reproduces it alone. The spec's service is probed only when some step needs it; while
 * it is down those steps are recorded as not run and every other step still runs, so a defect that needs no
 * service is never hidden behind a dead dependency.
 */
export async function gatherProbe(pluginId: string, ctx: ProbeContext): Promise<ProbeEvidence> {
  const loaded = loadProbeSpec(ctx.catalog, pluginId);
  const base = { service: null, steps: [], replay: ctx.replay };
  if (!loaded.ok)
    return {
      ...base,
      spec: null,
      spec_fault: { code: loaded.code, detail: loaded.detail, file: loaded.file, pointer: loaded.pointer },
    };
  const spec = {
    file: loaded.file,
    sha256: loaded.sha256,
    spec_version: loaded.spec.spec_version,
    tier: loaded.spec.tier,
    requires_service: loaded.spec.requires_service ?? null,
  };
  const forProbing = ctx.enableForProbing === true;
  if (!ctx.runSteps && !forProbing) return { ...base, spec, spec_fault: null };
  const marked = forProbing ? { enabled_for_probing: true } : {};
  const setupCalls = loaded.spec.setup ?? [];
  const hosting: OwnHosting = { enable: forProbing, settings: loaded.spec.settings };
  // A plugin left off by the config, a spec with settings of its own or one that builds its own corpus gets a
  // host pair of its own.
  const own = forProbing || setupCalls.length > 0 || loaded.spec.settings !== undefined;
  // The interpreter's facts are the same in every host: the shared one is asked, so a spec this machine cannot
  // run costs no platform load of its own.
  const environment = loaded.spec.requires_environment
    ? await environmentOf(ctx.hosts.host(1), loaded.spec.requires_environment)
    : undefined;
  // What every outcome below records first: the spec, how it was hosted, and the environment it was checked in.
  const head = { ...base, ...marked, spec, spec_fault: null, ...(environment ? { environment } : {}) };
  if (environment && environment.unmet.length > 0) return head;
  const hosts = own
    ? ([ctx.hosts.ownHost(pluginId, 1, hosting), ctx.hosts.ownHost(pluginId, 2, hosting)] as const)
    : ([ctx.hosts.host(1), ctx.hosts.host(2)] as const);
  try {
    const setup = setupCalls.length > 0 ? await runSetup(pluginId, setupCalls, hosts) : undefined;
    const withSetup = setup ? { setup } : {};
    if (setup?.failed) return { ...head, ...withSetup };
    const needed =
      loaded.spec.requires_service && loaded.steps.some((s) => s.requires_service)
        ? loaded.spec.requires_service
        : null;
    const health = needed ? await ctx.service(needed) : null;
    const service = health ? { name: health.name, up: health.up, detail: health.detail } : null;
    const shown = { ...ctx.display, ...ownContext(pluginId, hosting) };
    const display = setupCalls.length > 0 ? { ...shown, setup: setupCalls } : shown;
    const steps = await runSteps(pluginId, loaded.steps, { ...ctx, display }, hosts, service);
    return { ...head, ...withSetup, service, steps };
  } finally {
    if (own) await ctx.hosts.release(pluginId);
  }
}

async function runSteps(
  pluginId: string,
  steps: readonly ResolvedStep[],
  ctx: ProbeContext,
  hosts: readonly [ProbeHost, ProbeHost],
  service: ProbeEvidence["service"],
): Promise<StepEvidence[]> {
  const out: StepEvidence[] = [];
  const firstRuns = new Map<string, ProbeRun>();
  for (const step of steps) {
    const via = step.via ?? "plugin";
    const args = [
      "--plugin",
      pluginId,
      "--capability",
      step.capability,
      "--method",
      step.method,
      ...(via === "registry" ? ["--via", "registry"] : []),
    ];
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
      ...(step.varies ? { varies: step.varies } : {}),
      command: probeCommandDisplay(ctx.display, args, input),
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
    for (const host of hosts) {
      const run = await ask(
        host,
        { op: "call", plugin: pluginId, capability: step.capability, method: step.method, input: input ?? null, via },
        step.timeout_ms,
      );
      runs.push(run);
      if (DECIDED.has(run.outcome)) break;
    }
    out.push(record(runs, null));
    firstRuns.set(step.id, runs[0]!);
    // Steps are judged in order, so nothing after a decided run can change the verdict.
    if (runs.some((run) => DECIDED.has(run.outcome))) break;
  }
  return out;
}

async function ask(host: ProbeHost, body: Record<string, unknown>, timeoutMs: number): Promise<ProbeRun> {
  return probeRunOfAnswer(await host.request({ ...body, timeout_ms: timeoutMs }, timeoutMs));
}

export interface RuntimeCapabilities {
  readonly plugin: (pluginId: string) => { capabilities: string[] | null; fault: MachineryFault | null };
  /** The plugin in the suite's watched load (null when that load gave no listing at all). */
  readonly isolated: (pluginId: string) => IsolatedLoad | null;
  /** The plugins that load had to leave out, sorted (empty when it gave no listing). */
  readonly culprits: () => string[];
  /** The culprits with their kind, and the plugins that printed to stdout while they loaded. */
  readonly findings: () => PlatformFindings;
}

/** The listing as it came back: the runner's payload, or the run that stood in for one. */
export type ListingAnswer = { readonly run: ProbeRun; readonly payload: Record<string, unknown> | null };

/**
 * Every loaded plugin's own `capabilities()` names from the first probe host's platform load (inproc, the load
 * the probes run on) instead of one interpreter per plugin. A listing that could not be made is the suite's
 * fault, with its closed code; a plugin the platform's own load-report loaded but the runner's load did not is
 * PROBE_LOAD_DIVERGED — infrastructure either way, never the plugin's verdict.
 */
export function runtimeCapabilitiesOf({ run, payload }: ListingAnswer): RuntimeCapabilities {
  const plugins = (payload?.plugins ?? null) as Record<string, unknown> | null;
  const errors = (payload?.errors ?? {}) as Record<string, { phase?: string; error?: string }>;
  if (run.outcome !== "ok" || plugins === null || typeof plugins !== "object") {
    const fault: MachineryFault = {
      code: listingFaultCode(run),
      detail: `listing runtime capabilities: ${run.error ?? run.outcome}`,
      file: null,
      issues: [],
    };
    return {
      plugin: () => ({ capabilities: null, fault }),
      isolated: () => null,
      culprits: () => [],
      findings: () => ({ loadCulprits: [], stdoutWriters: [] }),
    };
  }
  return {
    isolated: (pluginId) => isolatedLoadOf(payload!, pluginId),
    culprits: () =>
      ((Array.isArray(payload?.culprits) ? payload.culprits : []) as NamedCulprit[]).map((c) => c.plugin_id).sort(),
    findings: () => ({
      loadCulprits: ((Array.isArray(payload?.culprits) ? payload.culprits : []) as NamedCulprit[]).map((c) => ({
        plugin_id: c.plugin_id,
        kind: c.kind,
      })),
      stdoutWriters: Object.keys((payload?.printed ?? {}) as Record<string, unknown>)
        .filter((id) => id !== "<platform>")
        .sort(),
    }),
    plugin: (pluginId) => {
      const caps = plugins[pluginId];
      if (Array.isArray(caps) && caps.every((c) => typeof c === "string"))
        return { capabilities: [...caps].sort(), fault: null };
      const error = errors[pluginId];
      const detail = error
        ? `the platform's own load-report loaded ${pluginId}, but the probe runner's inproc load of it failed [${error.phase}]: ${error.error}`
        : `the platform's own load-report loaded ${pluginId}, but the probe runner's inproc load did not load it`;
      return { capabilities: null, fault: { code: "PROBE_LOAD_DIVERGED", detail, file: null, issues: [] } };
    },
  };
}

function listingFaultCode(run: ProbeRun): MachineryFault["code"] {
  if (run.outcome === "timeout") return "PROBE_TIMEOUT";
  if (run.outcome === "runner_failed") return run.fault ?? "RUNNER_CRASHED";
  if (run.outcome === "load_failed") return "PROBE_LOAD_DIVERGED";
  return "RUNNER_OUTPUT_INVALID";
}

/**
 * Asks the first host for the listing: the payload is kept whole (the watch-mode cache stores it), with the
 * culprits the hosts had to leave out of their load (known only on this side).
 */
export async function askListing(host: ProbeHost, timeoutMs: number, isolation: LoadIsolation): Promise<ListingAnswer> {
  const answer = await host.request({ op: "list" }, timeoutMs);
  const run = probeRunOfAnswer(answer);
  if (answer.kind !== "payload" || answer.payload.ok !== true) return { run, payload: null };
  return {
    run: { outcome: "ok", result: null },
    payload: { ...answer.payload, culprits: isolation.culprits.map((c) => ({ ...c })) },
  };
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** One plugin in the watched load the listing describes: its status, its culprit record, what it printed. */
function isolatedLoadOf(payload: Record<string, unknown>, pluginId: string): IsolatedLoad {
  const culprits = (Array.isArray(payload.culprits) ? payload.culprits : []) as NamedCulprit[];
  const report = (payload.report ?? {}) as Record<string, unknown>;
  const error = ((payload.errors ?? {}) as Record<string, { phase?: string; error?: string }>)[pluginId];
  const raw = ((payload.printed ?? {}) as Record<string, { bytes?: unknown; head?: unknown }>)[pluginId];
  const culprit = culprits.find((c) => c.plugin_id === pluginId);
  const status = culprit
    ? "excluded"
    : list(report.skipped).includes(pluginId)
      ? "skipped"
      : list(report.failed).includes(pluginId)
        ? "failed"
        : list(report.loaded).includes(pluginId)
          ? "loaded"
          : "absent";
  return {
    status,
    errors: error ? [{ phase: String(error.phase), error: String(error.error) }] : [],
    culprit: culprit
      ? { kind: culprit.kind, detail: culprit.detail, stack: culprit.stack, exit_status: culprit.exit_status }
      : null,
    culprits: culprits.map((c) => c.plugin_id).sort(),
    printed:
      raw && typeof raw.bytes === "number" && typeof raw.head === "string"
        ? { bytes: raw.bytes, head: raw.head }
        : null,
  };
}
