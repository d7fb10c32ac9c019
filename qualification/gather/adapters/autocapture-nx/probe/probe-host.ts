import { execa } from "execa";
import { excerpt, killTree } from "../../../../shared/process/run-command.ts";
import { trackProcess, untrackProcess } from "../../../../shared/process/run-resources.ts";
import { applyPlaceholders } from "../cli/platform-cli.ts";
import { LoadIsolation } from "./load-isolation.ts";
import { clearProgress, culpritOf } from "./load-progress.ts";
import { runnerCommand, type ProbeCallContext } from "./run-probe-call.ts";

/** One answer of the host: the runner's payload (`probe_call.py`), or what the suite saw instead of one. */
export type HostAnswer =
  | { readonly kind: "payload"; readonly payload: Record<string, unknown> }
  | {
      readonly kind: "no_answer";
      readonly reason: "timeout" | "host_exited" | "host_invalid" | "spawn_failed";
      readonly detail: string;
    };

/** A host that died (or never answered) is started again for the next request, at most this many times (a load
 * restarted without a culprit plugin counts too). */
const MAX_STARTS = 6;
/** Beyond the step's own limit (the host enforces that one), how long the suite waits before killing the host. */
const HOST_GRACE_MS = 5_000;
/** Enough of the host's stderr for an excerpt; a chatty plugin must not grow it without bound. */
const STDERR_KEPT = 64 * 1024;
const EXIT_GRACE_MS = 5_000;

function spawnHost(command: ReturnType<typeof runnerCommand>) {
  return execa(command.file, command.args, {
    cwd: command.cwd,
    env: command.env,
    extendEnv: true,
    reject: false,
    detached: true,
    cleanup: true,
    buffer: false,
  });
}
type HostProcess = ReturnType<typeof spawnHost>;

/**
 * One `probe_runner.py --serve` process: the platform loaded once, every probe step answered by a fork of it
 * (probe_host.py). Requests are queued and answered one at a time, each with its own limit: the host kills a
 * step that overruns; if the host itself does not answer within the limit plus a grace, its whole tree is
 * killed here and the next request starts a new host. The first answer of a new host is its `ready` event,
 * which it must give within `loadTimeoutMs`.
 */
export class ProbeHost {
  private child: HostProcess | null = null;
  private starts = 0;
  private ready: Record<string, unknown> | null = null;
  private partial = "";
  private readonly lines: string[] = [];
  private stderr = "";
  private exited: string | null = null;
  private exitCode: number | null = null;
  private wake: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private closed = false;

  /**
   * The host's scratch files go to its working directory, a dir the suite owns and removes even if the host is killed.
   */
  constructor(
    private readonly ctx: ProbeCallContext,
    private readonly loadTimeoutMs: number,
    private readonly isolation: LoadIsolation = new LoadIsolation(30_000),
  ) {}

  /** The current host's process ID (for a test that kills it), if one runs. */
  get processId(): number | undefined {
    return this.child?.pid;
  }

  /** The `ready` event of the current host (load outcome), once one has answered. */
  get readyEvent(): Readonly<Record<string, unknown>> | null {
    return this.ready;
  }

  request(body: Record<string, unknown>, timeoutMs: number): Promise<HostAnswer> {
    const run = this.queue.then(() => this.exchange(body, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    const child = this.child;
    this.child = null;
    if (!child) return;
    child.stdin?.end();
    const grace = setTimeout(() => killTree(child.pid), EXIT_GRACE_MS);
    await child;
    clearTimeout(grace);
    killTree(child.pid);
    untrackProcess(child.pid);
  }

  private async exchange(body: Record<string, unknown>, timeoutMs: number): Promise<HostAnswer> {
    if (this.closed) return { kind: "no_answer", reason: "host_exited", detail: "the probe host was already closed" };
    if (!this.child) {
      if (this.starts >= MAX_STARTS)
        return {
          kind: "no_answer",
          reason: "host_exited",
          detail: `the probe host ended ${this.starts} times; no new one is started for this run`,
        };
      const started = await this.start();
      if (started) return started;
    }
    const id = this.nextId++;
    this.child!.stdin?.write(`${JSON.stringify({ ...body, id })}\n`);
    const raw = await this.nextLine(timeoutMs + HOST_GRACE_MS);
    // Run-specific strings (its fresh dirs, the services' URLs) become their stable names: the same inputs
    // give the same evidence, and run 1 and run 2 (two hosts, two sets of dirs) read alike.
    const line = raw === null ? null : applyPlaceholders(raw, jsonPlaceholders(this.ctx.placeholders));
    if (line === null)
      return await this.lost(
        `no answer within ${timeoutMs + HOST_GRACE_MS} ms (the step's limit plus ${HOST_GRACE_MS} ms); the host's process tree was killed`,
        "timeout",
      );
    const payload = parseObject(line);
    if (payload === null || payload.id !== id)
      return await this.lost(
        `the probe host answered with something other than the awaited JSON answer: ${JSON.stringify(excerpt(line, 300))}`,
        "host_invalid",
      );
    const { id: _id, ...rest } = payload;
    return { kind: "payload", payload: rest };
  }

  /**
   * Starts a host and reads its `ready` event; returns the failure when there is no usable host. A load that a
   * plugin kept from finishing (it hung past the per-plugin limit, or ended the interpreter) is started again
   * without that plugin: the culprit is named, the other plugins are still loaded and judged.
   */
  private async start(): Promise<HostAnswer | null> {
    for (;;) {
      const failure = await this.startOnce();
      if (failure === null || !this.isolation.add(culpritOf(this.ctx.workDir, this.exitCode, this.ctx.placeholders)))
        return failure;
    }
  }

  private async startOnce(): Promise<HostAnswer | null> {
    this.starts += 1;
    this.ready = null;
    this.lines.length = 0;
    this.partial = "";
    this.exited = null;
    this.exitCode = null;
    this.stderr = "";
    clearProgress(this.ctx.workDir);
    const child = spawnHost(
      runnerCommand(this.ctx, ["--serve", "--workdir", this.ctx.workDir, ...this.isolation.args()]),
    );
    this.child = child;
    trackProcess(child.pid);
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      const parts = (this.partial + chunk).split("\n");
      this.partial = parts.pop() ?? "";
      this.lines.push(...parts.filter((l) => l.trim() !== ""));
      this.wake?.();
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    child.stdin?.on("error", () => undefined); // EPIPE when the host is gone: its exit is what gets reported
    // The process's own exit, not the end of its streams: a step's process the host left behind may still hold
    // the host's stderr open.
    child.on("exit", (code, signal) => {
      if (child !== this.child) return;
      this.exitCode = code;
      this.exited = `exit ${code ?? signal ?? "?"}`;
      this.wake?.();
    });
    void child.then((result) => {
      if (child !== this.child || this.exited !== null) return;
      const spawn =
        result.failed && result.exitCode === undefined && !result.signal
          ? (result.shortMessage ?? "spawn failed")
          : null;
      this.exited = spawn ? `spawn:${spawn}` : `exit ${result.exitCode ?? result.signal ?? "?"}`;
      this.wake?.();
    });
    const line = await this.nextLine(this.loadTimeoutMs);
    if (line === null)
      return await this.lost(
        `the probe host did not finish loading the platform within ${this.loadTimeoutMs} ms; its process tree was killed`,
        "timeout",
      );
    const ready = parseObject(line);
    if (ready === null || ready.event !== "ready")
      return await this.lost(
        `the probe host's first line is not its ready event: ${JSON.stringify(excerpt(line, 300))}`,
        "host_invalid",
      );
    this.ready = ready;
    return null;
  }

  /** The next line, or null when the host ended or the limit passed (the reason is left in `exited`). */
  private nextLine(limitMs: number): Promise<string | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), limitMs);
      const settle = (line: string | null): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve(line);
      };
      this.wake = () => {
        if (this.lines.length > 0) settle(this.lines.shift()!);
        else if (this.exited !== null) settle(null);
      };
      this.wake();
    });
  }

  /** The host is of no further use: its tree is killed and the answer says why, with its stderr. */
  private async lost(why: string, reason: "timeout" | "host_invalid"): Promise<HostAnswer> {
    const child = this.child;
    this.child = null;
    if (child) {
      killTree(child.pid);
      untrackProcess(child.pid);
      // Its last words: stderr is read to its end (the tree is dead, so that is at most a moment).
      await Promise.race([child, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    }
    const stderr = excerpt(applyPlaceholders(this.stderr, this.ctx.placeholders), 800);
    if (this.exited?.startsWith("spawn:"))
      return {
        kind: "no_answer",
        reason: "spawn_failed",
        detail: `could not start the interpreter ${this.ctx.python}: ${this.exited.slice(6)}`,
      };
    // Ended before saying it was ready: the interpreter could not run the runner at all (wrong Python, broken install).
    if (this.exited !== null && this.ready === null)
      return {
        kind: "no_answer",
        reason: "spawn_failed",
        detail: `the interpreter ${this.ctx.python} ended (${this.exited}) before the probe runner was ready; stderr: ${stderr}`,
      };
    if (this.exited !== null)
      return {
        kind: "no_answer",
        reason: "host_exited",
        detail: `the probe host ended (${this.exited}) without answering; stderr: ${stderr}`,
      };
    return { kind: "no_answer", reason, detail: `${why}; stderr: ${stderr}` };
  }
}

/** Placeholders as they appear inside JSON strings (a path with a quote or backslash is escaped there). */
function jsonPlaceholders(placeholders: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
  return placeholders.map(([from, to]) => [JSON.stringify(from).slice(1, -1), to] as const);
}

function parseObject(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
