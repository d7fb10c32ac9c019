import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ManifestFacts } from "../../../../../contracts/evidence.ts";
import type { QualifyOptions } from "../../../../shared/options/resolve-options.ts";
import { autocaptureSettings } from "../autocapture-environment.ts";
import { loadEffectiveConfig } from "../config/effective-config.ts";
import { discoverManifestPaths } from "../manifests/discover-manifests.ts";
import { readManifest } from "../manifests/read-manifest.ts";
import { KERNEL_API_VERSION } from "../platform-facts.ts";

/**
 * The manifest facts of one plugin as the platform would discover them (builtin root + the effective
 * config's `search_paths`, sorted, first match wins), or null when no plugin.json declares the ID. Schema
 * and compat faults are kept in `facts.fault` but do not hide the facts: a scaffold only needs the
 * declared capabilities, and the qualification reports the fault anyway.
 */
export function findPluginManifest(options: QualifyOptions, pluginId: string): ManifestFacts | null {
  // Without a user config dir there is no user.json; an empty scratch dir says exactly that.
  const settings = autocaptureSettings(options);
  const scratch = settings.platformConfigDir === null ? mkdtempSync(join(tmpdir(), "qualify-scaffold-config-")) : null;
  try {
    const config = loadEffectiveConfig({
      root: options.target,
      configDir: settings.platformConfigDir ?? scratch!,
      safeMode: options.safeMode,
      env: settings.platformEnv,
    });
    for (const rel of discoverManifestPaths(options.target, config.plugins.searchPaths)) {
      const read = readManifest(rel, {
        root: options.target,
        kernelApiVersion: KERNEL_API_VERSION,
        schemaVersion: config.schemaVersion,
        manifestSchema: null,
      });
      if (read.pluginId === pluginId) return read.facts;
    }
    return null;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
