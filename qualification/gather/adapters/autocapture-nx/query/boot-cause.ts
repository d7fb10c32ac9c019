import type { InfraFinding, QueryAttempt } from "../../../../../contracts/query-run.ts";

/**
 * The hosting hang in the platform's words, from either side of it: the parent's request timing out, or the
 * hosted child's nested `cap_call` timing out first (`host_runner`), whichever clock runs out first.
 */
const HOSTING_HANG = /(Plugin host request timed out|capability call timed out)[^\n;]*/;
const PLATFORM_ERROR = /ERROR: [^\n]*/;

/**
 * Why a CLI query produced no result object, when the reason lies before the query itself: `query` answers
 * every question with a result (and exit 0) once the platform is up, so an exit with `ERROR: …` means it never
 * got that far. Whose fault that is, by the platform's own words:
 *   - `Plugin host request timed out` / `capability call timed out`: its subprocess hosting hung on a nested
 *     capability call (hosting);
 *   - `instance_lock_held`: another process holds the data dir's instance lock (environment);
 *   - a Python package missing, the interpreter not starting, or the config rejected (environment);
 *   - anything else raised while booting: the plugin stack (plugin).
 * Null for an attempt that has a result, or that timed out (a slow query is the query's own outcome).
 */
export function bootCause(attempt: Pick<QueryAttempt, "outcome" | "detail">): InfraFinding | null {
  if (attempt.outcome === "result" || attempt.outcome === "timeout") return null;
  const detail = attempt.detail;
  const said = PLATFORM_ERROR.exec(detail)?.[0] ?? null;
  const hang = HOSTING_HANG.exec(detail)?.[0];
  if (hang)
    return {
      reason: "hosting_timeout",
      attribution: "hosting",
      dependencies: [],
      marker: `the platform's plugin hosting hung while booting: ${hang}`,
    };
  if (/instance_lock_held/.test(detail))
    return {
      reason: "environment_error",
      attribution: "environment",
      dependencies: [],
      marker: "ERROR: instance_lock_held: another process holds the data dir's instance lock",
    };
  if (/^ENVIRONMENT_ERROR/.test(detail) || /ModuleNotFoundError|ImportError/.test(detail))
    return {
      reason: "environment_error",
      attribution: "environment",
      dependencies: [],
      marker: `the platform's Python environment is incomplete: ${said ?? detail}`,
    };
  if (attempt.outcome === "transport_error")
    return {
      reason: "environment_error",
      attribution: "environment",
      dependencies: [],
      marker: `the interpreter could not run the platform: ${detail}`,
    };
  if (/^CLI_OUTPUT_INVALID/.test(detail))
    return {
      reason: "output_invalid",
      attribution: "plugin",
      dependencies: [],
      marker: `the platform's query printed output that is not its JSON result (${/printed no JSON object on stdout; (.*)$/s.exec(detail)?.[1] ?? "no JSON"})`,
    };
  if (said && /ERROR: (\$\.|Missing config file|Invalid config|config)/i.test(said))
    return {
      reason: "environment_error",
      attribution: "environment",
      dependencies: [],
      marker: `the platform rejected its config: ${said}`,
    };
  // Without the platform's own `ERROR:` line: how it ended, never the command (which carries the question).
  const ended = /exited (-?\d+|null): ?(.*)$/s.exec(detail);
  const marker =
    said ??
    (ended
      ? `the platform's query exited ${ended[1]} before answering${ended[2]!.trim() ? ` (its stderr ends: ${ended[2]!.trim()})` : ", with nothing on stderr"}`
      : detail);
  return { reason: "boot_failed", attribution: "plugin", dependencies: [], marker };
}
