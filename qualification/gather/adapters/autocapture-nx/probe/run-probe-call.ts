import { displayCommand } from "../../../../shared/process/run-command.ts";
import { applyPlaceholders, DISPLAY_ENV } from "../cli/platform-cli.ts";
import { PROBE_RUNNER } from "./probe-runner-path.ts";

export interface ProbeCallContext {
  readonly root: string;
  /** The runner's working directory: a scratch dir, never the target (the platform writes relative to it). */
  readonly workDir: string;
  readonly python: string;
  readonly pythonExecutable: string;
  readonly env: Readonly<Record<string, string>>;
  readonly placeholders: ReadonlyArray<readonly [string, string]>;
  /** Plugins the target's config does not enable, enabled in memory for probing (`--enable`). */
  readonly enable?: readonly string[];
  /** Plugin settings a spec runs with, by plugin ID (`--settings`), laid over the config's in memory. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** A spec's setup calls, run before a one-shot call as its hosts run them (`--setup`); never for `--serve`. */
  readonly setup?: readonly unknown[];
}

/** The runner as started for `args` (`--serve`, or one call): interpreter, arguments, target root, env. */
export function runnerCommand(
  ctx: ProbeCallContext,
  args: readonly string[],
): { file: string; args: string[]; cwd: string; env: Readonly<Record<string, string>> } {
  const enable = ctx.enable && ctx.enable.length > 0 ? ["--enable", [...ctx.enable].sort().join(",")] : [];
  const settings =
    ctx.settings && Object.keys(ctx.settings).length > 0 ? ["--settings", JSON.stringify(ctx.settings)] : [];
  return {
    file: ctx.pythonExecutable,
    args: [PROBE_RUNNER, ...args, ...enable, ...settings],
    cwd: ctx.workDir,
    env: ctx.env,
  };
}

/**
 * The one-shot runner command that reproduces one step alone, as a person would paste it, stdin included;
 * run-specific dirs replaced by placeholders (the same inputs give the same evidence bytes).
 */
export function probeCommandDisplay(ctx: ProbeCallContext, args: readonly string[], input: unknown): string {
  const command = runnerCommand(ctx, [
    ...args,
    ...(ctx.setup && ctx.setup.length > 0 ? ["--setup", JSON.stringify(ctx.setup)] : []),
  ]);
  const display = applyPlaceholders(
    displayCommand({ ...command, displayFile: ctx.python, timeoutMs: 0, displayEnv: DISPLAY_ENV }),
    ctx.placeholders,
  );
  return `${display} <<< ${quoteForShell(JSON.stringify(input ?? null))}`;
}

function quoteForShell(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
