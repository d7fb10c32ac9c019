import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadEffectiveConfig } from "../adapters/autocapture-nx/config/effective-config.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";
import { withPlatformConfigDir } from "../writers/platform-config-dir.ts";

/** Every file a lock writer may touch, absolute, with the name it is shown under. */
export interface LockPaths {
  readonly root: string;
  readonly lockfile: string;
  readonly lockfileDisplay: string;
  /** `<lockfile dir>/<lockfile stem>.history`: `config/plugin_locks.history/` for the default lockfile (`autocapture_nx/plugin_system/manager.py` `_lockfile_history_dir`). */
  readonly historyDir: string;
  readonly historyDisplay: string;
  /** `--signature`, else `QUALIFY_LOCK_SIGNATURE`, else `<lockfile>.sig.json` (`autocapture_nx/plugin_system/lock_signing.py`). */
  readonly signature: string;
  readonly signatureDisplay: string;
  /**
   * True when the user asked for a signature (`--signature`, `QUALIFY_LOCK_SIGNATURE` or
   * `QUALIFY_REQUIRE_LOCK_SIGNATURE=1`): then it is written even if it does not exist yet.
   */
  readonly signatureRequested: boolean;
  /** `--keyring`, else `QUALIFY_KEYRING`; null when no key is available. */
  readonly keyring: string | null;
}

/** Relative to the target root when inside it (as the platform's config names it), else absolute. */
export function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel.split(sep).join("/");
}

export interface LockPathOverrides {
  readonly signature?: string | undefined;
  readonly keyring?: string | undefined;
}

export function lockPathsFor(
  root: string,
  lockfileSetting: string,
  options: Pick<QualifyOptions, "signatureFile" | "keyringFile" | "requireLockSignature">,
  overrides: LockPathOverrides,
  cwd: string,
): LockPaths {
  const lockfile = isAbsolute(lockfileSetting) ? lockfileSetting : resolve(root, lockfileSetting);
  const historyDir = join(dirname(lockfile), `${basename(lockfile).replace(/\.json$/, "")}.history`);
  const explicit = overrides.signature !== undefined ? resolve(cwd, overrides.signature) : options.signatureFile;
  const signature = explicit ?? `${lockfile}.sig.json`;
  const keyring = overrides.keyring !== undefined ? resolve(cwd, overrides.keyring) : options.keyringFile;
  return {
    root,
    lockfile,
    lockfileDisplay: displayPath(root, lockfile),
    historyDir,
    historyDisplay: displayPath(root, historyDir),
    signature,
    signatureDisplay: displayPath(root, signature),
    signatureRequested: explicit !== null || options.requireLockSignature,
    keyring,
  };
}

/** The lockfile the target's effective config names (`plugins.locks.lockfile`), as a qualification reads it. */
export async function resolveLockPaths(
  options: QualifyOptions,
  overrides: LockPathOverrides,
  cwd: string,
): Promise<LockPaths> {
  const setting = await withPlatformConfigDir(
    options,
    (configDir) =>
      loadEffectiveConfig({ root: options.target, configDir, safeMode: options.safeMode, env: options.platformEnv })
        .plugins.lockfile,
  );
  return lockPathsFor(options.target, setting, options, overrides, cwd);
}
