import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveInterpreter } from "../../qualification/shared/process/resolve-interpreter.ts";

export interface LoggingInterpreter {
  /** Pass as QUALIFY_PYTHON. */
  readonly python: string;
  /**
   * Every start so far, one argument line each (`-m autocapture_nx plugins list --json`, `…/probe_runner.py --plugin x
   * …`).
   */
  calls(): string[];
}

/**
 * A python3 that writes one line per start to a log, then runs the real interpreter: it counts what the suite
 * runs on the platform. The suite asks the interpreter once for `sys.executable` (to skip version-manager
 * shims); like a virtualenv's python, this wrapper answers with its own path, so every later start is logged too.
 */
export async function loggingInterpreter(dir: string): Promise<LoggingInterpreter> {
  const real = await resolveInterpreter("python3");
  const python = join(dir, "python3");
  const log = join(dir, "python-calls.log");
  writeFileSync(
    python,
    [
      "#!/bin/sh",
      'case "$*" in',
      `  *"sys.stdout.write(sys.executable)"*) printf '%s' "$0"; exit 0 ;;`,
      "esac",
      `printf '%s\\n' "$*" >> '${log}'`,
      `exec '${real}' "$@"`,
      "",
    ].join("\n"),
  );
  chmodSync(python, 0o755);
  return {
    python,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter((line) => line.length > 0)
        : [],
  };
}
