/**
 * What `pnpm test:qualify` exits with, so a CI step can tell the outcomes apart without reading a file:
 *   0  qualified: every judged plugin, run check and query case passed (or is retired / skipped for a service);
 *   1  a plugin, run-check or query verdict failed;
 *   2  usage or configuration: the options are invalid, the target does not exist, or `-t` matches nothing;
 *   3  infrastructure only: nothing failed, but the suite could not decide something (infra_error).
 */
export const EXIT_QUALIFIED = 0;
export const EXIT_VERDICT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INFRA_ONLY = 3;

export type QualifyExitCode =
  typeof EXIT_QUALIFIED | typeof EXIT_VERDICT_FAILED | typeof EXIT_USAGE | typeof EXIT_INFRA_ONLY;

/** Pure: the statuses of everything judged (verdict statuses and query classes) → the exit code. */
export function exitCodeOf(statuses: Iterable<string>): QualifyExitCode {
  let infra = false;
  for (const status of statuses) {
    if (status === "fail") return EXIT_VERDICT_FAILED;
    if (status === "infra_error") infra = true;
  }
  return infra ? EXIT_INFRA_ONLY : EXIT_QUALIFIED;
}

/**
 * Sets the process's exit code as it exits: Vitest sets its own (1 for any failed test) when the run ends, and
 * an `exit` listener runs after it, so the code a CI step sees is this one. Never in watch mode (no exit).
 */
export function exitWith(code: QualifyExitCode): void {
  process.exitCode = code;
  process.once("exit", () => {
    process.exitCode = code;
  });
}
