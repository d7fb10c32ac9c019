import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveProbeCatalog, type ProbeCatalogChoice } from "./resolve-probe-catalog.ts";

/** The suite's own root (where package.json lives), so defaults work from any working directory. */
export const SUITE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Every knob of a qualification run, fully resolved. Nothing else in the suite reads `process.env`. */
export interface QualifyOptions {
  /**
   * The platform adapter that reads the target (QUALIFY_ADAPTER; checked against the adapters there are when a run
   * opens).
   */
  readonly adapter: string;
  readonly target: string;
  readonly outDir: string;
  /** The probe catalog that applies to the target, and why (QUALIFY_PROBES, the target's own, or the suite's). */
  readonly probeCatalog: ProbeCatalogChoice;
  readonly deprecationsFile: string | null;
  readonly requiredFiles: readonly string[];
  readonly python: string;
  /**
   * The interpreter's real executable when already known (QUALIFY_PYTHON_EXECUTABLE): watch mode resolves it
   * once per session instead of once per re-run; null means resolve `python` (see resolveInterpreter).
   */
  readonly pythonExecutable: string | null;
  /**
   * The raw environment the options were resolved from, by sorted name: what the platform's own variables are read
   * from, by the adapter's declaration (gather/adapters/platform-environment.ts), since no name of them is known here.
   */
  readonly environment: Readonly<Record<string, string>>;
  /** The working directory the options were resolved in: relative paths in `environment` are relative to it. */
  readonly cwd: string;
  readonly cliTimeoutMs: number;
  /**
   * Per plugin while the suite's probe hosts load the platform (QUALIFY_PLUGIN_LOAD_TIMEOUT_MS): a plugin still
   * being imported or created past this is named as hanging (with its stack) and the load goes on without it.
   */
  readonly pluginLoadTimeoutMs: number;
  /**
   * Run the spec of a plugin the target's config does not enable, on a platform loaded with it enabled in memory
   * (informational; QUALIFY_PROBE_NOT_ENABLED=0 skips it: two more platform loads per such plugin).
   */
  readonly probeNotEnabled: boolean;
  readonly requireLockSignature: boolean;
  readonly keyringFile: string | null;
  readonly signatureFile: string | null;
  readonly serviceUrls: { readonly service_7411: string; readonly service_8000: string };
  readonly signingKey: string | null;
  readonly signingKeyFile: string | null;
  /** GitHub Actions' GITHUB_STEP_SUMMARY file: the markdown summary is appended to it when set. */
  readonly githubStepSummary: string | null;
  /**
   * Under GitHub Actions (GITHUB_ACTIONS=true) failures are also logged as workflow annotations, with paths relative to
   * its workspace (GITHUB_WORKSPACE, else the cwd).
   */
  readonly githubAnnotations: { readonly workspace: string } | null;
  /** junit.xml carries real test times (GitHub Actions, or QUALIFY_JUNIT_TIMES=1); they make it differ between runs. */
  readonly junitTimes: boolean;
  /** Run the platform with its global `--safe-mode` flag (user.json ignored, default_pack only). */
  readonly safeMode: boolean;
  /**
   * Expected answers (QUALIFY_EXPECTED): the suite's format or the platform's `real_corpus_expected_answers_v1.json`.
   * Default: `<target>/corpus/expected_answers.json`, else
   * `<target>/docs/contracts/real_corpus_expected_answers_v1.json`, when present.
   */
  readonly expectedFile: string | null;
  /**
   * The platform format's cases file (QUALIFY_EXPECTED_CASES); default `<contract
   * dir>/../query_eval_cases_advanced20.json`.
   */
  readonly expectedCasesFile: string | null;
  /**
   * A metadata.db copied into a fresh platform data dir (QUALIFY_CORPUS_DB); default `<target>/corpus/metadata.db` when
   * present.
   */
  readonly corpusDb: string | null;
  /** How often each query case runs; the answer signature must be equal every time (QUALIFY_QUERY_REPEAT). */
  readonly queryRepeat: number;
  /** Per query attempt, CLI or popup; the process tree is killed at the limit (QUALIFY_QUERY_TIMEOUT_MS). */
  readonly queryTimeoutMs: number;
  /**
   * How the query tier's CLI queries host plugins (QUALIFY_QUERY_HOSTING): `platform` (as the target's config
   * and env say: under subprocess hosting the real platform's boot hangs on a nested call) or `inproc`.
   */
  readonly queryHosting: "platform" | "inproc";
  /** Per HTTP step of a service probe (QUALIFY_SERVICE_TIMEOUT_MS). */
  readonly serviceTimeoutMs: number;
  /** `--shard i/n` of `pnpm test:qualify` (or QUALIFY_SHARD=i/n): qualify only this shard's plugins. */
  readonly shard: { readonly index: number; readonly count: number } | null;
  /**
   * Watch mode (QUALIFY_WATCH, set by the qualify plugin when Vitest watches): the platform's whole-platform
   * answers are reused across re-runs while nothing they depend on changed. QUALIFY_WATCH_REUSE=off disables it.
   */
  readonly reusePlatformAnswers: boolean;
}

export class OptionsError extends Error {
  readonly code = "OPTIONS_INVALID";
}

function absolute(path: string, base: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new OptionsError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

function existing(path: string): string | null {
  return existsSync(path) ? path : null;
}

const OFF = ["0", "off", "false", "no"];

function truthy(raw: string | undefined): boolean {
  return raw !== undefined && ["1", "true", "yes"].includes(raw.toLowerCase());
}

function list(raw: string | undefined, cwd: string): string[] {
  if (!raw) return [];
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => absolute(item, cwd));
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = raw.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(value))
    throw new OptionsError(`${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(raw)}`);
  return value as T;
}

function parseShard(raw: string | undefined): QualifyOptions["shard"] {
  if (raw === undefined || raw === "") return null;
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new OptionsError(`shard must be i/n with 1 ≤ i ≤ n, got ${JSON.stringify(raw)}`);
  return { index, count };
}

function snapshot(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(env).sort()) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Where outputs go, resolvable even when the other options are not (a usage error still writes junit.xml). */
export function resolveOutDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return absolute(env.QUALIFY_OUT || resolve(SUITE_ROOT, "artifacts/qualification"), cwd);
}

export function resolveOptions(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): QualifyOptions {
  const target = absolute(env.QUALIFY_TARGET || resolve(SUITE_ROOT, "fixtures/example-platform"), cwd);
  if (!existsSync(target)) throw new OptionsError(`QUALIFY_TARGET does not exist: ${target}`);
  const optionalPath = (raw: string | undefined): string | null => (raw ? absolute(raw, cwd) : null);
  return {
    target,
    outDir: resolveOutDir(env, cwd),
    probeCatalog: resolveProbeCatalog(target, optionalPath(env.QUALIFY_PROBES), resolve(SUITE_ROOT, "probes")),
    deprecationsFile: optionalPath(env.QUALIFY_DEPRECATIONS),
    adapter: env.QUALIFY_ADAPTER || "autocapture-nx",
    requiredFiles: list(env.QUALIFY_REQUIRED, cwd),
    python: env.QUALIFY_PYTHON || "python3",
    pythonExecutable: env.QUALIFY_PYTHON_EXECUTABLE || null,
    environment: snapshot(env),
    cwd,
    cliTimeoutMs: positiveInt("QUALIFY_CLI_TIMEOUT_MS", env.QUALIFY_CLI_TIMEOUT_MS, 120_000),
    pluginLoadTimeoutMs: positiveInt("QUALIFY_PLUGIN_LOAD_TIMEOUT_MS", env.QUALIFY_PLUGIN_LOAD_TIMEOUT_MS, 30_000),
    probeNotEnabled: env.QUALIFY_PROBE_NOT_ENABLED !== "0",
    requireLockSignature: truthy(env.QUALIFY_REQUIRE_LOCK_SIGNATURE),
    keyringFile: optionalPath(env.QUALIFY_KEYRING),
    signatureFile: optionalPath(env.QUALIFY_LOCK_SIGNATURE),
    serviceUrls: {
      service_7411: env.QUALIFY_SERVICE_7411_URL || "http://127.0.0.1:7411",
      service_8000: env.QUALIFY_SERVICE_8000_URL || "http://127.0.0.1:8000",
    },
    signingKey: env.QUALIFY_SIGNING_KEY || null,
    signingKeyFile: optionalPath(env.QUALIFY_SIGNING_KEY_FILE),
    githubStepSummary: optionalPath(env.GITHUB_STEP_SUMMARY),
    githubAnnotations: env.GITHUB_ACTIONS === "true" ? { workspace: env.GITHUB_WORKSPACE || cwd } : null,
    junitTimes: env.GITHUB_ACTIONS === "true" || env.QUALIFY_JUNIT_TIMES === "1",
    safeMode: truthy(env.QUALIFY_SAFE_MODE),
    expectedFile:
      optionalPath(env.QUALIFY_EXPECTED) ??
      existing(resolve(target, "corpus/expected_answers.json")) ??
      existing(resolve(target, "docs/contracts/real_corpus_expected_answers_v1.json")),
    expectedCasesFile: optionalPath(env.QUALIFY_EXPECTED_CASES),
    corpusDb: optionalPath(env.QUALIFY_CORPUS_DB) ?? existing(resolve(target, "corpus/metadata.db")),
    queryHosting: oneOf(
      "QUALIFY_QUERY_HOSTING",
      env.QUALIFY_QUERY_HOSTING,
      ["platform", "inproc"] as const,
      "platform",
    ),
    queryRepeat: positiveInt("QUALIFY_QUERY_REPEAT", env.QUALIFY_QUERY_REPEAT, 3),
    queryTimeoutMs: positiveInt("QUALIFY_QUERY_TIMEOUT_MS", env.QUALIFY_QUERY_TIMEOUT_MS, 90_000),
    serviceTimeoutMs: positiveInt("QUALIFY_SERVICE_TIMEOUT_MS", env.QUALIFY_SERVICE_TIMEOUT_MS, 5_000),
    shard: parseShard(env.QUALIFY_SHARD),
    reusePlatformAnswers: truthy(env.QUALIFY_WATCH) && !OFF.includes((env.QUALIFY_WATCH_REUSE ?? "").toLowerCase()),
  };
}
