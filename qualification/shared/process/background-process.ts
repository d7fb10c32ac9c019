import { execa } from "execa";

export interface BackgroundSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** The child is ready once a stdout line matches this (e.g. `locked`, `listening`). */
  readonly ready: RegExp;
  readonly readyTimeoutMs: number;
}

export interface BackgroundProcess {
  readonly pid: number;
  /** The stdout line that matched `ready`. */
  readonly readyLine: string;
  /** Kills the whole process group and waits for the child to be reaped. Idempotent. */
  stop(): Promise<void>;
}

class BackgroundStartError extends Error {
  readonly code = "BACKGROUND_START_FAILED";
}

/**
 * A long-running helper process (a lock holder, a service): started like `runCommand` starts commands —
 * execa, its own process group, the whole tree killed on stop — but resolved as soon as it says it is ready
 * instead of when it exits. A child that exits or stays silent past the timeout is a start error.
 */
export async function startBackground(spec: BackgroundSpec): Promise<BackgroundProcess> {
  const child = execa(spec.file, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env ?? {},
    extendEnv: true,
    reject: false,
    detached: true,
    cleanup: true,
    buffer: false,
    stdin: "ignore",
    stderr: "pipe",
  });
  const pid = child.pid;
  if (pid === undefined) throw new BackgroundStartError(`could not start ${spec.file}`);
  const killGroup = (): void => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // ESRCH: already gone.
    }
  };
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const readyLine = await new Promise<string>((resolve, reject) => {
    let pending = "";
    const timer = setTimeout(() => fail(`not ready within ${spec.readyTimeoutMs} ms`), spec.readyTimeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      killGroup();
      reject(
        new BackgroundStartError(`${spec.file} ${spec.args.join(" ")}: ${why}; stderr: ${stderr.trim().slice(-500)}`),
      );
    };
    child.stdout?.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      const hit = lines.find((line) => spec.ready.test(line));
      if (hit !== undefined) {
        clearTimeout(timer);
        resolve(hit);
      }
    });
    void child.then((result) => fail(`exited (${result.exitCode ?? result.signal}) before it was ready`));
  });
  let stopped: Promise<void> | null = null;
  return {
    pid,
    readyLine,
    stop: () =>
      (stopped ??= (async () => {
        killGroup();
        await child;
      })()),
  };
}
