import type { PluginEvidence, RunEvidence } from "../../contracts/evidence.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { fail, infraError, pass } from "./verdicts.ts";

/** Straight from the platform's own `plugins load-report`; its error strings are passed through verbatim. */
export function judgeLoaded(plugin: PluginEvidence, run: RunEvidence): Verdict {
  const command = run.commands.load_report.command;
  const cliFault = run.commands.load_report.fault;
  if (!run.load_report) {
    const code = cliFault?.code;
    const reason = code === "CLI_TIMEOUT" || code === "CLI_FAILED" || code === "ENVIRONMENT_ERROR" ? code : "CLI_OUTPUT_INVALID";
    return infraError(reason, cliFault?.detail ?? "plugins load-report produced no usable report", { command });
  }
  if (!run.load_report.ok)
    return fail("PLATFORM_LOAD_ABORTED", `the platform's whole load raised, so no plugin loaded`, { platform_error: run.load_report.error ?? "", command });
  const errors = plugin.platform_load.errors;
  const verbatim = errors.map((e) => `[${e.phase}] ${e.error}`).join("; ");
  switch (plugin.platform_load.status) {
    case "loaded":
      return pass("in load-report `loaded`", { command });
    case "skipped":
      return fail("LOAD_SKIPPED", `skipped by the platform (a dependency failed or is unavailable): ${verbatim}`, { platform_error: errors[0]?.error ?? null, command });
    case "failed":
      return fail("LOAD_FAILED", `failed to load: ${verbatim}`, { platform_error: errors[0]?.error ?? null, command });
    case "absent":
      return fail("NOT_ATTEMPTED", `the platform did not attempt to load ${plugin.plugin_id} (not in its effective enabled set)`, { command });
  }
}
