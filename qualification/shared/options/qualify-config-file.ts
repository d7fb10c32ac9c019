import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { OptionsError } from "./resolve-options.ts";

/**
 * `qualify.config.ts`: every option in one typed place. Each key stands for one environment variable (the
 * README's table); the environment overrides the file, so CI can change one value without editing it.
 * Relative paths in the file are relative to the file.
 *
 *     import { defineQualifyConfig } from "<suite>/qualification/options/qualify-config-file.ts";
 *     export default defineQualifyConfig({ target: "../autocapture_prime", cliTimeoutMs: 180_000 });
 */
const path = z.string().min(1);
const ms = z.number().int().positive();
export const QualifyConfigFile = z
  .object({
    adapter: z.string().min(1),
    target: path,
    out: path,
    probes: path,
    deprecations: path,
    required: z.array(path),
    python: path,
    safeMode: z.boolean(),
    cliTimeoutMs: ms,
    pluginLoadTimeoutMs: ms,
    requireLockSignature: z.boolean(),
    keyring: path,
    lockSignature: path,
    signingKeyFile: path,
    service7411Url: z.url(),
    service8000Url: z.url(),
    expected: path,
    expectedCases: path,
    corpusDb: path,
    queryHosting: z.enum(["platform", "inproc"]),
    queryRepeat: z.number().int().positive(),
    queryTimeoutMs: ms,
    serviceTimeoutMs: ms,
    exampleServices: z.boolean(),
    watchReuse: z.boolean(),
  })
  .partial()
  .strict();

/** The variable each key stands for (the README's table). */
const VARIABLES: Readonly<Record<keyof z.infer<typeof QualifyConfigFile>, string>> = {
  adapter: "QUALIFY_ADAPTER",
  target: "QUALIFY_TARGET",
  out: "QUALIFY_OUT",
  probes: "QUALIFY_PROBES",
  deprecations: "QUALIFY_DEPRECATIONS",
  required: "QUALIFY_REQUIRED",
  python: "QUALIFY_PYTHON",
  safeMode: "QUALIFY_SAFE_MODE",
  cliTimeoutMs: "QUALIFY_CLI_TIMEOUT_MS",
  pluginLoadTimeoutMs: "QUALIFY_PLUGIN_LOAD_TIMEOUT_MS",
  requireLockSignature: "QUALIFY_REQUIRE_LOCK_SIGNATURE",
  keyring: "QUALIFY_KEYRING",
  lockSignature: "QUALIFY_LOCK_SIGNATURE",
  signingKeyFile: "QUALIFY_SIGNING_KEY_FILE",
  service7411Url: "QUALIFY_SERVICE_7411_URL",
  service8000Url: "QUALIFY_SERVICE_8000_URL",
  expected: "QUALIFY_EXPECTED",
  expectedCases: "QUALIFY_EXPECTED_CASES",
  corpusDb: "QUALIFY_CORPUS_DB",
  queryHosting: "QUALIFY_QUERY_HOSTING",
  queryRepeat: "QUALIFY_QUERY_REPEAT",
  queryTimeoutMs: "QUALIFY_QUERY_TIMEOUT_MS",
  serviceTimeoutMs: "QUALIFY_SERVICE_TIMEOUT_MS",
  exampleServices: "QUALIFY_EXAMPLE_SERVICES",
  watchReuse: "QUALIFY_WATCH_REUSE",
};

/** Keys holding file or directory paths (`python` may be a command name: left as written). */
const PATH_KEYS = new Set([
  "target",
  "out",
  "probes",
  "deprecations",
  "required",
  "keyring",
  "lockSignature",
  "signingKeyFile",
  "expected",
  "expectedCases",
  "corpusDb",
]);

/** On/off switches are spelled as their variables are read: `off` turns these two off, `1` turns the rest on. */
const ON_OFF = new Set(["exampleServices", "watchReuse"]);

export type QualifyConfigFile = z.infer<typeof QualifyConfigFile>;

/** Typing help for the file: returns its argument. */
export const defineQualifyConfig = (config: QualifyConfigFile): QualifyConfigFile => config;

const CONFIG_FILE = "qualify.config.ts";

/**
 * Reads `QUALIFY_CONFIG`, else `./qualify.config.ts` when it exists, and sets the variables it stands for in
 * `env` where they are not set already. Returns the file read, or null. A file that is not a valid config is an
 * OptionsError naming the key (a usage error: exit 2).
 */
export async function applyConfigFile(env: NodeJS.ProcessEnv, cwd: string): Promise<string | null> {
  const file = env.QUALIFY_CONFIG ? resolve(cwd, env.QUALIFY_CONFIG) : resolve(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (env.QUALIFY_CONFIG) throw new OptionsError(`QUALIFY_CONFIG does not exist: ${file}`);
    return null;
  }
  let loaded: unknown;
  try {
    loaded = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new OptionsError(`${file} could not be loaded: ${(error as Error).message}`);
  }
  const parsed = QualifyConfigFile.safeParse(loaded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OptionsError(`${file}: ${issue.path.join(".") || "(default export)"}: ${issue.message}`);
  }
  for (const [key, value] of Object.entries(parsed.data) as Array<[keyof QualifyConfigFile, unknown]>) {
    const variable = VARIABLES[key];
    if (env[variable] !== undefined || value === undefined) continue;
    const here = (p: string): string => (PATH_KEYS.has(key) ? resolve(dirname(file), p) : p);
    if (Array.isArray(value)) env[variable] = value.map((p: string) => here(p)).join(",");
    else if (typeof value === "boolean") env[variable] = ON_OFF.has(key) ? (value ? "on" : "off") : value ? "1" : "";
    else env[variable] = typeof value === "string" ? here(value) : String(value);
  }
  return file;
}
