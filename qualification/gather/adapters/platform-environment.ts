import { isAbsolute, resolve } from "node:path";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";

/**
 * The environment variables a platform reads, declared by its adapter as data: the options only keep the raw
 * environment they were resolved from, so the suite's lower layers know no platform's variable names.
 */
export interface PlatformEnvironment {
  /** Variables with this prefix change the platform's behaviour: they are passed through (e.g. `AUTOCAPTURE_`). */
  readonly prefix: string;
  /** Prefixed variables the suite sets itself for each run (config/data dirs, root): never passed through. */
  readonly ownedBySuite: readonly string[];
  /** The variables naming a user-given config and data dir (null: the platform has none; a fresh dir per run). */
  readonly configDirVariable: string | null;
  readonly dataDirVariable: string | null;
  /** The variable naming the model its VLM service must list, and the platform's default (null: no VLM). */
  readonly vlmModel: { readonly variable: string; readonly fallback: string } | null;
  /** Variables that, when set, mean the user points the platform at services of their own. */
  readonly servicesConfiguredBy: readonly string[];
}

/** What a run's options mean for one platform, by its declared environment. */
export interface PlatformSettings {
  /** The prefixed variables that change platform behaviour, by sorted name, minus those the suite owns. */
  readonly platformEnv: Readonly<Record<string, string>>;
  /** User-given platform config/data dirs (absolute); null means a fresh temp dir per run. */
  readonly platformConfigDir: string | null;
  readonly platformDataDir: string | null;
  /** The model the VLM service (port 8000) must list; null when the platform declares no VLM. */
  readonly vlmModel: string | null;
  /**
   * The inherited variables Python and its imports read (PATH, HOME, LANG, LC_*, TZ, VIRTUAL_ENV, CONDA_*,
   * PYTHON*, and the platform's prefixed ones), by sorted name: part of what a reused platform answer depends on.
   * Vitest's own variables and the rest do not matter to the interpreter, so they never invalidate an answer.
   */
  readonly pythonInheritedEnv: Readonly<Record<string, string>>;
  /** Some variable says the user configured the platform's services themselves. */
  readonly servicesConfigured: boolean;
}

const PYTHON_ENV = /^(PATH|HOME|LANG|LC_\w+|TZ|VIRTUAL_ENV|CONDA_\w+|PYTHON\w*)$/;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The settings of `options` for the platform declaring `environment`; pure, from the options' snapshot alone. */
export function platformSettings(
  options: Pick<QualifyOptions, "environment" | "cwd">,
  environment: PlatformEnvironment,
): PlatformSettings {
  const env = options.environment;
  const names = Object.keys(env).sort();
  const owned = new Set(environment.ownedBySuite);
  const prefixed = new RegExp(`^${escapeRegExp(environment.prefix)}\\w+$`);
  const platformEnv: Record<string, string> = {};
  for (const key of names) if (key.startsWith(environment.prefix) && !owned.has(key)) platformEnv[key] = env[key] ?? "";
  const pythonInheritedEnv: Record<string, string> = {};
  for (const key of names)
    if (PYTHON_ENV.test(key) || (environment.prefix !== "" && prefixed.test(key)))
      pythonInheritedEnv[key] = env[key] ?? "";
  const dir = (variable: string | null): string | null => {
    const raw = variable === null ? undefined : env[variable];
    if (!raw) return null;
    return isAbsolute(raw) ? raw : resolve(options.cwd, raw);
  };
  return {
    platformEnv,
    platformConfigDir: dir(environment.configDirVariable),
    platformDataDir: dir(environment.dataDirVariable),
    vlmModel:
      environment.vlmModel === null ? null : env[environment.vlmModel.variable] || environment.vlmModel.fallback,
    pythonInheritedEnv,
    servicesConfigured: environment.servicesConfiguredBy.some((name) => Boolean(env[name])),
  };
}
