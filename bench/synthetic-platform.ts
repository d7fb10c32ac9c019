/**
 * A synthetic Autocapture NX platform of N plugins, for the benchmark.
 *
 * - The platform code is the example platform's own `autocapture_nx` package, copied verbatim: `plugins list`
 *   and `plugins load-report` read every manifest, hash every plugin directory in Python (sha256 over the same
 *   files, with the same newline normalisation) and really load each plugin. That is the platform's honest cost.
 * - Hosting: `plugins.hosting.mode = "inproc"` with `inproc_allow_all: true`, and every plugin also listed in
 *   `inproc_allowlist` (with a justification). Subprocess hosting would spawn one Python host per plugin, i.e.
 *   10,000 interpreters per load; inproc keeps the platform's cost realistic (compile + exec + instantiate each
 *   plugin) but bounded. The inproc allowlist matters because the suite's runtime-capability listing forces
 *   `AUTOCAPTURE_PLUGINS_HOSTING_MODE=subprocess`, under which only allowlisted IDs stay inproc.
 * - Locks: `contracts/lock.json` and an extended-v1 `config/plugin_locks.json` computed with the suite's TS
 *   hashing; the Python load-report re-hashes every plugin, so a disagreement would show up as failed loads
 *   (`verifySyntheticPlatform` checks that none did).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { digestDirectory } from "../qualification/gather/adapters/autocapture-nx/hashing/sha256-directory.ts";
import { sha256File } from "../qualification/gather/adapters/autocapture-nx/hashing/sha256-file.ts";
import { pythonJsonDumps } from "../qualification/shared/json/python-json-dumps.ts";
import { SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { generatorFingerprint } from "./synthetic/generator-fingerprint.ts";
import { pluginFiles, syntheticPlugin, type SyntheticPlugin } from "./synthetic/plugin-files.ts";

const EXAMPLE = join(SUITE_ROOT, "fixtures/example-platform");
/** Kept inside .git so the committed tree stays clean. */
const STAMP = ".git/synthetic-platform.json";
const CONTRACT_FILES = ["contracts/config_schema.json", "contracts/plugin_manifest.schema.json"] as const;
const GENERATED_AT = "2026-01-01T00:00:00+00:00";
/** Every 50th plugin is switched off in config: a realistic sprinkle of `enabled` failures. */
const DISABLED_EVERY = 50;

export interface SyntheticPlatform {
  readonly root: string;
  readonly plugins: readonly SyntheticPlugin[];
  /** Absolute plugin directories, in plugin order. */
  readonly pluginDirs: readonly string[];
  readonly fileCount: number;
  readonly totalBytes: number;
  /** True when an identical platform was already on disk and reused. */
  readonly reused: boolean;
}

interface Stamp {
  /** generatorFingerprint() when the tree was written: a platform from any other generator is rebuilt. */
  readonly generator: string;
  readonly plugins: number;
  readonly fileCount: number;
  readonly totalBytes: number;
}

function writeFile(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

function pluginsConfig(plugins: readonly SyntheticPlugin[], example: Record<string, unknown>): Record<string, unknown> {
  const base = example.plugins as Record<string, unknown>;
  const ids = plugins.map((p) => p.id);
  return {
    ...base,
    allowlist: ids,
    capabilities: {},
    default_pack: ids.slice(0, Math.min(10, ids.length)),
    enabled: Object.fromEntries(plugins.map((p) => [p.id, p.index % DISABLED_EVERY !== DISABLED_EVERY - 1])),
    hosting: {
      ...(base.hosting as Record<string, unknown>),
      mode: "inproc",
      inproc_allow_all: true,
      inproc_allowlist: ids,
      inproc_justifications: Object.fromEntries(
        ids.map((id) => [id, "synthetic benchmark plugin: no network, no native code"]),
      ),
    },
    permissions: { localhost_allowed_plugin_ids: [], network_allowed_plugin_ids: [] },
    settings: {},
  };
}

function defaultConfig(plugins: readonly SyntheticPlugin[]): string {
  const example = JSON.parse(readFileSync(join(EXAMPLE, "config/default.json"), "utf8")) as Record<string, unknown>;
  const caps = plugins.slice(0, 3).map((p) => p.capability);
  const config = {
    ...example,
    kernel: { required_capabilities: caps, safe_mode_required_capabilities: caps, schema_version: 1 },
    plugins: pluginsConfig(plugins, example),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

async function writeLocks(root: string, plugins: readonly SyntheticPlugin[]): Promise<void> {
  const files: Record<string, string> = {};
  for (const rel of CONTRACT_FILES) files[rel] = await sha256File(join(root, rel));
  writeFile(
    join(root, "contracts/lock.json"),
    `${pythonJsonDumps({ files, generated_at: GENERATED_AT, version: 1 }, { indent: 2, sortKeys: true })}\n`,
  );
  const contractHash = await sha256File(join(root, "contracts/lock.json"));
  const entries: Record<string, unknown> = {};
  for (const plugin of plugins) {
    const digest = await digestDirectory(join(root, "plugins/builtin", plugin.dir), {
      fileDigests: (rel) => rel === "plugin.json",
    });
    entries[plugin.id] = {
      artifact_sha256: digest.sha256,
      contract_lock_hash: contractHash,
      kernel_api_version: "0.1.0",
      manifest_sha256: digest.files[0]!.sha256,
      sbom: { requirements: [], requirements_sha256: null },
    };
  }
  const lock = {
    contract_lock_hash: contractHash,
    generated_at: GENERATED_AT,
    kernel_api_version: "0.1.0",
    plugins: entries,
    version: 1,
  };
  writeFile(join(root, "config/plugin_locks.json"), pythonJsonDumps(lock, { indent: 2, sortKeys: true }));
}

/**
 * A real target is a git checkout and the suite records its commit (`git rev-parse` + `git status` over the
 * tree), so the synthetic one is committed too. Fixed identity and dates keep the commit id deterministic.
 */
function commitTree(root: string): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "bench",
    GIT_AUTHOR_EMAIL: "bench@example.invalid",
    GIT_COMMITTER_NAME: "bench",
    GIT_COMMITTER_EMAIL: "bench@example.invalid",
    GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
    GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
  };
  const git = (...args: string[]): void =>
    void execFileSync("git", ["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", ...args], {
      cwd: root,
      env,
      stdio: "ignore",
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "synthetic platform");
}

function readStamp(root: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(join(root, STAMP), "utf8")) as Stamp;
  } catch {
    return null;
  }
}

/**
 * Writes (or reuses, when `reuse` and one from the same generator exists) a platform of `count` plugins at
 * `root`. The tree is deterministic: the same count and generator always give the same bytes.
 */
export async function generateSyntheticPlatform(
  root: string,
  count: number,
  options: { reuse?: boolean } = {},
): Promise<SyntheticPlatform> {
  const plugins = Array.from({ length: count }, (_, i) => syntheticPlugin(i));
  const pluginDirs = plugins.map((p) => join(root, "plugins/builtin", p.dir));
  const stamp = readStamp(root);
  const fingerprint = generatorFingerprint();
  if (options.reuse && stamp && stamp.generator === fingerprint && stamp.plugins === count)
    return { root, plugins, pluginDirs, fileCount: stamp.fileCount, totalBytes: stamp.totalBytes, reused: true };

  if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(join(EXAMPLE, "autocapture_nx"), join(root, "autocapture_nx"), {
    recursive: true,
    filter: (src) => !src.includes("__pycache__"),
  });
  cpSync(join(EXAMPLE, "pyproject.toml"), join(root, "pyproject.toml"));
  for (const rel of CONTRACT_FILES) cpSync(join(EXAMPLE, rel), join(root, rel));
  writeFile(join(root, "config/default.json"), defaultConfig(plugins));
  let fileCount = 0;
  let totalBytes = 0;
  for (const plugin of plugins) {
    for (const file of pluginFiles(plugin)) {
      writeFile(join(root, "plugins/builtin", plugin.dir, file.rel), file.bytes);
      fileCount += 1;
      totalBytes += file.bytes.length;
    }
  }
  await writeLocks(root, plugins);
  commitTree(root);
  const written: Stamp = { generator: fingerprint, plugins: count, fileCount, totalBytes };
  writeFileSync(join(root, STAMP), `${JSON.stringify(written)}\n`);
  return { root, plugins, pluginDirs, fileCount, totalBytes, reused: false };
}
