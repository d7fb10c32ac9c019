import { execa } from "execa";
import { killTree } from "./process-tree.ts";
import { trackProcess, untrackProcess } from "./run-resources.ts";

export { killTree } from "./process-tree.ts";

export interface CommandRun {
  /** The command line as a user would paste it (cwd and relevant env first). */
  readonly display: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Spawn failure (e.g. interpreter not found), as opposed to the command failing. */
  readonly spawnError: string | null;
  readonly durationMs: number;
}

export interface CommandSpec {
  readonly file: string;
  /** How `file` is shown in `display` (e.g. `python3` for a resolved `/…/bin/python3.11`); default `file`. */
  readonly displayFile?: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly input?: string;
  /** Env keys worth showing in `display` (the rest is noise or secret). */
  readonly displayEnv?: readonly string[];
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

export function displayCommand(spec: CommandSpec): string {
  const env = (spec.displayEnv ?? [])
    .filter((key) => spec.env[key] !== undefined)
    .map((key) => `${key}=${quote(spec.env[key]!)}`);
  return [`cd ${quote(spec.cwd)} &&`, ...env, spec.displayFile ?? spec.file, ...spec.args]
    .map((part, i) => (i === 0 ? part : part.includes("=") && i <= env.length ? part : quote(part)))
    .join(" ");
}

/**
 * Runs a command as a value (never throws for the command's own failure). The child leads its own process
 * group so a timeout kills the whole tree — a platform CLI that spawned plugin hosts must not leave them behind.
 */
export async function runCommand(spec: CommandSpec): Promise<CommandRun> {
  const started = performance.now();
  const display = displayCommand(spec);
  const child = execa(spec.file, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    extendEnv: true,
    reject: false,
    detached: true,
    cleanup: true,
    maxBuffer: MAX_OUTPUT_BYTES,
    stripFinalNewline: false,
    input: spec.input ?? "",
  });
  trackProcess(child.pid);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(child.pid);
  }, spec.timeoutMs);
  try {
    const result = await child;
    const spawnError =
      result.failed && result.exitCode === undefined && !timedOut && !result.signal
        ? (result.shortMessage ?? "spawn failed")
        : null;
    return {
      display,
      exitCode: result.exitCode ?? null,
      timedOut,
      stdout: String(result.stdout ?? ""),
      stderr: String(result.stderr ?? ""),
      spawnError,
      durationMs: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
    // Grandchildren can outlive a child that exited normally; the group is ours to clean up either way.
    killTree(child.pid);
    untrackProcess(child.pid);
  }
}

export function excerpt(text: string, max = 2000): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `…${trimmed.slice(trimmed.length - max)}`;
}
