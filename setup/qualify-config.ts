import { join } from "node:path";
import type { Plugin, TestUserConfig } from "vitest/config";
import {
  OptionsError,
  resolveOptions,
  resolveOutDir,
  SUITE_ROOT,
  type QualifyOptions,
} from "../qualification/shared/options/resolve-options.ts";
import { adapterNamed } from "../qualification/gather/adapters/adapter-registry.ts";
import { failUsage } from "../reporters/usage-error.ts";
import { applyConfigFile } from "../qualification/shared/options/qualify-config-file.ts";

const QUALIFICATION_REPORTER = join(SUITE_ROOT, "reporters/qualification-reporter.ts");
const EXAMPLE_SERVICES_SETUP = join(SUITE_ROOT, "setup/example-services.global.ts");
const WATCH_INTERPRETER_SETUP = join(SUITE_ROOT, "setup/watch-interpreter.global.ts");

/**
 * Vitest settings for `--mode qualify`. The target tree and the probe catalog usually live outside Vite's root,
 * so they are watched and made rerun triggers: editing a plugin file, a manifest, the lockfile, the config or
 * a probe spec re-runs the qualification file (and `-t <plugin_id>` keeps it to that plugin).
 */
export function qualifyTestConfig(): TestUserConfig {
  const options = usableOptions();
  return {
    include: ["qualification/register/plugins.qualify.ts"],
    globalSetup: [EXAMPLE_SERVICES_SETUP, WATCH_INTERPRETER_SETUP],
    reporters: ["default", QUALIFICATION_REPORTER],
    // A plain run ends (and exits) when qualified, in a terminal too; `--ui` is a session a person browses, so
    // it stays open after the run as Vitest's UI does elsewhere (decided here: Vitest sets up the UI's API for
    // watch mode before any plugin hook runs). `--run` closes it anyway.
    watch: process.argv.includes("--ui") && !process.argv.includes("--run"),
    pool: "forks",
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
    forceRerunTriggers: watchedDirs(options).map((dir) => `${dir}/**/*`),
  };
}

/** The target and the probe catalog in use (a catalog the target carries is inside it already). */
function watchedDirs(options: QualifyOptions): string[] {
  return [options.target, ...(options.probeCatalog.dir ? [options.probeCatalog.dir] : [])];
}

/** Applies qualify.config.ts (or QUALIFY_CONFIG) to process.env; an invalid one is a usage error (exit 2). */
export async function loadQualifyConfigFile(): Promise<void> {
  try {
    await applyConfigFile(process.env, process.cwd());
  } catch (error) {
    if (error instanceof OptionsError) failUsage(resolveOutDir(), error.message);
    throw error;
  }
}

/** The options, or — when they are unusable — exit 2 with the reason and a junit.xml saying it. */
function usableOptions(): QualifyOptions {
  try {
    const options = resolveOptions();
    adapterNamed(options.adapter);
    return options;
  } catch (error) {
    if (error instanceof OptionsError) failUsage(resolveOutDir(), error.message);
    throw error;
  }
}

export function qualifyPlugin(): Plugin {
  const options = usableOptions();
  return {
    name: "qualify:target",
    configureServer(server) {
      server.watcher.add(watchedDirs(options));
    },
    // `--reporter x` replaces the configured reporters; the outputs (final.json, reports, bundle) must not
    // depend on which console reporter a user picked, so the qualification reporter is always added back.
    configureVitest({ vitest }) {
      // Vitest's own --shard splits test files; ours splits plugins (one file holds them all). Translate it.
      const shard = vitest.config.shard;
      if (shard) {
        process.env.QUALIFY_SHARD = `${shard.index}/${shard.count}`;
        (vitest.config as { shard?: unknown }).shard = undefined;
      }
      // Workers read their options from the environment; watch mode (and the UI) lets them reuse the
      // platform's whole-platform answers across re-runs while their inputs are unchanged. Set either way, so
      // a one-shot run (CI, the marshal's repeated runs) never inherits reuse from its environment.
      process.env.QUALIFY_WATCH = vitest.config.watch ? "1" : "";
      const reporters = vitest.config.reporters as unknown as Array<[unknown, unknown]>;
      if (!reporters.some(([name]) => name === QUALIFICATION_REPORTER)) reporters.push([QUALIFICATION_REPORTER, {}]);
    },
  };
}
