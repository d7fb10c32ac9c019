import type { IsolatedLoad, PluginEvidence, RunEvidence } from "../../../contracts/evidence.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { loadCulpritVerdict } from "./load-culprit.ts";
import { fail, infraError, pass } from "./verdicts.ts";

/**
 * From the platform's own `plugins load-report`, its error strings passed through verbatim — except where one
 * plugin keeps the platform's whole load from finishing. The suite's own load of the platform (the probe host's:
 * the platform's loader, watched plugin by plugin) names that plugin, with its evidence: hanging while imported
 * or created (infra_error LOAD_HUNG, with the stack: a hang is never a verdict on an answer), ending the
 * interpreter (LOAD_CRASHED), or writing to stdout while it loads (WRITES_TO_STDOUT: every platform command that
 * loads it then prints output no tool can read). When the load-report itself is unusable, every other plugin is
 * judged by that load, run without the culprits, instead of sharing the platform's failure. A culprit the
 * platform's own load-report lists as loaded (its subprocess host never ran the plugin's code) stays loaded here.
 */
export function judgeLoaded(plugin: PluginEvidence, run: RunEvidence): Verdict {
  const command = run.commands.load_report.command;
  const iso = plugin.isolated_load;
  // Where the platform's own load saw the plugin loaded, that stands; capability_present and functional, which
  // run its code, carry what the suite's load found.
  const platformLoadedIt = run.load_report?.ok === true && plugin.platform_load.status === "loaded";
  const culprit = platformLoadedIt ? null : loadCulpritVerdict(plugin, { command });
  if (culprit) return culprit;
  const cliFault = run.commands.load_report.fault;
  if (!run.load_report) {
    if (iso) return fromIsolatedLoad(plugin.plugin_id, iso, cliFault?.detail ?? "no usable report");
    return infraError(
      cliFault?.code ?? "CLI_OUTPUT_INVALID",
      cliFault?.detail ?? "plugins load-report produced no usable report",
      { command },
    );
  }
  if (!run.load_report.ok)
    return fail("PLATFORM_LOAD_ABORTED", `the platform's whole load raised, so no plugin loaded`, {
      platform_error: run.load_report.error ?? "",
      command,
    });
  const errors = plugin.platform_load.errors;
  const verbatim = errors.map((e) => `[${e.phase}] ${e.error}`).join("; ");
  switch (plugin.platform_load.status) {
    case "loaded":
      return pass("in load-report `loaded`", { command });
    case "skipped":
      return fail("LOAD_SKIPPED", `skipped by the platform (a dependency failed or is unavailable): ${verbatim}`, {
        platform_error: errors[0]?.error ?? null,
        command,
      });
    case "failed":
      return fail("LOAD_FAILED", `failed to load: ${verbatim}`, { platform_error: errors[0]?.error ?? null, command });
    case "absent":
      return fail(
        "NOT_ATTEMPTED",
        `the platform did not attempt to load ${plugin.plugin_id} (not in its effective enabled set)`,
        { command },
      );
  }
}

/** The verdict of the suite's own load, saying why it stands in for the platform's load-report. */
function fromIsolatedLoad(pluginId: string, iso: IsolatedLoad, why: string): Verdict {
  const without = iso.culprits.length > 0 ? `, run without ${iso.culprits.join(", ")}` : "";
  const basis = `the platform's own load-report is unusable (${why}); judged by the platform's loader in the suite's load${without}`;
  const verbatim = iso.errors.map((e) => `[${e.phase}] ${e.error}`).join("; ");
  switch (iso.status) {
    case "loaded":
      return pass(`loaded: ${basis}`);
    case "skipped":
      return fail("LOAD_SKIPPED", `skipped (a dependency failed or is unavailable): ${verbatim}; ${basis}`, {
        platform_error: iso.errors[0]?.error ?? null,
      });
    case "failed":
      return fail("LOAD_FAILED", `failed to load: ${verbatim}; ${basis}`, {
        platform_error: iso.errors[0]?.error ?? null,
      });
    case "absent":
    case "excluded":
      return fail("NOT_ATTEMPTED", `${pluginId} was not attempted (not in the effective enabled set); ${basis}`);
  }
}
