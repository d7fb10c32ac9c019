import type { TestUserConfig, Plugin } from "vitest/config";
import { resolveOptions } from "../qualification/options/resolve-options.ts";

/**
 * Vitest settings for `--mode qualify`. The target tree and the probe catalog usually live outside Vite's root,
 * so they are added to the watcher and made rerun triggers: editing a plugin file, a manifest, the lockfile,
 * the config or a probe spec re-runs the qualification file (and `-t <plugin_id>` keeps it to that plugin).
 */
export function qualifyTestConfig(): TestUserConfig {
  const options = resolveOptions();
  const watched = [options.target, options.probesDir];
  return {
    include: ["qualification/register/plugins.qualify.ts"],
    reporters: ["default", "./reporters/qualification-reporter.ts"],
    watch: false,
    pool: "forks",
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
    forceRerunTriggers: watched.flatMap((dir) => [`${dir}/**/*`]),
  };
}

export function watchTargetPlugin(): Plugin {
  const options = resolveOptions();
  return {
    name: "qualify:watch-target",
    configureServer(server) {
      server.watcher.add([options.target, options.probesDir]);
    },
  };
}
