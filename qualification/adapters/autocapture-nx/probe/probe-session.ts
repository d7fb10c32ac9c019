import { execa } from "execa";
import type { ProbeRun } from "../../../../contracts/probe-spec.ts";
import { excerpt, killTree } from "../../../process/run-command.ts";
import { applyPlaceholders } from "../cli/platform-cli.ts";
import { probeRunOfPayload } from "./probe-run-of-payload.ts";
import { noAnswerWithin, noJson, runnerCommand, type ProbeCallContext } from "./run-probe-call.ts";

/** One step as the runner's session reads it (probe_session.py); `input` is sent as the one-shot stdin would be. */
export interface ProbeRequest {
  readonly capability: string;
  readonly method: string;
  readonly input: unknown;
  readonly via: "plugin" | "registry";
}

/** Enough of the runner's stderr for an excerpt; a chatty plugin must not grow it without bound. */
const STDERR_KEPT = 64 * 1024;
/** After stdin closes the runner exits at once (its last registry is already closed); past this it is killed. */
const EXIT_GRACE_MS = 5_000;

type Event = "line" | "exit" | "timeout";

function spawnRunner(command: ReturnType<typeof runnerCommand>) {
  return execa(command.file, command.args, { cwd: command.cwd, env: command.env, extendEnv: true, reject: false, detached: true, cleanup: true, buffer: false });
}
type RunnerProcess = ReturnType<typeof spawnRunner>;

/**
 * One probe_runner.py `--session` process: one interpreter answers the steps of one plugin's probe run, each
 * step with a fresh platform load. Started on the first request (a probe whose steps are all skipped starts
 * nothing); a request is written only after the previous answer was read. Each request has its own time limit:
 * no answer in time kills the process tree (detached group, SIGKILL) and the step is `timeout`; the runner
 * ending without an answer, or answering with anything but one JSON object, is `runner_failed` with its stderr.
 * Either way the session is over, and every later request is `runner_failed` without starting anything.
 */
export class ProbeSession {
  private child: RunnerProcess | null = null;
  private partial = "";
  private readonly lines: string[] = [];
  private stderr = "";
  private exit: { code: number | null; spawnError: string | null } | null = null;
  private over: string | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly ctx: ProbeCallContext,
    private readonly pluginId: string,
  ) {}

  /** The run of one step; never rejects. */
  async request(step: ProbeRequest, timeoutMs: number): Promise<ProbeRun> {
    if (this.over !== null) return { outcome: "runner_failed", error: `the runner's session had already ended (${this.over}); the step was not sent` };
    const child = this.child ?? this.start();
    if (this.lines.length > 0) {
      killTree(child.pid);
      return this.end("it wrote a line nobody asked for", { outcome: "runner_failed", error: this.unexpected(this.lines[0]!, "a line before this request was sent") });
    }
    child.stdin?.write(`${JSON.stringify({ capability: step.capability, method: step.method, input: step.input ?? null, via: step.via })}\n`);
    const event = await this.next(timeoutMs);
    if (event === "timeout") {
      killTree(child.pid);
      return this.end(`no answer within ${timeoutMs} ms`, { outcome: "timeout", error: noAnswerWithin(timeoutMs) });
    }
    if (event === "exit") {
      const exit = this.exit!;
      return this.end(`the runner exited (${exit.code})`, { outcome: "runner_failed", error: exit.spawnError ?? noJson(exit.code, this.stable(this.stderr)) });
    }
    const line = this.stable(this.lines.shift()!);
    const payload = parseObject(line);
    if (payload === null) {
      killTree(child.pid);
      return this.end("it answered with something other than a JSON object", { outcome: "runner_failed", error: this.unexpected(line, "an answer that is not a JSON object") });
    }
    return probeRunOfPayload(payload, null);
  }

  /** Ends the session: stdin closed, the runner given a moment to exit, then its whole process group killed. */
  async close(): Promise<void> {
    this.over ??= "closed";
    const child = this.child;
    if (!child) return;
    child.stdin?.end();
    const grace = setTimeout(() => killTree(child.pid), EXIT_GRACE_MS);
    await child;
    clearTimeout(grace);
    // Plugin hosts (or anything a plugin started) must not outlive the session.
    killTree(child.pid);
  }

  private start(): RunnerProcess {
    const child = spawnRunner(runnerCommand(this.ctx, ["--plugin", this.pluginId, "--session"]));
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      const parts = (this.partial + chunk).split("\n");
      this.partial = parts.pop() ?? "";
      this.lines.push(...parts.filter((line) => line.trim() !== ""));
      this.wake?.();
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    // EPIPE when the runner is gone: its exit is what gets reported.
    child.stdin?.on("error", () => undefined);
    void child.then((result) => {
      if (this.partial.trim() !== "") this.lines.push(this.partial);
      this.partial = "";
      const spawnError = result.failed && result.exitCode === undefined && !result.signal ? (result.shortMessage ?? "spawn failed") : null;
      this.exit = { code: result.exitCode ?? null, spawnError };
      this.wake?.();
    });
    this.child = child;
    return child;
  }

  /** The next answer line, the runner's exit, or the time limit, whichever comes first. */
  private next(timeoutMs: number): Promise<Event> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (event: Event): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.wake = null;
        resolve(event);
      };
      const timer = setTimeout(() => settle("timeout"), timeoutMs);
      this.wake = () => {
        if (this.lines.length > 0) settle("line");
        else if (this.exit) settle("exit");
      };
      this.wake();
    });
  }

  private end(why: string, run: ProbeRun): ProbeRun {
    this.over = why;
    return run;
  }

  private unexpected(line: string, what: string): string {
    return `the runner's session wrote ${what}: ${JSON.stringify(excerpt(this.stable(line), 300))}; stderr: ${excerpt(this.stable(this.stderr), 600)}`;
  }

  private stable(text: string): string {
    return applyPlaceholders(text, this.ctx.placeholders);
  }
}

function parseObject(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
