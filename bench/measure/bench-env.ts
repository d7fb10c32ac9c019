import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { resolveOptions, SUITE_ROOT, type QualifyOptions } from "../../qualification/shared/options/resolve-options.ts";

/** Port 9 (discard) on loopback: nothing listens, so a service probe is refused at once, the same every run. */
const DEAD_SERVICE = "http://127.0.0.1:9";

/**
 * The environment of every qualification the benchmark runs on a synthetic platform. Its plugins have no probe
 * specs (an empty catalog), so `functional` fails with spec_missing without starting a process: probing is
 * per-plugin work of the plugins themselves, not the suite's overhead this benchmark is about.
 */
export function benchEnv(root: string, outDir: string, workDir: string): Record<string, string> {
  const probes = join(workDir, "empty-probes");
  mkdirSync(probes, { recursive: true });
  return {
    CI: "true",
    QUALIFY_TARGET: root,
    QUALIFY_OUT: outDir,
    QUALIFY_PROBES: probes,
    QUALIFY_SERVICE_7411_URL: DEAD_SERVICE,
    QUALIFY_SERVICE_8000_URL: DEAD_SERVICE,
    AUTOCAPTURE_VLM_ROOT_URL: DEAD_SERVICE,
    // The platform's whole-platform calls take minutes at 10,000 plugins on a busy 2-core box; a limit hit
    // there would measure a timeout, not the suite.
    QUALIFY_CLI_TIMEOUT_MS: String(30 * 60_000),
  };
}

export function benchOptions(env: Record<string, string>): QualifyOptions {
  return resolveOptions({ PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, SUITE_ROOT);
}

export const VITEST = join(SUITE_ROOT, "node_modules/vitest/vitest.mjs");
