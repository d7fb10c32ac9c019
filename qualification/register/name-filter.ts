import { testName } from "../session/plan.ts";

/** The part of Vitest's per-run worker state this file reads (Vitest 4.1: `config.testNamePattern`). */
interface WorkerState {
  readonly config?: { readonly testNamePattern?: unknown };
}

/**
 * This run's `-t` pattern (also what watch mode's `t` key and the UI's filter set), or null. No public API
 * hands it to a test file, so it is read from Vitest's worker state; if that ever moves, the answer is null
 * and every plugin is registered again: slower, never a different verdict.
 */
export function runNamePattern(
  state: unknown = (globalThis as { __vitest_worker__?: unknown }).__vitest_worker__,
): RegExp | null {
  const pattern = (state as WorkerState | undefined)?.config?.testNamePattern;
  return pattern instanceof RegExp ? pattern : null;
}

/**
 * Whether any of a plugin's tests can pass Vitest's name filter, which matches a test's full name: its suite's
 * name, a space, its own name (`<id> <id> › <check>`). A plugin none of whose tests can run is not registered:
 * at 1,000 plugins a `-t <plugin_id>` re-run otherwise spends most of its time collecting, skipping and
 * reporting 6,000 tests that cannot run. Vitest still applies its own filter to what is registered.
 */
export function mayRun(pattern: RegExp | null, pluginId: string, checks: readonly string[]): boolean {
  if (pattern === null) return true;
  return checks.some((check) => `${pluginId} ${testName(pluginId, check)}`.match(pattern) !== null);
}
