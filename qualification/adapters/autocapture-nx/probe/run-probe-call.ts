import type { ProbeRun } from "../../../../contracts/probe-spec.ts";
import { displayCommand, excerpt, runCommand, type CommandSpec } from "../../../process/run-command.ts";
import { applyPlaceholders, DISPLAY_ENV } from "../cli/platform-cli.ts";
import { probeRunOfPayload } from "./probe-run-of-payload.ts";
import { PROBE_RUNNER } from "./probe-runner-path.ts";

export interface ProbeCallContext {
  readonly root: string;
  readonly python: string;
  readonly pythonExecutable: string;
  readonly env: Readonly<Record<string, string>>;
  readonly placeholders: ReadonlyArray<readonly [string, string]>;
  /**
   * Probes run inproc (nested capability calls hang under subprocess hosting, reference §10.3), except
   * network-capable plugins, which the platform only loads under subprocess hosting (§10.2).
   */
  readonly hosting: "inproc" | "subprocess";
  /**
   * Under subprocess hosting, the plugins that keep their own host (the network-capable ones); every other
   * plugin is hosted inproc for the probe, so one probe starts one host rather than one per plugin.
   */
  readonly subprocessOnly?: readonly string[];
}

/** The runner as started for `args`, one-shot or `--session`: interpreter, arguments (hosting first), root, env. */
export function runnerCommand(ctx: ProbeCallContext, args: readonly string[]): { file: string; args: string[]; cwd: string; env: Readonly<Record<string, string>> } {
  return { file: ctx.pythonExecutable, args: [PROBE_RUNNER, ...hostingArgs(ctx), ...args], cwd: ctx.root, env: ctx.env };
}

function commandSpec(ctx: ProbeCallContext, args: readonly string[], input: unknown, timeoutMs: number): CommandSpec {
  return { ...runnerCommand(ctx, args), displayFile: ctx.python, timeoutMs, input: JSON.stringify(input ?? null), displayEnv: DISPLAY_ENV };
}

function hostingArgs(ctx: ProbeCallContext): string[] {
  if (ctx.hosting !== "subprocess") return [];
  return ["--hosting", "subprocess", ...(ctx.subprocessOnly ? ["--subprocess-only", ctx.subprocessOnly.join(",")] : [])];
}

/** The runner command as a person would paste it, stdin included; run-specific dirs replaced by placeholders. */
export function probeCommandDisplay(ctx: ProbeCallContext, args: readonly string[], input: unknown): string {
  const display = applyPlaceholders(displayCommand(commandSpec(ctx, args, input, 0)), ctx.placeholders);
  return `${display} <<< ${quoteForShell(JSON.stringify(input ?? null))}`;
}

function quoteForShell(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** One runner process for one call (or listing): the one-shot mode, also the command recorded per step. */
export async function runProbeCall(ctx: ProbeCallContext, args: readonly string[], input: unknown, timeoutMs: number): Promise<{ run: ProbeRun; display: string; payload: Record<string, unknown> | null }> {
  const raw = await runCommand(commandSpec(ctx, args, input, timeoutMs));
  const stable = (text: string): string => applyPlaceholders(text, ctx.placeholders);
  const result = { ...raw, stdout: stable(raw.stdout), stderr: stable(raw.stderr) };
  const display = probeCommandDisplay(ctx, args, input);
  if (result.timedOut) return { display, payload: null, run: { outcome: "timeout", error: noAnswerWithin(timeoutMs) } };
  if (result.spawnError) return { display, payload: null, run: { outcome: "runner_failed", error: result.spawnError } };
  const line = result.stdout.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  let payload: Record<string, unknown> | null = null;
  try {
    payload = line ? (JSON.parse(line) as Record<string, unknown>) : null;
  } catch {
    payload = null;
  }
  if (!payload) return { display, payload, run: { outcome: "runner_failed", error: noJson(result.exitCode, result.stderr) } };
  return { display, payload, run: probeRunOfPayload(payload, result.exitCode) };
}

export function noAnswerWithin(timeoutMs: number): string {
  return `no answer within ${timeoutMs} ms; the runner's process tree was killed`;
}

/** A runner that ended without answering: its exit code and the end of its stderr (placeholders applied). */
export function noJson(exitCode: number | null, stderr: string): string {
  return `exit ${exitCode}, no JSON on stdout; stderr: ${excerpt(stderr, 600)}`;
}
