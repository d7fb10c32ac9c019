import type { CommandEvidence, CommandFault } from "../../../../../contracts/evidence.ts";
import { excerpt, runCommand, type CommandRun } from "../../../../shared/process/run-command.ts";
import type { COMMAND_FAULT_CODES } from "../../../../../contracts/fault-codes.ts";

export interface PlatformCliContext {
  readonly root: string;
  /** The interpreter as the user named it (shown in commands) and its resolved executable (spawned). */
  readonly python: string;
  readonly pythonExecutable: string;
  readonly configDir: string;
  readonly dataDir: string;
  /**
   * The working directory the platform runs in: a scratch dir of the run, never the target. The platform writes
   * files relative to its working directory (its subprocess hosts append `artifacts/audit/audit.jsonl` and
   * rewrite `artifacts/security/plugin_sandbox_report.json`); it finds its root through AUTOCAPTURE_ROOT and its
   * package through PYTHONPATH instead.
   */
  readonly workDir: string;
  readonly safeMode: boolean;
  readonly timeoutMs: number;
  readonly platformEnv: Readonly<Record<string, string>>;
  /**
   * Run-specific strings (fresh temp dirs) and the stable names that replace them in evidence, so the same
   * inputs give the same bytes on every run.
   */
  readonly placeholders: ReadonlyArray<readonly [string, string]>;
}

export function applyPlaceholders(text: string, placeholders: ReadonlyArray<readonly [string, string]>): string {
  return placeholders.reduce((out, [from, to]) => out.split(from).join(to), text);
}

/** The env every platform invocation gets: the user's AUTOCAPTURE_* knobs, our dirs, and no bytecode writes. */
export function platformEnv(ctx: PlatformCliContext): Record<string, string> {
  return {
    ...ctx.platformEnv,
    AUTOCAPTURE_ROOT: ctx.root,
    PYTHONPATH: ctx.root,
    AUTOCAPTURE_CONFIG_DIR: ctx.configDir,
    AUTOCAPTURE_DATA_DIR: ctx.dataDir,
    // Qualification is read-only on the target: no __pycache__ may appear in plugin dirs (it would also change hashes).
    PYTHONDONTWRITEBYTECODE: "1",
  };
}

export const DISPLAY_ENV = [
  "AUTOCAPTURE_ROOT",
  "PYTHONPATH",
  "AUTOCAPTURE_CONFIG_DIR",
  "AUTOCAPTURE_DATA_DIR",
  "AUTOCAPTURE_PLUGINS_HOSTING_MODE",
] as const;

/** `python -m autocapture_nx [--safe-mode] <args>` in the target root, returned as evidence (never thrown). */
export async function runPlatformCli(
  ctx: PlatformCliContext,
  args: readonly string[],
  okExitCodes: readonly number[],
): Promise<CommandEvidence> {
  return runPlatformPython(
    ctx,
    ["-m", "autocapture_nx", ...(ctx.safeMode ? ["--safe-mode"] : []), ...args],
    okExitCodes,
  );
}

/**
 * The interpreter with these arguments in the platform's environment (the run's work dir, its env, the CLI
 * timeout), as command evidence with the run's placeholders applied: the platform's CLI, and the suite's own
 * runner loaded the platform's way.
 */
export async function runPlatformPython(
  ctx: PlatformCliContext,
  args: readonly string[],
  okExitCodes: readonly number[],
): Promise<CommandEvidence> {
  const run = await runCommand({
    file: ctx.pythonExecutable,
    displayFile: ctx.python,
    args,
    cwd: ctx.workDir,
    env: platformEnv(ctx),
    timeoutMs: ctx.timeoutMs,
    displayEnv: DISPLAY_ENV,
  });
  const stable = (text: string): string => applyPlaceholders(text, ctx.placeholders);
  return toEvidence(
    { ...run, display: stable(run.display), stdout: stable(run.stdout), stderr: stable(run.stderr) },
    okExitCodes,
    ctx.timeoutMs,
  );
}

function fault(code: (typeof COMMAND_FAULT_CODES)[number], detail: string): CommandFault {
  return { code, detail, file: null, issues: [] };
}

function toEvidence(run: CommandRun, okExitCodes: readonly number[], timeoutMs: number): CommandEvidence {
  const base = {
    command: run.display,
    exit_code: run.exitCode,
    timed_out: run.timedOut,
    stderr_excerpt: excerpt(run.stderr),
  };
  if (run.timedOut)
    return {
      ...base,
      json: null,
      fault: fault("CLI_TIMEOUT", `${run.display} did not finish within ${timeoutMs} ms; its process tree was killed`),
    };
  if (run.spawnError)
    return { ...base, json: null, fault: fault("CLI_FAILED", `could not start ${run.display}: ${run.spawnError}`) };
  let json: unknown = null;
  try {
    json = run.stdout.trim() === "" ? null : JSON.parse(run.stdout);
  } catch {
    json = null;
  }
  if (/ModuleNotFoundError|ImportError/.test(run.stderr) && json === null)
    return {
      ...base,
      json,
      fault: fault(
        "ENVIRONMENT_ERROR",
        `the platform's Python environment is incomplete (${lastLine(run.stderr)}); this is not a plugin verdict`,
      ),
    };
  if (run.exitCode === null || !okExitCodes.includes(run.exitCode)) {
    const message = /^ERROR: .*/m.exec(run.stderr)?.[0] ?? /^ERROR: .*/m.exec(run.stdout)?.[0] ?? lastLine(run.stderr);
    return { ...base, json, fault: fault("CLI_FAILED", `${run.display} exited ${run.exitCode}: ${message}`) };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json))
    return {
      ...base,
      json: null,
      fault: fault("CLI_OUTPUT_INVALID", `${run.display} printed no JSON object on stdout; ${stdoutHead(run.stdout)}`),
    };
  return { ...base, json, fault: null };
}

/**
 * How invalid output begins: what was printed before (or instead of) the JSON is what went wrong, and the head is
 * stable where the tail would carry the platform's timings and a cut point that moves with them.
 */
function stdoutHead(stdout: string): string {
  if (stdout.trim() === "") return "stdout was empty";
  const brace = stdout.search(/^[{[]/m);
  const before = brace > 0 ? stdout.slice(0, brace) : brace === 0 ? "" : stdout;
  const shown = (text: string) => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  return before !== "" ? `before its JSON it printed ${shown(before)}` : `it begins ${shown(stdout.slice(0, 120))}`;
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return lines[lines.length - 1] ?? "";
}
