import type { PluginsConfig } from "../../config/effective-config.ts";

/** A complete `PluginsConfig` for registry-rule tests: platform defaults plus the given overrides. */
export function pluginsConfig(over: Partial<PluginsConfig> = {}): PluginsConfig {
  return {
    allowlist: [],
    defaultPack: [],
    enabled: {},
    safeMode: false,
    safeModeMinimal: false,
    locksEnforce: true,
    lockfile: "config/plugin_locks.json",
    searchPaths: [],
    networkAllowed: [],
    localhostAllowed: [],
    quarantine: [],
    preferredProviders: {},
    hosting: { mode: "subprocess", inprocAllowlist: [], wslForceInproc: true },
    ...over,
  };
}
