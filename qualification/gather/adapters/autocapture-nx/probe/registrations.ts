import type { CommandEvidence, MachineryFault } from "../../../../../contracts/evidence.ts";
import { runPlatformPython, type PlatformCliContext } from "../cli/platform-cli.ts";
import { PROBE_RUNNER } from "./probe-runner-path.ts";

/** The registry's registrations per plugin, or the fault that kept the suite from learning them. */
export interface Registrations {
  readonly registered: ReadonlyMap<string, string[]> | null;
  readonly fault: MachineryFault | null;
}

/**
 * `probe_runner.py --registrations`: the platform loaded as `plugins load-report` loads it (its configured
 * hosting, `--safe-mode` when the run uses it), answering which names its registry registered from each plugin.
 */
export async function runRegistrations(ctx: PlatformCliContext): Promise<CommandEvidence> {
  const args = [PROBE_RUNNER, "--root", ctx.root, "--registrations", ...(ctx.safeMode ? ["--safe-mode"] : [])];
  return runPlatformPython(ctx, args, [0]);
}

/** The runner's own failures keep its closed codes (RUNNER_API, ENVIRONMENT_ERROR, …): never a plugin's verdict. */
export function registrationsOf(evidence: CommandEvidence): Registrations {
  const json = evidence.json as { ok?: unknown; registered?: unknown; error_type?: unknown; error?: unknown } | null;
  if (json && json.ok === true && json.registered && typeof json.registered === "object") {
    const registered = new Map<string, string[]>();
    for (const [id, names] of Object.entries(json.registered as Record<string, unknown>))
      if (Array.isArray(names)) registered.set(id, names.filter((n): n is string => typeof n === "string").sort());
    return { registered, fault: null };
  }
  const kind = typeof json?.error_type === "string" ? json.error_type : null;
  const code =
    kind === "RunnerApiError"
      ? "RUNNER_API"
      : kind === "EnvironmentError"
        ? "ENVIRONMENT_ERROR"
        : kind !== null
          ? "RUNNER_CRASHED"
          : (evidence.fault?.code ?? "RUNNER_OUTPUT_INVALID");
  const said = typeof json?.error === "string" ? json.error : (evidence.fault?.detail ?? "no answer");
  return {
    registered: null,
    fault: {
      code,
      detail: `the suite's listing of the registry's registrations failed: ${said} (${evidence.command})`,
      file: null,
      issues: [],
    },
  };
}
