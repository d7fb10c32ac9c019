import { copyFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { untrackDir } from "../../../../shared/process/run-resources.ts";
import { platformRunDir } from "../../../../shared/io/platform-run-dir.ts";
import { LoadIsolation } from "./load-isolation.ts";
import { ProbeHost } from "./probe-host.ts";
import type { ProbeCallContext } from "./run-probe-call.ts";

export interface ProbeHostsInput {
  readonly root: string;
  readonly python: string;
  readonly pythonExecutable: string;
  /** The platform env of the run (the user's AUTOCAPTURE_* knobs, no bytecode writes); the dirs are replaced. */
  readonly env: Readonly<Record<string, string>>;
  /** The user's own config dir, if given: its user.json is copied, never used in place (the platform writes it). */
  readonly userConfigDir: string | null;
  readonly loadTimeoutMs: number;
  /** Per plugin of a host's load: past this, the plugin is named as hanging and the load goes on without it. */
  readonly pluginLoadTimeoutMs: number;
  /** Further run-specific strings and their stable names (the services' URLs), applied to everything a host says. */
  readonly extraPlaceholders?: ReadonlyArray<readonly [string, string]>;
}

/** How a spec's own hosts load the platform, beyond the target's config (in memory only). */
export interface OwnHosting {
  /** The plugin is one the config does not enable: allowlisted and enabled for probing. */
  readonly enable: boolean;
  /** The spec's settings for its plugin. */
  readonly settings?: Readonly<Record<string, unknown>> | undefined;
}

/** The runner arguments (`--enable`, `--settings`) a spec's own hosts are started with, and its steps shown with. */
export function ownContext(pluginId: string, own: OwnHosting): Pick<ProbeCallContext, "enable" | "settings"> {
  return {
    ...(own.enable ? { enable: [pluginId] } : {}),
    ...(own.settings ? { settings: { [pluginId]: own.settings } } : {}),
  };
}

export const PROBE_CONFIG_DIR = "<probe-config-dir>";
export const PROBE_DATA_DIR = "<probe-data-dir>";
export const PROBE_WORK_DIR = "<probe-work-dir>";
export const PROBE_RUN_DIR = "<probe-run-dir>";

/**
 * The two probe hosts of a qualification (run 1 and run 2 of every step), each in its own fresh config and
 * data dir: the platform writes its data dir while it serves calls, and may write user.json (auto-quarantine),
 * so neither the user's dirs nor the CLI's are shared with probes. Both show as the same placeholders in
 * evidence. A plugin the config does not enable is probed in its own pair of hosts, the platform loaded with
 * that plugin enabled in memory, and so is a spec with settings of its own (`ownHost`), so the platform every
 * other plugin is judged on stays the configured one. Hosts start on first use; `close` ends them and removes their
 * dirs.
 */
export class ProbeHosts {
  private readonly hosts = new Map<string, ProbeHost>();
  /** Plugins that kept a host's load from finishing, shared by both hosts. */
  readonly isolation: LoadIsolation;
  private readonly dirs: string[] = [];
  /** How steps' one-shot commands are shown: host 1's context, its dirs replaced by the placeholders. */
  readonly display: ProbeCallContext;

  constructor(private readonly input: ProbeHostsInput) {
    this.isolation = new LoadIsolation(input.pluginLoadTimeoutMs);
    this.display = this.context(1);
  }

  host(run: 1 | 2): ProbeHost {
    return this.hostFor(`${run}`, () => (run === 1 ? this.display : this.context(2)));
  }

  /**
   * Run 1 or 2 of a host serving one plugin's spec alone, its platform loaded as `own` says (the plugin enabled
   * for probing, the spec's plugin settings); a spec with `setup` runs it there. Ended (`release`) once that
   * plugin is judged.
   */
  ownHost(pluginId: string, run: 1 | 2, own: OwnHosting): ProbeHost {
    return this.hostFor(`${run}:${pluginId}`, () => ({ ...this.context(run), ...ownContext(pluginId, own) }));
  }

  /** Ends the hosts of one enabled-for-probing plugin (each holds a whole platform in memory). */
  async release(pluginId: string): Promise<void> {
    const keys = [`1:${pluginId}`, `2:${pluginId}`];
    await Promise.all(keys.map((key) => this.hosts.get(key)?.close()));
    for (const key of keys) this.hosts.delete(key);
  }

  private hostFor(key: string, context: () => ProbeCallContext): ProbeHost {
    let host = this.hosts.get(key);
    if (!host) {
      host = new ProbeHost(context(), this.input.loadTimeoutMs, this.isolation);
      this.hosts.set(key, host);
    }
    return host;
  }

  async close(): Promise<void> {
    await Promise.all([...this.hosts.values()].map((host) => host.close()));
    for (const dir of this.dirs.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
      untrackDir(dir);
    }
  }

  private context(run: 1 | 2): ProbeCallContext {
    const { runDir, configDir, dataDir, workDir } = platformRunDir(`qualify-probe${run}-`);
    this.dirs.push(runDir);
    const user = this.input.userConfigDir ? join(this.input.userConfigDir, "user.json") : null;
    if (user && existsSync(user)) copyFileSync(user, join(configDir, "user.json"));
    const env = { ...this.input.env, AUTOCAPTURE_CONFIG_DIR: configDir, AUTOCAPTURE_DATA_DIR: dataDir };
    const placeholders = [
      [configDir, PROBE_CONFIG_DIR],
      [dataDir, PROBE_DATA_DIR],
      [workDir, PROBE_WORK_DIR],
      [runDir, PROBE_RUN_DIR],
      ...(this.input.extraPlaceholders ?? []),
    ] as const;
    return {
      root: this.input.root,
      workDir,
      python: this.input.python,
      pythonExecutable: this.input.pythonExecutable,
      env,
      placeholders,
    };
  }
}
