import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";

/**
 * The platform config dir a writer must read the config through, so it sees the same effective config as a
 * qualification of the same options: the user's `AUTOCAPTURE_CONFIG_DIR` when given, else a fresh empty dir
 * (a qualification's fresh dir holds no user.json either). The fresh dir is removed afterwards.
 */
export async function withPlatformConfigDir<T>(
  options: Pick<QualifyOptions, "platformConfigDir">,
  fn: (configDir: string) => Promise<T> | T,
): Promise<T> {
  if (options.platformConfigDir !== null) return fn(options.platformConfigDir);
  const dir = mkdtempSync(join(tmpdir(), "qualify-writer-config-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
