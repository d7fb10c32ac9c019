import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { watchPeakRss } from "./process-tree.ts";

/** GNU time: the CPU time of a whole process tree (every waited-for descendant), which /proc sampling misses. */
const GNU_TIME = "/usr/bin/time";

export interface MeasuredRun {
  readonly wallMs: number;
  /**
   * User + system CPU time of the command and all its descendants (GNU time): steadier than wall time on a busy
   * machine.
   */
  readonly cpuMs: number;
  /** Peak of the summed RSS of the whole process tree (Vitest, its workers, the platform's Python processes). */
  readonly peakRssBytes: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** stdout and stderr, interleaved, as written to `logFile`. */
  readonly log: () => string;
}

export interface MeasuredCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
  readonly timeoutMs: number;
  /** Called for each chunk of output as it arrives (the watch measurement reacts to the reporter's lines). */
  readonly onOutput?: (text: string, child: { readonly pid: number }) => void;
}

/**
 * Runs a command in its own process group with its output in a log file, timing it and sampling the peak RSS
 * of its whole tree. A timeout kills the group and is reported as such, never as a measurement.
 */
export function runMeasured(command: MeasuredCommand): Promise<MeasuredRun> {
  if (!existsSync(GNU_TIME))
    throw new Error(`${GNU_TIME} is needed to measure CPU time (Debian: apt-get install time)`);
  const log = openSync(command.logFile, "w");
  const timeFile = `${command.logFile}.time`;
  rmSync(timeFile, { force: true });
  const started = performance.now();
  const child = spawn(GNU_TIME, ["-f", "%U %S", "-o", timeFile, command.file, ...command.args], {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const peak = watchPeakRss(child.pid!);
  const write = (chunk: Buffer): void => {
    // Synchronous on purpose: the log is complete when `close` fires.
    writeSync(log, chunk);
    command.onOutput?.(chunk.toString("utf8"), { pid: child.pid! });
  };
  child.stdout!.on("data", write);
  child.stderr!.on("data", write);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid!);
  }, command.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const peakRssBytes = peak.stop();
      closeSync(log);
      // A killed run (watch mode is ended that way) leaves no time file: its CPU time is unknown, never zero.
      const times = existsSync(timeFile) ? /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(readFileSync(timeFile, "utf8")) : null;
      const cpuMs = times ? (Number(times[1]) + Number(times[2])) * 1000 : Number.NaN;
      resolve({
        wallMs,
        cpuMs,
        peakRssBytes,
        exitCode: code,
        timedOut,
        log: () => readFileSync(command.logFile, "utf8"),
      });
    });
  });
}

export function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}
