import { runCommand } from "./run-command.ts";

const memo = new Map<string, Promise<string>>();

/**
 * The interpreter's real executable (`sys.executable`), looked up once per name. Version-manager shims
 * (pyenv, asdf) cost a few hundred milliseconds per start, and a qualification starts the interpreter hundreds
 * of times; the platform's own hosts use `sys.executable` too. Commands are still displayed with the name the
 * user gave, so evidence does not depend on where the interpreter is installed. A name that cannot be resolved
 * (or hangs: its process tree is killed at `timeoutMs`) is returned unchanged: the first real command then
 * fails with the interpreter's own error, or its own timeout, as evidence.
 */
export function resolveInterpreter(python: string, timeoutMs = 10_000): Promise<string> {
  let found = memo.get(python);
  if (!found) {
    found = runCommand({
      file: python,
      args: ["-c", "import sys; sys.stdout.write(sys.executable)"],
      cwd: process.cwd(),
      env: {},
      timeoutMs,
    })
      .then((r) => (r.exitCode === 0 && !r.timedOut && r.stdout.startsWith("/") ? r.stdout : python))
      .catch(() => python);
    memo.set(python, found);
  }
  return found;
}

/** The executable a qualification spawns: the one the options already name, else `python` resolved. */
export function interpreterFor(options: {
  readonly python: string;
  readonly pythonExecutable: string | null;
  readonly cliTimeoutMs: number;
}): Promise<string> {
  return options.pythonExecutable !== null
    ? Promise.resolve(options.pythonExecutable)
    : resolveInterpreter(options.python, Math.min(options.cliTimeoutMs, 10_000));
}
