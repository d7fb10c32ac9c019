import { join } from "node:path";
import { execa } from "execa";
import { SUITE_ROOT } from "../../qualification/shared/options/resolve-options.ts";

/** Vitest's own entry point: `pnpm test:qualify …` is `vitest --mode qualify …` run with node from the suite root. */
export const VITEST_BIN = join(SUITE_ROOT, "node_modules/vitest/vitest.mjs");

export interface VitestChild {
  /** Vitest's main process (it leads its own process group). */
  readonly pid: number;
  /** Resolves when Vitest's main process has exited. */
  readonly done: Promise<unknown>;
  /** Everything printed so far (stdout and stderr, in arrival order, colours off). */
  output(): string;
  /** Resolves with the output once `done(output)` holds; rejects with the output so far after `timeoutMs`. */
  waitFor(what: string, done: (output: string) => boolean, timeoutMs: number): Promise<string>;
  /** Kills the child's whole process group (Vitest, its workers, the platform processes they started). */
  stop(): Promise<void>;
}

/**
 * A long-running Vitest (watch mode) as a real child process in its own process group, read while it runs.
 * Nothing is written to its stdin: watch mode then still re-runs on file changes, without keyboard shortcuts.
 */
export function startVitest(args: readonly string[], env: Readonly<Record<string, string>>): VitestChild {
  const child = execa(process.execPath, [VITEST_BIN, ...args], {
    cwd: SUITE_ROOT,
    env: { ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
    extendEnv: true,
    reject: false,
    detached: true,
    cleanup: true,
    buffer: false,
    stdin: "ignore",
    all: true,
  });
  let text = "";
  const waiters = new Set<() => void>();
  child.all?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const check of waiters) check();
  });
  let exited = false;
  void child.then(() => {
    exited = true;
    for (const check of waiters) check();
  });
  return {
    pid: child.pid!,
    done: child,
    output: () => text,
    waitFor: (what, done, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`vitest: no ${what} within ${timeoutMs} ms; output so far:\n${text.slice(-6000)}`)),
          timeoutMs,
        );
        const finish = (error: Error | null): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(text);
        };
        const check = (): void => {
          if (done(text)) finish(null);
          else if (exited) finish(new Error(`vitest exited before ${what}; output:\n${text.slice(-6000)}`));
        };
        waiters.add(check);
        check();
      }),
    stop: async () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // ESRCH: the group is already gone.
      }
      await child;
    },
  };
}
