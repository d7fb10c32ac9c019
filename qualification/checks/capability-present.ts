import type { PluginEvidence, RunEvidence } from "../../contracts/evidence.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { fail, infraError, pass } from "./verdicts.ts";

/**
 * Declared = entrypoint kinds ∪ provides (reference §9.1). Each must be registered by the platform
 * (load-report `capabilities`) and, for kinds, returned by the plugin's own `capabilities()` at runtime
 * (a missing `provides` name reuses the first implementation, so only kinds must be in capabilities()).
 */
export function judgeCapabilityPresent(plugin: PluginEvidence, run: RunEvidence, loaded: Verdict): Verdict {
  if (loaded.status !== "pass") return fail("UPSTREAM_CHECK_FAILED", `not loaded (${loaded.reason}), so none of its capabilities can be present`);
  const manifest = plugin.manifest;
  if (!manifest) return fail("UPSTREAM_CHECK_FAILED", "no readable manifest, so its declared capabilities are unknown");
  const declared = [...new Set([...manifest.kinds, ...manifest.provides])].sort();
  if (declared.length === 0) return fail("CAPABILITY_MISSING", `${manifest.path} declares no capability (no entrypoint kinds, no provides)`);
  const registered = new Set(run.load_report?.capabilities ?? []);
  const unregistered = declared.filter((cap) => !registered.has(cap));
  if (unregistered.length > 0)
    return fail("CAPABILITY_MISSING", `declared but not registered by the platform: ${unregistered.join(", ")}`, { expected: declared, actual: [...registered].filter((c) => declared.includes(c)) });
  if (plugin.runtime_fault) {
    const infra = plugin.runtime_fault.code === "PROBE_TIMEOUT" || plugin.runtime_fault.code === "RUNNER_FAILED";
    return infra
      ? infraError(plugin.runtime_fault.code === "PROBE_TIMEOUT" ? "PROBE_TIMEOUT" : "RUNNER_FAILED", plugin.runtime_fault.detail)
      : fail("PLUGIN_LOAD_FAILED", plugin.runtime_fault.detail);
  }
  if (plugin.runtime_capabilities === null) return infraError("RUNNER_FAILED", "the runtime capability listing was not gathered");
  const runtime = new Set(plugin.runtime_capabilities);
  const missing = manifest.kinds.filter((cap) => !runtime.has(cap));
  if (missing.length > 0)
    return fail("CAPABILITY_MISSING", `capabilities() of the loaded plugin does not return: ${missing.join(", ")}`, { expected: manifest.kinds, actual: [...runtime].sort() });
  return pass(`all declared capabilities present: ${declared.join(", ")}`);
}
