import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import type { QualifyOptions } from "../../../../shared/options/resolve-options.ts";
import { autocaptureSettings } from "../autocapture-environment.ts";
import type { LockLocation } from "../../lock-port.ts";
import { loadEffectiveConfig } from "../config/effective-config.ts";

/**
 * The lock files for a `plugins.locks.lockfile` setting (relative to the target root unless absolute): the
 * history is `<lockfile dir>/<lockfile stem>.history` (`config/plugin_locks.history/` for the default lockfile,
 * `autocapture_nx/plugin_system/manager.py` `_lockfile_history_dir`), the signature `<lockfile>.sig.json`
 * (`autocapture_nx/plugin_system/lock_signing.py`).
 */
export function lockLocation(root: string, lockfileSetting: string): LockLocation {
  const lockfile = isAbsolute(lockfileSetting) ? lockfileSetting : resolve(root, lockfileSetting);
  return {
    lockfile,
    historyDir: join(dirname(lockfile), `${basename(lockfile).replace(/\.json$/, "")}.history`),
    signature: `${lockfile}.sig.json`,
  };
}

/** The lockfile the target's effective config names, as a qualification reads it. */
export async function locateLock(options: QualifyOptions, configDir: string): Promise<LockLocation> {
  const config = loadEffectiveConfig({
    root: options.target,
    configDir,
    safeMode: options.safeMode,
    env: autocaptureSettings(options).platformEnv,
  });
  return lockLocation(options.target, config.plugins.lockfile);
}
