import { execa } from "execa";

const memo = new Map<string, Promise<string>>();

/**
 * The interpreter's real executable (`sys.executable`), looked up once per name. Version-manager shims
 * (pyenv, asdf) cost a few hundred milliseconds per start, and a qualification starts the interpreter hundreds
 * of times; the platform's own hosts use `sys.executable` too. Commands are still displayed with the name the
 * user gave, so evidence does not depend on where the interpreter is installed. A name that cannot be resolved
 * is returned unchanged: the first real command then fails with the interpreter's own error, as evidence.
 */
export function resolveInterpreter(python: string): Promise<string> {
  let found = memo.get(python);
  if (!found) {
    found = execa(python, ["-c", "import sys; sys.stdout.write(sys.executable)"], { reject: false, timeout: 30_000, extendEnv: true })
      .then((r) => (r.exitCode === 0 && typeof r.stdout === "string" && r.stdout.startsWith("/") ? r.stdout : python))
      .catch(() => python);
    memo.set(python, found);
  }
  return found;
}
