import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { platformSettingsOf } from "../../gather/adapters/platform-settings-of.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";

/**
 * The platform config dir a writer must read the config through, so it sees the same effective config as a
 * qualification of the same options: the user's config dir (named by the platform's variable, as its adapter
 * declares it) when given, else a fresh empty dir (a qualification's fresh dir holds no user.json either). The
 * fresh dir is removed afterwards.
 */
export async function withPlatformConfigDir<T>(
  options: Pick<QualifyOptions, "adapter" | "environment" | "cwd">,
  fn: (configDir: string) => Promise<T> | T,
): Promise<T> {
  const given = platformSettingsOf(options).platformConfigDir;
  if (given !== null) return fn(given);
  const dir = mkdtempSync(join(tmpdir(), "qualify-writer-config-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
