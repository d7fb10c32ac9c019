import { dirname, join } from "node:path";
import { AnswerCache } from "../../../shared/process/answer-cache.ts";
import { digestTree } from "../../../shared/io/tree-digest.ts";
import { pythonFingerprint } from "../../../shared/process/python-fingerprint.ts";
import { SUITE_ROOT, type QualifyOptions } from "../../../shared/options/resolve-options.ts";
import { autocaptureSettings } from "./autocapture-environment.ts";
import { applyPlaceholders } from "./cli/platform-cli.ts";
import { PROBE_RUNNER } from "./probe/probe-runner-path.ts";

export interface ReusableCommand<T> {
  /** The command's arguments: with the basis (target, interpreter, env), the cache key. */
  readonly command: readonly string[];
  /** What it is called when the run says it was reused (`plugins list`). */
  readonly label: string;
  readonly compute: () => Promise<T>;
  /** Whether this answer may be kept: a real answer, never a timeout, a crash or a failure to start. */
  readonly keep: (answer: T) => boolean;
  readonly parse: (stored: unknown) => T | null;
}

/**
 * Runs whole-platform commands, or returns their earlier answers when every input they have is unchanged.
 * New answers are kept only by `keepAnswers()`, once the commands are done, and only if the target is still
 * byte for byte what they ran on: an answer from a tree edited while it ran belongs to neither version.
 */
export interface PlatformAnswers {
  ask<T>(command: ReusableCommand<T>): Promise<T>;
  keepAnswers(): void;
  /** The commands answered from an earlier run in this session, so the run can say so. */
  reused(): readonly string[];
}

export interface ReuseContext {
  readonly root: string;
  /** The interpreter as the user named it (evidence shows this name) and its resolved executable. */
  readonly python: string;
  readonly pythonExecutable: string;
  /** The env the platform's commands get; the placeholders turn its run-specific dirs into stable names for the key. */
  readonly env: Readonly<Record<string, string>>;
  readonly placeholders: ReadonlyArray<readonly [string, string]>;
}

const ANSWER_CACHE_DIR = join(SUITE_ROOT, "node_modules/.cache/qualify-watch");

/**
 * Beyond this much target content (a virtualenv or data kept inside the checkout, say) reading it all on every
 * re-run could cost more than the platform's answers save: such a target is simply asked every time.
 */
const MAX_TARGET_BYTES = 512 * 1024 ** 2;

const RUN_ALWAYS: PlatformAnswers = { ask: (command) => command.compute(), keepAnswers: () => {}, reused: () => [] };

/**
 * In watch mode a re-run after editing a probe spec, or saving a file unchanged, must not pay again for the
 * platform's whole-platform calls (`plugins list`, `load-report`, the runtime capability listing): at 1,000
 * plugins they are most of a one-plugin re-run. Their answers are reused only while everything they read is
 * unchanged: the target's bytes (all of them, `.git` aside), the suite's probe runner, the interpreter and its
 * import directories, and the environment. Off outside watch mode, and when the user gives the platform its
 * own config or data dir (the platform may change those itself).
 */
export function platformAnswers(
  options: QualifyOptions,
  ctx: ReuseContext,
  cache = new AnswerCache(ANSWER_CACHE_DIR),
): PlatformAnswers {
  const settings = autocaptureSettings(options);
  if (!options.reusePlatformAnswers || settings.platformConfigDir !== null || settings.platformDataDir !== null)
    return RUN_ALWAYS;
  const targetDigest = (): string | null =>
    digestTree(ctx.root, { skipTopLevel: [".git"], maxBytes: MAX_TARGET_BYTES });
  let basisMemo: Promise<{ target: string; rest: unknown } | null> | null = null;
  const basis = () =>
    (basisMemo ??= (async () => {
      const python = await pythonFingerprint(
        ctx.pythonExecutable,
        ctx.root,
        ctx.env,
        settings.pythonInheritedEnv,
        Math.min(options.cliTimeoutMs, 10_000),
      );
      const target = targetDigest();
      if (python === null || target === null) return null;
      const env = Object.fromEntries(
        Object.entries(ctx.env).map(([k, v]) => [k, applyPlaceholders(v, ctx.placeholders)]),
      );
      return {
        target,
        rest: {
          root: ctx.root,
          python_name: ctx.python,
          python,
          env,
          safe_mode: options.safeMode,
          runner: digestTree(dirname(PROBE_RUNNER)) ?? "",
        },
      };
    })().catch(() => null));
  const fresh: Array<{ key: { target: string }; answer: unknown }> = [];
  const reused: string[] = [];

  return {
    async ask<T>(command: ReusableCommand<T>): Promise<T> {
      const known = await basis();
      if (known === null) return command.compute();
      const key = { ...known, command: command.command };
      const earlier = cache.get(key, command.parse);
      if (earlier !== null) {
        reused.push(command.label);
        return earlier;
      }
      const answer = await command.compute();
      if (command.keep(answer)) fresh.push({ key, answer });
      return answer;
    },
    keepAnswers(): void {
      const kept = fresh.splice(0);
      if (kept.length === 0) return;
      try {
        // Every key holds the same basis: the target as this session first read it.
        if (kept[0]!.key.target !== targetDigest()) return;
      } catch {
        return; // the target went away: nothing to keep answers about
      }
      for (const { key, answer } of kept) cache.put(key, answer);
    },
    reused: () => [...reused],
  };
}
