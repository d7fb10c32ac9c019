import { defineConfig, type ViteUserConfig } from "vitest/config";
import { loadQualifyConfigFile, qualifyTestConfig, qualifyPlugin } from "./setup/qualify-config.ts";

/**
 * One config, two jobs. `vitest` (default mode) runs the suite's own tests; `vitest --mode qualify` qualifies a
 * target platform, generating one test per canonical plugin × check. Keeping both in one file keeps Vitest's own
 * flags (`-t`, `--ui`, `--watch`, `--reporter`) working unchanged for either job.
 */
export default defineConfig(async ({ mode }): Promise<ViteUserConfig> => {
  if (mode === "qualify") {
    // qualify.config.ts (optional) fills the environment the workers inherit; variables already set win.
    await loadQualifyConfigFile();
    return { plugins: [qualifyPlugin()], test: qualifyTestConfig() };
  }
  return {
    test: {
      include: [
        "{qualification,contracts,reporters,setup,probes,scripts,bench}/**/*.test.ts",
        "fixtures/services/**/*.test.ts",
      ],
      exclude: ["**/node_modules/**", "fixtures/example-platform/**"],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      pool: "forks",
      // The JSON report is what .ci/run counts; the default reporter is what people read.
      reporters: ["default", ["json", { outputFile: "artifacts/test-results.json" }]],
    },
  };
});
