import { statSync } from "node:fs";
import { isAbsolute } from "node:path";
import { runCommand } from "./run-command.ts";

export interface PythonFingerprint {
  readonly executable: string;
  readonly executable_stat: readonly [size: number, mtimeMs: number];
  /**
   * `sys.path` as the interpreter sees it, each directory with its mtime: installing or removing a package changes it.
   */
  readonly sys_path: ReadonlyArray<readonly [entry: string, mtimeMs: number | null]>;
  /**
   * The inherited environment Python reads, as the platform's settings give it (`PlatformSettings.pythonInheritedEnv`);
   * the command's own env is the caller's to key: it holds run-specific dirs.
   */
  readonly env: Readonly<Record<string, string>>;
}

function mtime(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * What an interpreter brings to a platform run besides the target's own files: which executable, the
 * directories it imports from, and the environment that steers it. Null when the interpreter does not answer:
 * then nothing it said earlier may be reused.
 */
export async function pythonFingerprint(
  executable: string,
  cwd: string,
  env: Readonly<Record<string, string>>,
  inheritedEnv: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<PythonFingerprint | null> {
  const run = await runCommand({
    file: executable,
    args: ["-c", "import sys; sys.stdout.write(chr(0).join(sys.path))"],
    cwd,
    env,
    timeoutMs,
  });
  if (run.exitCode !== 0 || run.timedOut) return null;
  // NUL-separated: no path contains one, and the interpreter starts without importing json.
  const entries = run.stdout.split("\0");
  const stat = statSync(executable, { throwIfNoEntry: false });
  if (!stat) return null;
  return {
    executable,
    executable_stat: [stat.size, stat.mtimeMs],
    sys_path: entries.filter((e) => isAbsolute(e)).map((e) => [e, mtime(e)] as const),
    env: { ...inheritedEnv },
  };
}
